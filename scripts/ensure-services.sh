#!/usr/bin/env bash
# The one setup step of `npm test`, `npm run demo` and .ci/run: PostgreSQL and Redis answer on localhost,
# and Kneadwise can log in to PostgreSQL, without changing how either server authenticates anyone.
#  - Debian, run as root: installs what is missing from Debian's packages (postgresql, redis-server;
#    chromium with --browser) and starts what is stopped. Elsewhere it changes nothing and prints one
#    message naming what is missing and the commands that fix it.
#  - PostgreSQL: a `kneadwise` role (LOGIN CREATEDB, generated password) owning the databases kneadwise
#    and kneadwise_demo; DATABASE_URL with that password goes into .env.local (git-ignored, read by
#    services/config). pg_hba.conf is never touched (see scripts/setup/postgres-role.sh).
#  - Redis: must run with maxmemory-policy noeviction (BullMQ's requirement). A running Redis may be
#    shared, so its policy is never changed here: a wrong one stops this step with the command to fix it.
#    A Redis this step starts gets noeviction and keeps nothing on disk.
# Safe to run again: it changes nothing that already works, and says what it changes.
# For tests, every place it looks at can be moved (never point these at a server others use):
# KW_PG_HOST, KW_PG_PORT, KW_PG_SOCKET_DIR, KW_REDIS_HOST, KW_REDIS_PORT, KW_REDIS_DIR, KW_REDIS_LOG,
# KW_ENV_FILE.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_HOST="${KW_PG_HOST:-127.0.0.1}"
PG_PORT="${KW_PG_PORT:-5432}"
PG_SOCKET_DIR="${KW_PG_SOCKET_DIR:-/var/run/postgresql}"
REDIS_HOST="${KW_REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${KW_REDIS_PORT:-6379}"
REDIS_DIR="${KW_REDIS_DIR:-/var/lib/redis}"
REDIS_LOG="${KW_REDIS_LOG:-/var/log/redis/kneadwise.log}"
ENV_FILE="${KW_ENV_FILE:-$PWD/.env.local}"
CHROMIUM=/usr/bin/chromium

want_browser=false
for arg in "$@"; do [[ "$arg" == "--browser" ]] && want_browser=true; done

