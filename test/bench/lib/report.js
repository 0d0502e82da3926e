/** The targets from the benchmark issue, how each is judged, and the Markdown report. */
const growth = require('../scenarios/growth');

const quotientOf = (x, y) => (x && y ? x / y : null);

const TARGETS = [
  {
    id: 'list.ratio',
    label: 'List throughput ÷ raw baseline (both doing the work: cache skipped)',
    min: 0.5,
    unit: '×',
    get: (r) => r.list?.ratio,
  },
  {
    id: 'list.cpuToBest',
    label: 'List CPU per request, cache skipped ÷ the best implementation (limit-server.js)',
    max: 1.5,
    unit: '×',
    atLargest: true,
    get: (r) => r.list?.cpuToBest,
  },
  { id: 'list.p99Ms', label: 'List p99 at 50 connections', max: 25, unit: ' ms', atLargest: true, get: (r) => r.list?.p99Ms },
  {
    id: 'scaling.latencyRatio100kTo1k',
    label: 'List latency (p50, cache skipped) at 100k ÷ at 1k',
    max: 1.5,
    unit: '×',
    atLargest: true,
    get: (r) => r.scaling?.latencyRatio100kTo1k ?? r.scaling?.largestTo1k,
  },
  { id: 'stats.p50Ms', label: 'Stats p50', max: 20, unit: ' ms', atLargest: true, get: (r) => r.stats?.p50Ms },
  { id: 'notify.scanRowsPerSec', label: 'Notification scan', min: 20000, unit: ' rows/s', get: (r) => r.notify?.scanRowsPerSec },
  {
    id: 'notify.scanStallRatio',
    label: 'HTTP p99 during a scan of 100,000 subscribers ÷ idle (worse of /health and the list)',
    max: 2,
    unit: '×',
    get: (r) => r.notify?.scanStallRatio,
  },
  {
    id: 'notify.emailsPerSec',
    label: 'Notification dispatch (loopback SMTP)',
    min: 1000,
    unit: ' emails/s',
    get: (r) => r.notify?.emailsPerSec,
  },
  {
    id: 'cacheHit.cpuRatio',
    label: 'Cache hit CPU ÷ a bare Fastify route answering the same bytes',
    max: 3,
    unit: '×',
    atLargest: true,
    get: (r) => r.cacheHit?.cpuRatio,
  },
  {
    id: 'memory.peakRssMb',
    label: 'Peak RSS of the app',
    max: 250,
    unit: ' MB',
    atLargest: true,
    get: (r) => r.memory?.peakRssMb,
  },
  {
    id: 'startup.ms',
    label: 'Start-up to first answered request',
    max: 3000,
    unit: ' ms',
    atLargest: true,
    get: (r) => r.startup?.ms,
  },
];

/**
 * Why a target is missed and what would close it, shown under the table when it is. Written from
 * the measurements; keep them true when the code changes.
 */
