#!/usr/bin/env bash
# npm run test:postgres [-- jest args]: the PostgreSQL drift check, then the e2e suite (and the
# medium tier, when test/jest.config.js has it) against a real PostgreSQL. With DATABASE_URL set
# (postgres://… of a server where this user may create databases), on that server; else on a
# throwaway cluster (cluster.sh) started here and stopped on exit. Every test file gets a fresh
# database of its own (test/support/test-app.ts).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ -z "${DATABASE_URL:-}" ]; then
  dir=$(mktemp -d)
  trap 'test/postgres/cluster.sh stop "$dir" || true; rm -rf "$dir"' EXIT
  url=$(test/postgres/cluster.sh start "$dir" | sed -n 's/^DATABASE_URL=//p')
  export DATABASE_URL=$url
fi
echo "== PostgreSQL at $(node -e 'const u=new URL(process.argv[1]);console.log(u.host+u.pathname)' "$DATABASE_URL")"

npm run --silent build
echo "== migration check (SQLite and PostgreSQL)"
node dist/src/cli.js migration:check

projects=$(node -e "const c=require('./test/jest.config.js');console.log(c.projects.map(p=>p.displayName).filter(n=>n==='e2e'||n==='medium').join(' '))")
echo "== jest: $projects"
# shellcheck disable=SC2086
npx jest --config test/jest.config.js --selectProjects $projects "$@"