say() { printf 'ensure-services: %s\n' "$*" >&2; }
fail() { say "$*"; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
is_root() { [[ "$(id -u)" == "0" ]]; }
systemd_runs() { [[ -d /run/systemd/system ]] && have systemctl; }

pg_answers() { have pg_isready && pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; }
redis_answers() { have redis-cli && redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

# What is wrong, as lines for the message, and what would fix it here.
problems=()
packages=()
to_start=()

survey() {
  if ! pg_answers; then
    if have pg_ctlcluster && have psql; then
      problems+=("PostgreSQL is installed but does not answer on $PG_HOST:$PG_PORT")
    else
      problems+=("PostgreSQL is not installed (nothing answers on $PG_HOST:$PG_PORT)")
      packages+=(postgresql)
    fi
    to_start+=(postgresql)
  elif ! have psql; then
    problems+=("PostgreSQL answers, but its client psql is not installed")
    packages+=(postgresql-client)
  fi
  if ! redis_answers; then
    if have redis-server && have redis-cli; then
      problems+=("Redis is installed but does not answer on $REDIS_HOST:$REDIS_PORT")
    else
      problems+=("Redis is not installed (nothing answers on $REDIS_HOST:$REDIS_PORT)")
      packages+=(redis-server)
    fi
    to_start+=(redis)
  fi
  if $want_browser && [[ ! -x "$CHROMIUM" ]]; then
    problems+=("Chromium (for the browser tests) is not installed at $CHROMIUM")
    packages+=(chromium)
  fi
}

# One message naming everything that is missing and the commands that fix it; nothing was changed.
cannot_fix() {
  say "Kneadwise needs PostgreSQL 14+ and Redis 6.2+ on this machine; $1, so nothing was changed:"
  for p in "${problems[@]}"; do say "  - $p"; done
  say "Fix it with one of:"
  say "  sudo bash scripts/ensure-services.sh   (Debian/Ubuntu: installs and starts them; then rerun your command)"
  say "  docker compose up -d postgres redis    (then put DATABASE_URL for that server in .env.local)"
  say "  or install and start them yourself: Debian/Ubuntu packages ${packages[*]:-postgresql redis-server};"
  say "    Homebrew: brew install postgresql@16 redis && brew services start postgresql@16 redis"
  exit 1
}

# A running Redis may serve other programs: say what is wrong and how to fix it, change nothing.
check_redis_policy() {
  local policy
  policy="$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" config get maxmemory-policy 2>/dev/null | sed -n 2p)"
  # Empty when CONFIG is disabled (managed Redis): the queue code checks again when it starts.
  [[ -z "$policy" || "$policy" == "noeviction" ]] && return 0
  fail "Redis on $REDIS_HOST:$REDIS_PORT runs with maxmemory-policy $policy, but Kneadwise's queues (BullMQ)" \
    "need noeviction, or queued jobs can be evicted silently. This step does not change the policy of a" \
    "Redis other programs may share. Fix: redis-cli -h $REDIS_HOST -p $REDIS_PORT config set maxmemory-policy" \
    "noeviction (and 'maxmemory-policy noeviction' in its redis.conf to keep it), or give Kneadwise a Redis" \
    "of its own and set REDIS_URL."
}

apt_install() {
  local out
  say "installing ${packages[*]} from Debian's packages (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  if ! out="$(apt-get update -qq 2>&1 && apt-get install -y -qq "${packages[@]}" 2>&1)"; then
    printf '%s\n' "$out" | tail -20 >&2
    fail "apt-get could not install ${packages[*]} (see above)"
  fi
}

wait_until() {
  local what="$1" check="$2"
  for _ in $(seq 1 60); do "$check" && return 0; sleep 0.5; done
  fail "$what still does not answer after 30 s"
}

start_postgresql() {
  pg_answers && return 0
  # The Debian cluster that listens on our port (apt-get creates one, `main`, on 5432).
  local cluster
  cluster="$( (pg_lsclusters -h 2>/dev/null || true) | awk -v port="$PG_PORT" '$3 == port { print $1, $2; exit }')"
  [[ -n "$cluster" ]] || fail "no PostgreSQL cluster is set up for port $PG_PORT (pg_lsclusters); create one:" \
    "pg_createcluster --start <version> main"
  say "starting PostgreSQL cluster $cluster (pg_ctlcluster)"
  # shellcheck disable=SC2086 # "version name", split on purpose
  pg_ctlcluster $cluster start || true
  wait_until "PostgreSQL on $PG_HOST:$PG_PORT" pg_answers
}

start_redis() {
  redis_answers && return 0
  if systemd_runs && [[ "$REDIS_PORT" == 6379 ]] && systemctl cat redis-server >/dev/null 2>&1; then
    say "starting Redis (systemctl start redis-server)"
    systemctl start redis-server
  else
    say "starting Redis on $REDIS_HOST:$REDIS_PORT (maxmemory-policy noeviction, nothing kept on disk)"
    mkdir -p "$REDIS_DIR" "$(dirname "$REDIS_LOG")"
    redis-server --daemonize yes --bind "$REDIS_HOST" --port "$REDIS_PORT" --save "" --appendonly no \
      --maxmemory-policy noeviction --dir "$REDIS_DIR" --logfile "$REDIS_LOG"
  fi
  wait_until "Redis on $REDIS_HOST:$REDIS_PORT" redis_answers
}

survey
if ((${#problems[@]} > 0)); then
  is_root || cannot_fix "this step installs and starts them only when run as root"
  if ((${#packages[@]} > 0)) && ! have apt-get; then cannot_fix "there is no apt-get to install them"; fi
fi
if redis_answers; then check_redis_policy; fi

if ((${#packages[@]} > 0)); then apt_install; fi
for service in "${to_start[@]}"; do "start_$service"; done

# shellcheck source=scripts/setup/postgres-role.sh
source scripts/setup/postgres-role.sh
ensure_kneadwise_role