const NOTES = {
  'list.ratio':
    'The baseline runs the same three queries; the difference is Nest + Fastify routing, the validation pipe (class-validator on the query DTO), helmet (whose Fastify plugin rebuilds its middleware on every request) and TypeORM query plumbing on one event loop. Closing it: a cheaper hot path (serve cache hits before validation, build helmet once).',
  'list.cpuToBest':
    'The best implementation reads the same list rows with one prepared statement and writes the page as text, with nothing else. A list query validated before is answered before Nest\'s pipeline (src/common/http/early-routes.ts); what the app still does on top: Fastify routing and its request hooks (CORS, security headers, X-Request-Id), the rate-limit count, the data version read twice (before and after computing), the ETag of (data version, day, URL), the page copied into a Buffer and kept in the read cache, and the garbage all that makes (about a seventh of the process\'s time in a V8 profile).',
  'list.p99Ms':
    'At 50 connections on one event loop, latency is queueing: p99 ≈ 50 × CPU per request plus GC pauses and whatever else runs on the machine. Closing it: less CPU per request, or more processes (several instances behind a proxy).',
  'scaling.latencyRatio100kTo1k':
    'The list should cost the same at any size (keyset pagination on indexes); a growing ratio means a query reads in proportion to the table. Check EXPLAIN QUERY PLAN of the list queries on the largest database.',
  'stats.p50Ms':
    'Stats are grouped counts over the whole table, on covering indexes, computed once per data version and day (ReadCache); a miss costs tens of ms at 100k items. If the cache is bypassed or invalidated very often, counts kept up to date by the writes would close it.',
  'notify.scanRowsPerSec': 'See test/bench/scenarios/notifications.js and src/notifications.',
  'notify.scanStallRatio':
    'The scan runs in the server, between requests: it reads 200 subscriptions and computes what they are owed per turn of the event loop (NotificationScanner); on SQLite its writes (transactions of 500 notifications, the cursors, the cancellations) run in the write worker, a thread with its own connection (src/database/sqlite/write-worker.ts), so their statements and COMMITs no longer hold requests up. A request waits for at most one turn and for the young-generation collections of the garbage the scan makes; on 2 cores the worker, the event loop and the probe also compete for the CPUs. A larger ratio means a turn got longer (a query reading in proportion to the data) or more garbage (objects kept waiting for the worker).',
  'notify.emailsPerSec':
    "One event loop sends: emails/s ≈ 1,000 ÷ the dispatcher's CPU ms per email, when it has a core to itself (the SMTP sink takes the other). On a loaded machine the wall-clock rate falls with the share of the CPUs it gets; compare CPU ms per email.",
  'cacheHit.cpuRatio':
    'A hit is answered in a request hook added before Nest\'s middleware (src/common/cache/read-cache.ts answerEarly), after CORS and the security headers, counted against the rate limit (a constant cost, src/common/http/rate-limit-store.ts); what remains over the bare route is those hooks, the data-version read and, at LOG_LEVEL=info, the request line (RequestLog).',
  'memory.peakRssMb':
    'Not the data: any route under load, even /health, takes the process to ~240 MB, because V8 on this 24 GB host lets per-request garbage (Nest, Fastify, helmet, class-validator) pile up in the old generation before its first full GC; the live heap stays at 50–70 MB. A heap cap makes V8 collect sooner: --max-old-space-size=192 measured 184 MB for the API scenarios and 253 MB for the whole run at unchanged throughput (try it with --node-args). It belongs in the deployment (NODE_OPTIONS), sized against IMPORT_MAX_BYTES, since a large import needs heap. Less garbage per request (build helmet once instead of per request, skip validation on cache hits) would lower it without a cap.',
  'startup.ms': 'Start-up work that grows with the data (migrations check, close-time sync) or module loading.',
};

const fmt = (x, digits = 0) =>
  x === null || x === undefined || Number.isNaN(x)
    ? '—'
    : Number(x).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (x) => fmt(x, x !== null && x !== undefined && x < 10 ? 2 : 1);

function evaluateTargets(results) {
  const largest = results.meta.largest;
  return TARGETS.map((t) => {
    const value = t.get(results);
    const goal =
      t.max !== undefined
        ? `≤ ${fmt(t.max, Number.isInteger(t.max) ? 0 : 1)}${t.unit}`
        : `≥ ${fmt(t.min, t.min < 10 ? 1 : 0)}${t.unit}`;
    const at = t.atLargest && largest !== 100000 ? ` (at ${fmt(largest)} items: indicative only)` : '';
    if (value === null || value === undefined)
      return { id: t.id, label: t.label + at, goal, value: null, status: 'not measured' };
    let met;
    let margin;
    if (t.max !== undefined) {
      met = value <= t.max;
      margin = met
        ? `${fmt((1 - value / t.max) * 100)}% under the limit`
        : `missed by ${fmt(value - t.max, 2)}${t.unit} (${fmt(value / t.max, 2)}× the limit)`;
    } else {
      met = value >= t.min;
      margin = met
        ? `${fmt((value / t.min - 1) * 100)}% above the floor`
        : `missed by ${fmt(t.min - value, 2)}${t.unit} (${fmt((value / t.min) * 100)}% of the floor)`;
    }
    return {
      id: t.id,
      label: t.label + at,
      goal,
      value,
      unit: t.unit,
      status: met ? 'met' : 'missed',
      margin,
      note: met ? undefined : NOTES[t.id],
    };
  });
}

