// Preload (node -r) for memory experiments only: replaces the app's SQLite settings named in
// BENCH_SQLITE_PRAGMAS ("cache_size = -8000; temp_store = FILE") when the app sets them, so one build
// can be measured with other settings. Used by feed-stream.js --pragmas; never by the app.
const Database = require('better-sqlite3');

const overrides = new Map(
  String(process.env.BENCH_SQLITE_PRAGMAS ?? '')
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => [p.split('=')[0].trim().toLowerCase(), p]),
);
const pragma = Database.prototype.pragma;
Database.prototype.pragma = function (source, options) {
  const name = String(source).split('=')[0].trim().toLowerCase();
  return pragma.call(this, source.includes('=') && overrides.has(name) ? overrides.get(name) : source, options);
};
