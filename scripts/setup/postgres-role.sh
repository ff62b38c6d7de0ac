# Sourced by scripts/ensure-services.sh (uses its PG_*, ENV_FILE, say, fail, is_root).
# Gives Kneadwise its own PostgreSQL login without touching pg_hba.conf: a `kneadwise` role (LOGIN
# CREATEDB) with a generated password, owning the databases kneadwise and kneadwise_demo, and the
# password in ENV_FILE (.env.local) as DATABASE_URL. Password auth (Debian's scram-sha-256 on 127.0.0.1)
# and trust both work with it. Creating the role needs an administrator login once: postgres over TCP
# without a password (trust setups), else, as root, postgres over the Unix socket (Debian's peer auth).

KW_ROLE=kneadwise
KW_DATABASES=(kneadwise kneadwise_demo)
# Keys of ENV_FILE this step owns; other lines are kept as they are.
MANAGED_KEYS='DATABASE_URL|TEST_PG_URL'

env_get() { [[ -f "$ENV_FILE" ]] && sed -n "s/^$1=//p" "$ENV_FILE" | tail -1 || true; }
new_password() { od -An -tx1 -N24 /dev/urandom | tr -d ' \n'; }
role_url() { printf 'postgres://%s:%s@%s:%s/%s' "$KW_ROLE" "$1" "$PG_HOST" "$PG_PORT" "$2"; }

# The password of a DATABASE_URL this step wrote (our role, our server), else nothing.
our_password() {
  local re="^postgres://$KW_ROLE:([0-9a-f]+)@$PG_HOST:$PG_PORT/kneadwise\$"
  [[ "$1" =~ $re ]] && printf '%s' "${BASH_REMATCH[1]}"
}

# Runs psql as the kneadwise role with password $1 (in the environment, not on the command line).
kw_psql() {
  PGPASSWORD="$1" PGCONNECT_TIMEOUT=5 psql -h "$PG_HOST" -p "$PG_PORT" -U "$KW_ROLE" -d postgres -w -Atq \
    -v ON_ERROR_STOP=1 "${@:2}" 2>/dev/null
}

# "ready" when the role logs in with password $1, may create databases and owns both of its databases.
role_ready() {
  local state
  state="$(kw_psql "$1" -c "select concat_ws(',', r.rolcanlogin and r.rolcreatedb,
      (select count(*) from pg_database d where d.datname in ('kneadwise', 'kneadwise_demo') and d.datdba = r.oid))
    from pg_roles r where r.rolname = current_user")" || return 1
  [[ "$state" == "t,2" ]]
}

passwordless_postgres_tcp() {
  PGCONNECT_TIMEOUT=5 psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -w -Atqc 'select 1' \
    >/dev/null 2>&1
}

# Sets ADMIN to a psql command line logged in as a role that may create roles, or fails saying how to fix it.
find_admin() {
  local candidates=("psql -h $PG_HOST -p $PG_PORT -U postgres -d postgres")
  if is_root && id postgres >/dev/null 2>&1; then
    candidates+=("runuser -u postgres -- psql -h $PG_SOCKET_DIR -p $PG_PORT -d postgres")
  fi
  candidates+=("psql -h $PG_SOCKET_DIR -p $PG_PORT -U postgres -d postgres")
  for c in "${candidates[@]}"; do
    read -r -a ADMIN <<<"$c"
    ADMIN+=(-w -Atq -v ON_ERROR_STOP=1)
    # runuser's psql may not read the caller's working directory: run it from /.
    [[ "$(cd / && PGCONNECT_TIMEOUT=5 "${ADMIN[@]}" \
      -c 'select rolsuper or rolcreaterole from pg_roles where rolname = current_user' 2>/dev/null)" == t ]] &&
      return 0
  done
  fail "cannot create the $KW_ROLE role: no administrator login to PostgreSQL on $PG_HOST:$PG_PORT (tried" \
    "postgres over TCP without a password and over the Unix socket in $PG_SOCKET_DIR). Run this step as root" \
    "(sudo bash scripts/ensure-services.sh), or create the role yourself (createuser --createdb --pwprompt" \
    "$KW_ROLE; createdb -O $KW_ROLE kneadwise) and put DATABASE_URL=$(role_url PASSWORD kneadwise) in $ENV_FILE."
}