function toMarkdown(r) {
  const m = r.meta;
  const mc = m.machine;
  const when = m.date.replace('T', ' ').slice(0, 16) + ' UTC';
  const lines = [];
  lines.push(`## Benchmark results (${m.mode} run)`);
  lines.push('');
  lines.push(
    `${when}${mc.commit ? `, commit ${mc.commit}` : ''} · ${mc.cores} × ${mc.cpu}, ${mc.memoryGb} GB RAM, ${mc.os} · Node ${mc.node}, SQLite ${mc.sqlite} · ` +
      `autocannon, ${m.connections} connections on loopback, ${m.durationSec} s per scenario after ${m.warmupSec} s warm-up · ` +
      `generated databases (v${m.generatorVersion}) of ${m.sizes.map((s) => fmt(s)).join(' / ')} recommendations, ~10 status changes, 2 deadlines and 1 finding each.`,
  );
  lines.push('');
  const [load1] = m.loadAverageBefore ?? [0];
  if (load1 > 1 || (m.loadAverageAfter?.[0] ?? 0) > 2) {
    lines.push(
      `Machine load average ${m.loadAverageBefore?.join(' / ')} before, ${m.loadAverageAfter?.join(' / ')} after: other work shared the CPUs, so req/s and latencies are pessimistic; CPU ms per request is the steadier figure.`,
    );
    lines.push('');
  }
  lines.push(
    `### Endpoints at ${fmt(m.largest)} items (production build, LOG_LEVEL=warn${m.nodeArgs?.length ? `, node ${m.nodeArgs.join(' ')}` : ''})`,
  );
  lines.push('');
  lines.push('| Scenario | Request | one request ms | req/s | p50 ms | p99 ms | errors | CPU ms/req |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|');
  const row = (label, path, s) => {
    // An answer slower than duration ÷ connections may not complete at all under load.
    const errors = s.requests === 0 ? 'no answer completed during the run' : fmt(s.errors);
    return `| ${label} | \`GET ${path}\` | ${ms(s.firstMs)} | ${fmt(s.rps)} | ${ms(s.p50Ms)} | ${ms(s.p99Ms)} | ${errors} | ${fmt(s.cpuMsPerRequest, 3)} |`;
  };
  for (const key of ['list', 'search', 'searchUncached', 'searchRare', 'searchMixed', 'detail', 'stats', 'dashboard', 'ics']) {
    const s = r[key];
    if (!s || !s.label) continue;
    if (s.skipped) {
      lines.push(`| ${s.label} | \`GET ${s.path}\` | ${ms(s.firstMs)} | — | — | — | skipped: ${s.skipped} | — |`);
      continue;
    }
    lines.push(row(s.label, s.path, s));
    if (key === 'list' && s.uncached)
      lines.push(row(`${s.label}, response cache skipped`, `${s.path}\` + \`Cache-Control: no-cache`, s.uncached));
  }
  const top = r.scaling.sizes[m.largest];
  if (top?.baselineRps) {
    lines.push(
      row(
        `Raw baseline: node:http + better-sqlite3, same SQL and JSON${top.baselineJsonEqual ? ' (answer checked equal)' : ' (ANSWER DIFFERS)'}`,
        r.list?.path ?? '',
        {
          rps: top.baselineRps,
          p50Ms: top.baselineP50Ms,
          p99Ms: top.baselineP99Ms,
          errors: 0,
          cpuMsPerRequest: top.baselineCpuMsPerRequest,
        },
      ),
    );
  }
  const hit = r.cacheHit;
  if (hit?.hit) {
    lines.push(row('Bare Fastify route answering the same bytes (cache-hit floor)', r.list?.path ?? '', hit.bare));
    lines.push('');
    lines.push(
      `Cache hit ÷ bare Fastify route, measured in alternating rounds: **${fmt(hit.cpuRatio, 2)}× the CPU per request** ` +
        `(${fmt(hit.hit.cpuMsPerRequest, 3)} vs ${fmt(hit.bare.cpuMsPerRequest, 3)} ms), ${fmt(hit.rpsRatio, 2)}× fewer req/s ` +
        `(${fmt(hit.hit.rps)} vs ${fmt(hit.bare.rps)}), ${fmt(hit.bytes)}-byte answer.`,
    );
  } else if (hit?.skipped) {
    lines.push('', `Cache hit ÷ bare Fastify route: skipped, ${hit.skipped}.`);
  }
  if (top?.bestRps) {
    lines.push(
      row(
        `Best implementation: node:http + better-sqlite3 over the list rows, page written as text${top.bestJsonEqual ? ' (answer checked equal)' : ' (ANSWER DIFFERS)'}`,
        r.list?.path ?? '',
        { rps: top.bestRps, p50Ms: top.bestP50Ms, p99Ms: top.bestP99Ms, errors: 0, cpuMsPerRequest: top.bestCpuMsPerRequest },
      ),
    );
  }
  if (top?.compareRps) {
    lines.push(
      row(
        `Compared build (--compare-build), response cache skipped${top.compareJsonEqual ? ' (answer checked equal)' : ' (ANSWER DIFFERS)'}`,
        r.list?.path ?? '',
        {
          rps: top.compareRps,
          p50Ms: null,
          p99Ms: null,
          errors: 0,
          cpuMsPerRequest: top.compareCpuMsPerRequest,
        },
      ),
    );
  }
  if (top?.cpuToBest) {
    lines.push('');
    lines.push(
      `Uncached list, CPU per request: app ÷ best implementation **${fmt(top.cpuToBest, 2)}**, app ÷ raw baseline ${fmt(quotientOf(top.uncachedCpuMsPerRequest, top.baselineCpuMsPerRequest), 2)}` +
        (top.cpuToCompare ? `, app ÷ compared build ${fmt(top.cpuToCompare, 2)} (req/s: ${fmt(top.rpsToCompare, 2)}×)` : '') +
        '; measured in alternating rounds in one run.',
    );
  }
  if (r.compare?.rows?.length) {
    lines.push('');
    lines.push(`### Before and after: this build ÷ \`${r.compare.build}\` (--compare-build)`);
    lines.push('');
    lines.push(
      'Each row measured on both builds in alternating rounds in this one run, on copies of the same database; CPU ÷ below 1: this build spends less CPU per request; req/s ÷ above 1: it answers more per second.',
    );
    lines.push('');
    lines.push(
      '| Scenario | req/s this / compared | ÷ | CPU ms/req this / compared | ÷ | p50 ms this / compared | one request ms this / compared | answer bytes this / compared | same bytes |',
    );
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---|');
    const pair = (a, b, f) => `${f(a)} / ${f(b)}`;
    for (const c of r.compare.rows) {
      const a = c.app ?? {};
      const b = c.compare ?? {};
      const same = c.sameAnswer === null ? '—' : c.sameAnswer ? 'yes' : 'no';
      const label = c.skipped ? `${c.label} (skipped: ${c.skipped})` : c.label;
      lines.push(
        `| ${label} | ${pair(a.rps, b.rps, fmt)} | ${fmt(c.rpsRatio, 2)} | ${pair(a.cpuMsPerRequest, b.cpuMsPerRequest, (x) => fmt(x, 3))} | ` +
          `**${fmt(c.cpuRatio, 2)}** | ${pair(a.p50Ms, b.p50Ms, ms)} | ${pair(c.firstMs, c.compareFirstMs, ms)} | ` +
          `${pair(a.bytesPerRequest ?? c.firstBytes, b.bytesPerRequest ?? c.compareFirstBytes, fmt)} | ${same} |`,
      );
    }
  }
  if (r.memory?.peakRssApiMb) {
    lines.push('');
    lines.push(
      `Peak RSS of the app: ${fmt(r.memory.peakRssMb)} MB over the whole ${fmt(m.largest)}-item run, ${fmt(r.memory.peakRssApiMb)} MB before the dashboard and feed scenarios.`,
    );
  }
  lines.push('');
  lines.push('### The list request by database size');
  lines.push('');
  lines.push(
    '| Items | req/s | p50 ms | p99 ms | uncached req/s | uncached p50 ms | uncached p99 ms | baseline req/s | uncached ÷ baseline | start-up ms | peak RSS MB |',
  );
  lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const size of m.sizes) {
    const s = r.scaling.sizes[size] ?? {};
    lines.push(
      `| ${fmt(size)} | ${fmt(s.rps)} | ${ms(s.p50Ms)} | ${ms(s.p99Ms)} | ${fmt(s.uncachedRps)} | ${ms(s.uncachedP50Ms)} | ${ms(s.uncachedP99Ms)} | ${fmt(s.baselineRps)} | ${fmt(s.ratio, 2)} | ${fmt(s.startupMs)} | ${fmt(s.peakRssMb)} |`,
    );
  }
  lines.push('');
  lines.push(
    `latency(${fmt(m.largest)}) ÷ latency(${fmt(m.sizes[0])}), p50 uncached: **${fmt(r.scaling.largestTo1k, 2)}**; ` +
      `"uncached" sends \`Cache-Control: no-cache\`, which makes the app skip its response cache (src/common/cache/read-cache.ts).`,
  );
  lines.push('');
  lines.push(...growth.markdown(r));
  lines.push('### Notifications');
  lines.push('');
  if (r.notify.skipped) lines.push(`Skipped: ${r.notify.skipped}. The hook is test/bench/scenarios/notifications.js.`);
  else {
    const d = r.notify.dispatch ?? {};
    lines.push(
      '| Scan (rows/s) | Dispatch to loopback SMTP (emails/s) | Emails | App CPU ms/email (kernel) | SMTP server CPU ms/email | Dispatcher peak RSS (MB) | Load average |',
    );
    lines.push('|---:|---:|---:|---:|---:|---:|---:|');
    lines.push(
      `| ${fmt(r.notify.scanRowsPerSec)} | ${fmt(r.notify.emailsPerSec)} | ${fmt(d.emails)} | ${fmt(d.cpuMsPerEmail, 2)} (${fmt(d.systemCpuMsPerEmail, 2)}) | ` +
        `${fmt(d.sinkCpuMsPerEmail, 2)} | ${fmt(d.peakRssMb)} | ${(d.loadAverage ?? []).join(' → ')} |`,
    );
    const sc = r.notify.scan;
    if (sc) {
      lines.push(
        '',
        `Scan of ${fmt(sc.subscribers)} subscribers × ${sc.deadlines} open deadlines: ${fmt(sc.reminders)} reminders in ${fmt(sc.seconds, 1)} s ` +
          `(${fmt(sc.cpuSec, 1)} CPU s, HTTP answered meanwhile included); a second scan ${fmt(sc.secondScanMs)} ms, nothing written. ` +
          `p99 during ÷ idle: /health ${fmt(sc.health?.scanP99Ms, 1)} ÷ ${fmt(sc.health?.idleP99Ms, 1)} ms (${fmt(sc.health?.ratio, 2)}×), ` +
          `list ${fmt(sc.list?.scanP99Ms, 1)} ÷ ${fmt(sc.list?.idleP99Ms, 1)} ms (${fmt(sc.list?.ratio, 2)}×).`,
      );
    }
    if (r.notify.note) lines.push('', r.notify.note);
  }
  lines.push('');
  lines.push('### Targets (2-core machine)');
  lines.push('');
  lines.push('| Target | Goal | Measured | Result |');
  lines.push('|---|---|---:|---|');
  for (const t of r.targets) {
    const value = t.value === null ? '—' : `${fmt(t.value, t.value < 10 ? 2 : 0)}${t.unit}`;
    lines.push(`| ${t.label} | ${t.goal} | ${value} | ${t.status}${t.margin ? `: ${t.margin}` : ''} |`);
  }
  const missed = r.targets.filter((t) => t.note);
  if (missed.length) {
    lines.push('');
    for (const t of missed) lines.push(`- **${t.label}** missed: ${t.note}`);
  }
  if (r.problems.length) {
    lines.push('');
    lines.push('### Problems');
    lines.push('');
    for (const p of r.problems) lines.push(`- ${p}`);
  }
  lines.push('');
  return lines.join('\n');
}

module.exports = { TARGETS, NOTES, evaluateTargets, toMarkdown };
