/**
 * Load generation with autocannon, in-process. Latencies are recorded from autocannon's
 * per-response timings (sub-millisecond), not its 1 ms histogram, so fast endpoints get real p50s.
 */
const autocannon = require('autocannon');

function run(opts, onResponse) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
    if (onResponse) instance.on('response', onResponse);
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/**
 * One measurement, raw: warms up for `warmupSec`, then loads `url` for `durationSec` at
 * `connections` connections, sending `headers`. `cpuMs()`, when given, reads the server's CPU time.
 */
async function sample(url, { connections = 50, durationSec = 10, warmupSec = 2, headers = {}, cpuMs = null } = {}) {
  if (warmupSec > 0) await run({ url, connections, duration: warmupSec, headers });
  const latencies = [];
  const cpuBefore = cpuMs ? cpuMs() : null;
  const result = await run({ url, connections, duration: durationSec, headers }, (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  return {
    durationSec,
    ok: result['2xx'],
    latencies,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
    bytes: result.throughput.total,
    cpuUsedMs: cpuMs ? cpuMs() - cpuBefore : null,
  };
}

/**
 * Figures from one or more samples of the same request: { rps, p50Ms, p99Ms, meanMs, errors,
 * requests, bytesPerRequest, cpuMsPerRequest }. errors counts connection errors, timeouts and
 * non-2xx answers; cpuMsPerRequest is the server's CPU per answered request, which unlike req/s
 * hardly moves when other work shares the machine.
 */
function summarize(samples) {
  const sum = (f) => samples.reduce((s, x) => s + f(x), 0);
  const ok = sum((x) => x.ok);
  const requests = sum((x) => x.requests);
  const latencies = samples.flatMap((x) => x.latencies).sort((a, b) => a - b);
  const cpu = samples.every((x) => x.cpuUsedMs !== null) ? sum((x) => x.cpuUsedMs) : null;
  const round = (x, d = 2) => (x === null || Number.isNaN(x) ? null : Number(x.toFixed(d)));
  return {
    rps: round(ok / sum((x) => x.durationSec), 0),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    meanMs: round(latencies.reduce((s, x) => s + x, 0) / Math.max(1, latencies.length)),
    errors: sum((x) => x.errors),
    requests,
    bytesPerRequest: requests ? Math.round(sum((x) => x.bytes) / requests) : null,
    cpuMsPerRequest: cpu !== null && ok > 0 ? round(cpu / ok, 3) : null,
  };
}

/** Warm-up, then one measurement of `url`: see sample() and summarize(). */
async function measure(url, opts) {
  return summarize([await sample(url, opts)]);
}

/** A server to measure in inRounds(): its base URL, its CPU clock, and the headers to send. */
const target = (server, headers = {}) => ({ base: server.base, cpuMs: server.cpuMs, headers, samples: [] });

/**
 * Loads `path` on each target in alternating rounds (the order rotates each round), so that other
 * load on the machine hits all alike; `load.durationSec` is each target's total. Returns each
 * target's figures (summarize()), in the targets' order.
 */
async function inRounds(targets, path, load, rounds = 2) {
  for (let round = 0; round < rounds; round++) {
    const each = { ...load, durationSec: load.durationSec / rounds, warmupSec: round === 0 ? load.warmupSec : 0 };
    for (let k = 0; k < targets.length; k++) {
      const t = targets[(k + round) % targets.length];
      t.samples.push(await sample(t.base + path, { ...each, headers: t.headers, cpuMs: t.cpuMs }));
    }
  }
  return targets.map((t) => summarize(t.samples));
}

module.exports = { measure, sample, summarize, percentile, inRounds, target };
