/**
 * What a read-cache hit costs against what the framework costs: the app's cached answer to the
 * list request, and a bare Fastify route (bare-fastify-server.js) answering the same bytes, measured
 * in alternating rounds so that machine noise hits both alike. Reported as CPU per request of each
 * and their ratio (the target: a hit within 3× the bare route), and req/s of each.
 */
const { Buffer } = require('node:buffer');
const { writeFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { sample, summarize } = require('../lib/load');
const { get, startProcess } = require('../lib/processes');
const { ROOT, CACHE_DIR } = require('../lib/paths');

const quotient = (x, y) => (x && y ? Number((x / y).toFixed(2)) : null);

/**
 * A bare Fastify route answering what the app answers for `path` (as a cache hit: same bytes, type and
 * ETag), checked equal first: { bare, answer, stop() }, or { skipped } when it cannot be.
 */
async function startBare(app, path) {
  const answer = await get(app.base + path);
  if (answer.status !== 200) return { skipped: `the app answered ${answer.status}` };
  const bodyFile = join(CACHE_DIR, `bare-body-${process.pid}.json`);
  writeFileSync(bodyFile, answer.body);
  const bare = await startProcess({
    name: 'bare Fastify',
    script: join(ROOT, 'test', 'bench', 'bare-fastify-server.js'),
    env: {
      BARE_BODY_FILE: bodyFile,
      BARE_PATH: path.split('?')[0],
      BARE_CONTENT_TYPE: answer.headers['content-type'],
      BARE_ETAG: answer.headers.etag,
    },
    readyPath: '/health',
  });
  const stop = async () => {
    await bare.stop();
    rmSync(bodyFile, { force: true });
  };
  const same = await get(bare.base + path);
  if (same.body !== answer.body) {
    await stop();
    return { skipped: 'the bare route did not answer the same bytes' };
  }
  return { bare, answer, stop };
}

/** `app`: the running app (startApp's handle); `path`: a cached JSON route; `load`: connections, durationSec, warmupSec. */
async function run({ app, path, load, log }) {
  const started = await startBare(app, path);
  if (started.skipped) return { skipped: started.skipped };
  const { bare, answer } = started;
  try {
    const rounds = 2;
    const appSamples = [];
    const bareSamples = [];
    for (let round = 0; round < rounds; round++) {
      const each = { ...load, durationSec: load.durationSec / rounds, warmupSec: round === 0 ? load.warmupSec : 0 };
      appSamples.push(await sample(app.base + path, { ...each, cpuMs: app.cpuMs }));
      bareSamples.push(await sample(bare.base + path, { ...each, cpuMs: bare.cpuMs }));
    }
    const hit = summarize(appSamples);
    const floor = summarize(bareSamples);
    log(
      `cache hit ${hit.cpuMsPerRequest} CPU ms/req (${hit.rps} req/s), bare Fastify ${floor.cpuMsPerRequest} CPU ms/req (${floor.rps} req/s)`,
    );
    return {
      path,
      bytes: Buffer.byteLength(answer.body),
      hit,
      bare: floor,
      cpuRatio: quotient(hit.cpuMsPerRequest, floor.cpuMsPerRequest),
      rpsRatio: quotient(floor.rps, hit.rps),
    };
  } finally {
    await started.stop();
  }
}

module.exports = { run, startBare };
