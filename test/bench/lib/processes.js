/**
 * Child processes under test (the production build of the app, and the raw baseline server):
 * spawning on a free loopback port, waiting for the first answered request, sampling memory from
 * /proc, and stopping them.
 */
const { Buffer } = require('node:buffer');
const { spawn } = require('node:child_process');
const { readdirSync, readFileSync } = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const { join } = require('node:path');
const { isDeepStrictEqual } = require('node:util');
const { clearInterval, clearTimeout, setInterval, setTimeout } = require('node:timers');
const { setTimeout: sleep } = require('node:timers/promises');
const { DIST, ROOT } = require('./paths');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** One GET on loopback: { status, headers, body } (body as a string). */
function get(url, { timeoutMs = 30_000, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
  });
}

/** Peak (VmHWM) and current (VmRSS) resident set size of a process, in MB; null when unreadable. */
function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => {
      const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
      return m ? Number(m[1]) / 1024 : null;
    };
    return { peakMb: kb('VmHWM'), rssMb: kb('VmRSS') };
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used, in ms; null when unreadable. */
function cpuMsOf(pid) {
  const t = cpuTimesOf(pid);
  return t && t.userMs + t.systemMs;
}

/** CPU time a process has used in user space and in the kernel (system calls, loopback TCP), in ms; null when unreadable. */
function cpuTimesOf(pid) {
  try {
    // Fields after the command name (which may contain spaces) start at index 2 (state).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop().split(' ');
    return { userMs: (Number(fields[11]) * 1000) / CLOCK_TICKS, systemMs: (Number(fields[12]) * 1000) / CLOCK_TICKS };
  } catch {
    return null;
  }
}
const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU time (user + system, ms) of each thread of a process, by thread id; empty when unreadable. */
function threadCpuMs(pid) {
  const out = new Map();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ').pop().split(' ');
      out.set(Number(tid), ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS);
    }
  } catch {
    // a thread that ended meanwhile, or no /proc
  }
  return out;
}

/**
 * Spawns `node <script> ...args` and waits until `readyPath` answers 200. Returns a handle with
 * the start-up time (spawn → first 200), memory figures and stop().
 */
async function startProcess({ name, script, args = [], nodeArgs = [], env = {}, readyPath, timeoutMs = 120_000 }) {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [...nodeArgs, script, ...args.map((a) => (a === '$PORT' ? String(port) : a))], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exited = { code, signal }))));

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let startupMs = null;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${name} exited (${JSON.stringify(exited)}) before answering:\n${output}`);
    try {
      const res = await get(base + readyPath, { timeoutMs: 5_000 });
      if (res.status === 200) {
        startupMs = Number(process.hrtime.bigint() - started) / 1e6;
        break;
      }
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
  if (startupMs === null) {
    child.kill('SIGKILL');
    throw new Error(`${name} did not answer ${readyPath} within ${timeoutMs / 1000} s:\n${output}`);
  }

  // VmHWM is the kernel's own high-water mark; sampling VmRSS too guards against kernels without it.
  let sampledPeakMb = 0;
  const sample = () => {
    const m = memoryOf(child.pid);
    if (m?.rssMb) sampledPeakMb = Math.max(sampledPeakMb, m.rssMb);
  };
  sample();
  const sampler = setInterval(sample, 200);
  sampler.unref();

  return {
    name,
    pid: child.pid,
    base,
    startupMs,
    output: () => output,
    /** Resolves with { code, signal } once the process has exited. */
    exited: () => exit,
    cpuMs: () => cpuMsOf(child.pid),
    peakRssMb() {
      sample();
      const m = memoryOf(child.pid);
      return Math.max(m?.peakMb ?? 0, sampledPeakMb);
    },
    async stop() {
      clearInterval(sampler);
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exit;
        clearTimeout(timer);
      }
    },
  };
}

/** Both servers sign cursors with one secret, so their answers (nextCursor included) can be compared. */
const BENCH_CURSOR_SECRET = 'bench-only-cursor-secret-not-used-anywhere-else';

/**
 * The app's production build on `dbPath`, logging at warn, never seeding; `dist` names another
 * build's dist/ folder (--compare-build: the same request on another commit, in the same run).
 */
function startApp(dbPath, { timeZone, nodeArgs = [], dist = DIST, name = 'app', env = {} }) {
  return startProcess({
    name,
    nodeArgs,
    script: join(dist, 'src', 'main.js'),
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SEED_ON_START: 'false',
      // The load comes from one address; the limits would answer most of it 429.
      RATE_LIMIT_PER_MINUTE: '1000000',
      DATABASE_PATH: dbPath,
      TRACKER_TIME_ZONE: timeZone,
      CURSOR_SECRET: BENCH_CURSOR_SECRET,
      ...env,
    },
    readyPath: '/health',
  });
}

/** One of the bench's own list servers (baseline-server.js, limit-server.js) on `dbPath`. */
function startListServer(name, file, dbPath, { timeZone }) {
  return startProcess({
    name,
    script: join(ROOT, 'test', 'bench', file),
    env: { DATABASE_PATH: dbPath, TRACKER_TIME_ZONE: timeZone, CURSOR_SECRET: BENCH_CURSOR_SECRET },
    readyPath: '/health',
  });
}

/** The raw node:http + better-sqlite3 baseline on `dbPath`. */
const startBaseline = (dbPath, opts) => startListServer('baseline', 'baseline-server.js', dbPath, opts);

/** The best implementation of the list this benchmark knows (limit-server.js) on `dbPath`. */
const startBest = (dbPath, opts) => startListServer('best', 'limit-server.js', dbPath, opts);

/** null when two servers answer `path` with the same JSON (deep-equal), else what differs. */
async function compareWithBaseline(appBase, baselineBase, path) {
  const [a, b] = await Promise.all([get(appBase + path), get(baselineBase + path)]);
  if (a.status !== 200 || b.status !== 200) return `app answered ${a.status}, baseline ${b.status}`;
  if (a.body === b.body) return null;
  const [ja, jb] = [JSON.parse(a.body), JSON.parse(b.body)];
  if (isDeepStrictEqual(ja, jb)) return null;
  const ia = ja.items ?? [];
  const ib = jb.items ?? [];
  const i = ia.findIndex((item, k) => !isDeepStrictEqual(item, ib[k]));
  return i >= 0
    ? `item ${i} differs: app ${JSON.stringify(ia[i]).slice(0, 300)} … baseline ${JSON.stringify(ib[i]).slice(0, 300)}`
    : `items equal, envelope differs: app nextCursor ${ja.nextCursor}, baseline ${jb.nextCursor}`;
}

module.exports = { freePort, get, compareWithBaseline, memoryOf, cpuMsOf, cpuTimesOf, threadCpuMs, startProcess, startApp, startBaseline, startBest };
