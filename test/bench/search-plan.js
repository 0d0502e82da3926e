#!/usr/bin/env node
/**
 * Micro-benchmark of the search's SQL at two database sizes, in the same run (rounds alternate
 * between the databases): the app's own repository code (dist/) plans each query and reads the
 * first page of stored list rows, as `GET /api/v1/recommendations?q=…&limit=50` does, without HTTP.
 *
 *   npm run build
 *   SQLITE_USE_URI=1 node test/bench/search-plan.js <small.sqlite> <large.sqlite> [--rounds 7] [--main] 'foot pursuit' '#' '# pursuit'
 *
 * The databases are opened read-only and immutable (`file:…?immutable=1`, which better-sqlite3 takes
 * with SQLITE_USE_URI=1), so a shared generated database can be measured in place without a copy; a
 * database generated before the search vocabulary (migrations/sqlite RecommendationSearchTerms) gets it
 * in a TEMP table, filled as the migration fills it. `#` in a query is the slug number of item 54321,
 * a word exactly one item has at any size. Each query runs with `status=in_progress` and without.
 * `--main` also runs main's plan before the search plan (every match scored by bm25 over the plain
 * prefix query) for comparison. Prints the first call's and the median CPU ms per query and size,
 * and large ÷ small.
 */
require('reflect-metadata');
const Database = require('better-sqlite3');
const { requireDist } = require('./lib/paths');

const { RecommendationsRepository } = requireDist('src/recommendations/recommendations.repository.js');
const { CURRENT_TABLES } = requireDist('src/database/known-at.js');
const { isCommonSearch } = requireDist('src/database/search-plan.js');
const { searchExpression } = requireDist('src/database/sqlite/search.js');
const { FILL_RECOMMENDATION_SEARCH_TERMS } = requireDist('migrations/sqlite/1796220000002-RecommendationSearchTerms.js');

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const value = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const rounds = Number(value('--rounds', 7));
const positional = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--rounds');
const paths = positional.filter((a) => a.endsWith('.sqlite'));
const queries = positional.filter((a) => !a.endsWith('.sqlite'));
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function open(path) {
  const db = new Database(`file:${path}?immutable=1`, { readonly: true });
  db.pragma('cache_size = -32000');
  const hasVocabulary = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'recommendation_search_term'`).get();
  if (!hasVocabulary) {
    const started = Date.now();
    db.exec(`CREATE TEMP TABLE recommendation_search_term (term text PRIMARY KEY NOT NULL) WITHOUT ROWID`);
    for (const statement of FILL_RECOMMENDATION_SEARCH_TERMS) db.exec(statement.replace('"recommendation_search_term"', 'temp."recommendation_search_term"'));
    console.error(`${path}: vocabulary filled in a TEMP table in ${Date.now() - started} ms`);
  }
  // What the repository needs of a TypeORM DataSource: the raw connection, and query() for its awaited reads.
  const dataSource = {
    options: { type: 'better-sqlite3' },
    driver: { databaseConnection: db },
    query: async (sql, params = []) => db.prepare(sql).all(...params.map((p) => (Number.isInteger(p) ? BigInt(p) : p))),
  };
  const width = String(db.prepare('SELECT MAX(id) AS m FROM recommendation').get().m).length;
  return { path, width, repo: new RecommendationsRepository(dataSource) };
}

const filters = (extra) => ({ instant: new Date().toISOString(), staleCutoff: '2026-06-01', limit: 50, tables: CURRENT_TABLES, ...extra });

async function once(site, rawQ, statuses, plan) {
  const q = rawQ.replace('#', String(54321).padStart(site.width, '0'));
  const started = cpuMs();
  let rows;
  if (plan === 'search plan') {
    const { query, estimate } = await site.repo.searchPlan(q);
    const common = isCommonSearch(estimate, 5000);
    rows = await site.repo.listRows(filters({ q, statuses, sort: common ? 'slug' : 'relevance', search: { query, walk: common } }));
  } else {
    const ranked = {
      sql: `SELECT rowid AS id, bm25(recommendation_search, 10.0, 2.0, 4.0, 1.0) AS score FROM recommendation_search WHERE recommendation_search MATCH ?`,
      params: [searchExpression(q)],
    };
    rows = await site.repo.listRows(filters({ q, statuses, sort: 'relevance', search: { query: { ranked }, walk: false } }));
  }
  return { cpu: cpuMs() - started, rows: rows.length };
}

(async () => {
  const sites = paths.map(open);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const plan of flag('--main') ? ['main', 'search plan'] : ['search plan']) {
    for (const q of queries) {
      for (const statuses of [['in_progress'], undefined]) {
        const runs = sites.map(() => []);
        for (let r = 0; r < rounds; r++) {
          const order = r % 2 ? [...sites.keys()].reverse() : [...sites.keys()];
          for (const i of order) runs[i].push(await once(sites[i], q, statuses, plan));
        }
        const stats = runs.map((rs) => ({ first: rs[0].cpu, median: median(rs.slice(1).map((x) => x.cpu)), rows: rs[0].rows }));
        const parts = stats.map((s, i) => `${sites[i].path.split('/').pop()}: first ${s.first.toFixed(1)}, median ${s.median.toFixed(2)} CPU ms (${s.rows} rows)`);
        const last = stats[stats.length - 1];
        const ratio = stats.length > 1 ? ` | ÷ first ${(last.first / stats[0].first).toFixed(2)}, median ${(last.median / stats[0].median).toFixed(2)}` : '';
        console.log(`${plan} | q=${q}${statuses ? ' status=in_progress' : ''} | ${parts.join(' | ')}${ratio}`);
      }
    }
  }
})();
