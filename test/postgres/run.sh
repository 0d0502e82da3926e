#!/usr/bin/env bash
# npm run test:postgres [-- jest args]: the PostgreSQL drift check, then the e2e suite (and the
# medium tier, when test/jest.config.js has it) against a real PostgreSQL. With DATABASE_URL set
# (postgres://… of a server where this user may create databases), on that server; else on a
# throwaway cluster (cluster.sh) started here and stopped on exit. Every test file gets a fresh
# database of its own (test/support/test-app.ts).
set -euo pipefail
cd "$(dirname "$0")/../.."

dir=""
template=""
cleanup() {
  if [ -n "$template" ]; then
    node -e "require('./dist/src/database/postgres/throwaway-database').dropDatabase(process.argv[1], process.argv[2])" "$DATABASE_URL" "$template" || true
  fi
  if [ -n "$dir" ]; then
    test/postgres/cluster.sh stop "$dir" || true
    rm -rf "$dir"
  fi
}
trap cleanup EXIT

if [ -z "${DATABASE_URL:-}" ]; then
  dir=$(mktemp -d)
  url=$(test/postgres/cluster.sh start "$dir" | sed -n 's/^DATABASE_URL=//p')
  export DATABASE_URL=$url
fi
echo "== PostgreSQL at $(node -e 'const u=new URL(process.argv[1]);console.log(u.host+u.pathname)' "$DATABASE_URL")"

npm run --silent build
echo "== migration check (SQLite and PostgreSQL)"
node dist/src/cli.js migration:check

# One migrated database per run, copied for each test file (a fresh database each, without running
# 200 DDL statements per boot); the migrations themselves run here, and from scratch in the
# multi-instance and drift checks.
template="tracker_template_$$"
node -e "require('./dist/src/database/postgres/throwaway-database').createDatabase(process.argv[1], process.argv[2]).catch((e) => { console.error(e); process.exit(1); })" "$DATABASE_URL" "$template"
DATABASE_URL=$(node -e "console.log(require('./dist/src/database/postgres/throwaway-database').databaseUrl(process.argv[1], process.argv[2]))" "$DATABASE_URL" "$template") \
  node dist/src/cli.js migration:run >/dev/null
export TRACKER_TEST_TEMPLATE=$template

projects=$(node -e "const c=require('./test/jest.config.js');console.log(c.projects.map(p=>p.displayName).filter(n=>n==='e2e'||n==='medium').join(' '))")
echo "== jest: $projects"
# In a process time zone that is not UTC, so an instant shifted by it shows (multi-instance spec).
# shellcheck disable=SC2086
TZ=America/Chicago npx jest --config test/jest.config.js --selectProjects $projects "$@"
