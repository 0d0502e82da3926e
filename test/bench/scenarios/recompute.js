#!/usr/bin/env node
/**
 * What the stats and the overview cost to recompute after a write, in-process (the production build's
 * services on a working copy of a bench database): `rounds` times, one item's headline status is moved
 * (its tallies move with it, by trigger), then the stats (or the whole overview page) are computed
 * again; the CPU time of each recomputation (process.cpuUsage, so the machine's load matters less than
 * for latencies). Reported, never asserted.
 *
 *   node test/bench/scenarios/recompute.js <db.sqlite> [--rounds 100] [--in-place]
 * (copies the database first; --in-place: on the given file, a working copy already migrated.)
 */
const { copyFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { CACHE_DIR, requireDist } = require('../lib/paths');

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function run({ dbPath, rounds = 100, inPlace = false, log = console.log }) {
  const copy = inPlace ? dbPath : join(CACHE_DIR, `recompute-${process.pid}.sqlite`);
  const remove = () => (inPlace ? undefined : ['', '-wal', '-shm'].forEach((s) => rmSync(copy + s, { force: true })));
  if (!inPlace) copyFileSync(dbPath, copy);
  const { NestFactory } = require('@nestjs/core');
  const { DataSource } = require('typeorm');
  const { AppModule } = requireDist('src/app.module');
  const { validateEnvironment } = requireDist('src/config/environment');
  const { StatsService } = requireDist('src/stats/stats.service');
  const { DashboardController } = requireDist('src/dashboard/dashboard.controller');
  const env = validateEnvironment({
    LOG_LEVEL: 'error',
    SEED_ON_START: 'false',
    NOTIFY_INTERVAL_SECONDS: '0',
    DATABASE_PATH: copy,
    TRACKER_TIME_ZONE: 'America/Chicago',
  });
  const ctx = await NestFactory.createApplicationContext(AppModule.forRoot(env), { logger: ['error'] });
  try {
    const db = ctx.get(DataSource);
    const [{ id }] = await db.query(`SELECT id FROM recommendation ORDER BY id LIMIT 1 OFFSET 4242`);
    const targets = {
      stats: () => ctx.get(StatsService).stats(),
      overview: () => ctx.get(DashboardController).home({}),
    };
    const out = {};
    for (const [name, compute] of Object.entries(targets)) {
      const samples = [];
      for (let i = 0; i < rounds + 5; i++) {
        await db.query(`UPDATE recommendation SET headline_status = ? WHERE id = ?`, [i % 2 ? 'stalled' : 'rejected', id]);
        const before = cpuMs();
        await compute();
        if (i >= 5) samples.push(cpuMs() - before);
      }
      const before = cpuMs();
      for (let i = 0; i < rounds; i++) await compute();
      const cached = (cpuMs() - before) / rounds;
      samples.sort((a, b) => a - b);
      out[name] = {
        meanCpuMs: Number((samples.reduce((a, b) => a + b, 0) / samples.length).toFixed(2)),
        medianCpuMs: Number(samples[Math.floor(samples.length / 2)].toFixed(2)),
        cachedCpuMs: Number(cached.toFixed(3)),
      };
      log(
        `recompute: ${name} after a status change: CPU mean ${out[name].meanCpuMs} ms, median ${out[name].medianCpuMs} ms; cached value ${out[name].cachedCpuMs} ms`,
      );
    }
    return out;
  } finally {
    await ctx.close();
    remove();
  }
}

module.exports = { run };

if (require.main === module) {
  const argv = process.argv.slice(2);
  const flag = (name, fallback) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
  run({ dbPath: argv[0], rounds: flag('--rounds', 100), inPlace: argv.includes('--in-place') })
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
