/**
 * Growth (`npm run bench -- --size 1000000`, or `--sizes 100000,1000000`): every scenario runs at
 * every size from 100,000 items up, and this table sets each beside the smallest of those sizes
 * with the ratio, so what grows with the data shows at a glance.
 */
const FULL_FROM = 100_000;

/** Whether a run with these sizes is a growth run (two sizes or more from 100,000 items). */
const isGrowth = (sizes) => sizes.filter((s) => s >= FULL_FROM).length > 1;

/** Whether every scenario runs at `size` in this run. */
const runsEverything = (size, { sizes, largest }) => size === largest || (isGrowth(sizes) && size >= FULL_FROM);

const fmt = (x, digits = 0) =>
  x === null || x === undefined || Number.isNaN(x)
    ? '—'
    : Number(x).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ratio = (a, b) => (a && b ? `**${fmt(a / b, 2)}**` : '—');

/** The rows of the growth table: one per scenario and figure, the sizes side by side. */
function rows(r) {
  const sizes = r.meta.sizes.filter((s) => s >= FULL_FROM);
  const at = (size) => r.scaling.sizes[size] ?? {};
  const out = [];
  const add = (label, get, digits) => out.push({ label, values: sizes.map((s) => get(at(s))), digits });
  add('List, cached: CPU ms/req', (s) => s.cpuMsPerRequest, 3);
  add('List, cached: p50 ms', (s) => s.p50Ms, 2);
  add('List, cache skipped: CPU ms/req', (s) => s.uncachedCpuMsPerRequest, 3);
  add('List, cache skipped: p50 ms', (s) => s.uncachedP50Ms, 2);
  add('Raw baseline list: CPU ms/req', (s) => s.baselineCpuMsPerRequest, 3);
  const keys = [...new Set(sizes.flatMap((s) => Object.keys(at(s).scenarios ?? {})))];
  for (const key of keys) {
    const of = (s) => s.scenarios?.[key] ?? {};
    const label = sizes.map((s) => of(at(s)).label).find(Boolean) ?? key;
    add(`${label}: first request ms`, (s) => of(s).firstMs, 1);
    add(`${label}: CPU ms/req`, (s) => (of(s).skipped ? null : of(s).cpuMsPerRequest), 3);
    add(`${label}: p50 ms`, (s) => (of(s).skipped ? null : of(s).p50Ms), 2);
  }
  add('Start-up ms', (s) => s.startupMs, 0);
  add('Peak RSS MB', (s) => s.peakRssMb, 0);
  return { sizes, rows: out };
}

/** The Markdown section, or [] when the run is not a growth run. */
function markdown(r) {
  if (!isGrowth(r.meta.sizes)) return [];
  const { sizes, rows: table } = rows(r);
  const [first] = sizes;
  const last = sizes[sizes.length - 1];
  const lines = ['### Growth', ''];
  lines.push(`| Scenario | ${sizes.map((s) => `${fmt(s)} items`).join(' | ')} | ${fmt(last)} ÷ ${fmt(first)} |`);
  lines.push(`|---|${sizes.map(() => '---:').join('|')}|---:|`);
  for (const row of table) {
    lines.push(
      `| ${row.label} | ${row.values.map((v) => fmt(v, row.digits)).join(' | ')} | ${ratio(row.values[row.values.length - 1], row.values[0])} |`,
    );
  }
  lines.push('');
  lines.push(
    '"first request" is one request before any load, so not from the read cache; the load figures of cached routes are mostly cache hits. Skipped scenarios show —.',
  );
  lines.push('');
  return lines;
}

module.exports = { FULL_FROM, isGrowth, runsEverything, markdown, rows };
