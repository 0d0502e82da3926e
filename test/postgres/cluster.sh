#!/usr/bin/env bash
# A throwaway PostgreSQL for tests and CI, on 127.0.0.1 only, in a temp folder.
#   cluster.sh start <dir>   installs PostgreSQL from Debian when absent, initialises a cluster in <dir>
#                            (C collation, UTF-8, no fsync), starts it on a free port and prints
#                            DATABASE_URL=postgres://postgres@127.0.0.1:<port>/postgres (the admin database;
#                            callers create their own databases in it)
#   cluster.sh stop <dir>    stops it (the caller removes <dir>)
# PG_SERVER_OPTIONS (say "-c fsync=on -c full_page_writes=on", as the benchmark runs it) is appended to
# the server's options, so it overrides the test settings below.
# initdb and postgres refuse to run as root: as root, the cluster runs as the `postgres` OS user that
# the Debian package creates; as anyone else, as that user.
set -euo pipefail
cmd=${1:?usage: cluster.sh start|stop <dir>}
dir=${2:?usage: cluster.sh start|stop <dir>}

pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
start)
  if [ -z "$(pgbin)" ]; then
    [ "$(id -u)" = 0 ] || { echo "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)" >&2; exit 1; }
    echo "installing PostgreSQL from Debian" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql postgresql-contrib >/dev/null
  fi
  bin=$(pgbin)
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd -r -m -d /var/lib/postgresql -s /bin/bash postgres
    chown postgres:postgres "$dir"
  fi
  chmod 700 "$dir"
  # A free port, asked of the kernel (several runs may share the machine).
  port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --lc-collate=C --no-sync >"$dir/initdb.log"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c TimeZone=UTC ${PG_SERVER_OPTIONS:-}" \
    start >/dev/null
  echo "$port" >"$dir/port"
  echo "DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
  ;;
stop)
  [ -d "$dir/data" ] || exit 0
  as_owner "$(pgbin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  ;;
*)
  echo "usage: cluster.sh start|stop <dir>" >&2
  exit 2
  ;;
esac