# Creates or updates the role with password $1 and its databases; prints the owner of `kneadwise`.
# Concurrent runs may race on CREATE: those statements may fail, the ALTER after them may not.
admin_setup() {
  (cd / && "${ADMIN[@]}") <<SQL
\\set pw '$1'
\\set ON_ERROR_STOP 0
select format('create role %I login createdb password %L', '$KW_ROLE', :'pw')
  where not exists (select from pg_roles where rolname = '$KW_ROLE') \\gexec
\\set ON_ERROR_STOP 1
alter role $KW_ROLE login createdb password :'pw';
\\set ON_ERROR_STOP 0
select format('create database %I owner %I', d, '$KW_ROLE') from unnest(array['kneadwise', 'kneadwise_demo']) d
  where not exists (select from pg_database where datname = d) \\gexec
\\set ON_ERROR_STOP 1
-- The demo drops and recreates its database on every run, so taking it over loses nothing.
select format('alter database kneadwise_demo owner to %I', '$KW_ROLE')
  where exists (select from pg_database where datname = 'kneadwise_demo'
                and datdba <> (select oid from pg_roles where rolname = '$KW_ROLE')) \\gexec
select pg_get_userbyid(datdba) from pg_database where datname = 'kneadwise';
SQL
}

# Rewrites ENV_FILE with the given KEY=value lines replacing the managed keys; only when it changes.
write_env_file() {
  local tmp
  tmp="$(mktemp "$ENV_FILE.XXXXXX")"
  {
    if [[ -f "$ENV_FILE" ]]; then
      grep -v -E "^($MANAGED_KEYS)=" "$ENV_FILE" || true
    else
      echo "# Local settings, git-ignored; services/config reads this file (the environment wins)."
      echo "# scripts/ensure-services.sh wrote DATABASE_URL: the password of the '$KW_ROLE' PostgreSQL role."
    fi
    printf '%s\n' "$@"
  } >"$tmp"
  if [[ -f "$ENV_FILE" ]] && cmp -s "$tmp" "$ENV_FILE"; then
    rm -f "$tmp"
    return 0
  fi
  chmod 600 "$tmp"
  # Under sudo the file belongs to the user who runs the tests and the app, not to root.
  if is_root && [[ -n "${SUDO_UID:-}" ]]; then chown "$SUDO_UID:${SUDO_GID:-$SUDO_UID}" "$tmp"; fi
  mv "$tmp" "$ENV_FILE"
  say "wrote $ENV_FILE (${*%%=*})"
}

ensure_kneadwise_role() {
  local url password owner lines=()
  url="$(env_get DATABASE_URL)"
  password="$(our_password "$url" || true)"
  if [[ -n "$url" && -z "$password" ]]; then
    # A URL the user wrote: theirs to manage, as long as it logs in.
    PGCONNECT_TIMEOUT=5 psql "$url" -w -Atqc 'select 1' >/dev/null 2>&1 && return 0
    fail "DATABASE_URL in $ENV_FILE does not log in to PostgreSQL; fix it, or delete that line to let this" \
      "step create the $KW_ROLE role"
  fi
  [[ -n "$password" ]] || password="$(new_password)"
  if ! role_ready "$password"; then
    find_admin
    if [[ "$(cd / && "${ADMIN[@]}" -c "select count(*) from pg_roles where rolname = '$KW_ROLE'")" == 1 ]]; then
      # Another checkout (or a lost .env.local) set the old password: that checkout needs the new line.
      say "the $KW_ROLE role already existed: its password is now the one in $ENV_FILE"
    fi
    owner="$(admin_setup "$password")"
    say "PostgreSQL role $KW_ROLE is ready (password in $ENV_FILE), with databases ${KW_DATABASES[*]}"
  fi
  lines+=("DATABASE_URL=$(role_url "$password" kneadwise)")
  if [[ -n "${owner:-}" && "$owner" != "$KW_ROLE" ]]; then
    say "the database kneadwise already existed and belongs to $owner: left as it was."
    if passwordless_postgres_tcp; then
      say "  DATABASE_URL keeps using it as postgres without a password, as before (in $ENV_FILE)."
      lines=("DATABASE_URL=postgres://postgres@$PG_HOST:$PG_PORT/kneadwise")
    else
      say "  Kneadwise connects as $KW_ROLE: make $KW_ROLE the owner of that database and its tables, or set" \
        "DATABASE_URL in $ENV_FILE to a login that owns them."
    fi
  fi
  # The tests create and drop databases as postgres when it logs in without a password; else as kneadwise.
  passwordless_postgres_tcp || lines+=("TEST_PG_URL=$(role_url "$password" postgres)")
  write_env_file "${lines[@]}"
}
