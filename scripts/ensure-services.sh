#!/usr/bin/env bash
# Makes sure what Kneadwise needs on this machine is running: PostgreSQL on 127.0.0.1:5432 (trust for the
# postgres role on loopback) and Redis on 127.0.0.1:6379 (maxmemory-policy noeviction); with --browser also
# Debian's Chromium for the browser tests. Starts installed services that are stopped; installs missing
# ones from Debian's packages when run as root. Safe to run again: it changes nothing that already works.
set -euo pipefail

want_browser=false
for arg in "$@"; do [[ "$arg" == "--browser" ]] && want_browser=true; done

say() { printf 'ensure-services: %s\n' "$*" >&2; }
is_root() { [[ "$(id -u)" == "0" ]]; }
apt_install() {
  if ! is_root || ! command -v apt-get >/dev/null; then
    say "missing $*; install it (Debian: sudo apt-get install -y $*) or see README 'Prerequisites'"; exit 1
  fi
  say "installing $* from Debian's packages"
  if [[ -z "${KW_APT_UPDATED:-}" ]]; then apt-get update -qq >/dev/null; export KW_APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_ok() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
pg_login_ok() { psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; }

ensure_postgres() {
  if ! command -v pg_ctlcluster >/dev/null && ! pg_ok; then apt_install postgresql; fi
  if ! pg_ok && command -v pg_ctlcluster >/dev/null; then
    local version; version="$(ls /etc/postgresql | sort -V | tail -1)"
    say "starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do pg_ok && break; sleep 0.5; done
  fi
  pg_ok || { say "PostgreSQL does not answer on 127.0.0.1:5432"; exit 1; }
  if ! pg_login_ok && is_root; then
    # Debian asks for a password on TCP; the tests and the default DATABASE_URL use trust on loopback.
    local hba; hba="$(su postgres -c "psql -Atqc 'show hba_file'")"
    sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$hba"
    su postgres -c "psql -Atqc 'select pg_reload_conf()'" >/dev/null
    sleep 0.5
  fi
  pg_login_ok || { say "cannot log in to PostgreSQL as postgres on 127.0.0.1 (set loopback to trust in pg_hba.conf)"; exit 1; }
}

redis_ok() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

ensure_redis() {
  if ! redis_ok; then
    command -v redis-server >/dev/null || apt_install redis-server
    say "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --maxmemory-policy noeviction --dir /var/lib/redis --logfile /var/log/redis/ci.log
    for _ in $(seq 1 30); do redis_ok && break; sleep 0.2; done
  fi
  redis_ok || { say "Redis does not answer on 127.0.0.1:6379"; exit 1; }
}

ensure_chromium() {
  [[ -x /usr/bin/chromium ]] || apt_install chromium
}

ensure_postgres
ensure_redis
if $want_browser; then ensure_chromium; fi
