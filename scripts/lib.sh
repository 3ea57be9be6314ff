# Shared set-up for scripts/run and scripts/test. Sourced, not executed.
# Idempotent: every step checks before it acts, so running it again is cheap.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" = "0" ]; }

APT_UPDATED=""
apt_install() {
  is_root || return 1
  command -v apt-get >/dev/null || return 1
  if [ -z "$APT_UPDATED" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && APT_UPDATED=1
  fi
  say "Installing Debian packages: $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_python() {
  command -v python3 >/dev/null || apt_install python3 || die "Python 3.11+ is required: apt-get install python3 python3-venv"
  python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
    || die "Python 3.11 or newer is required (found $(python3 --version 2>&1))."
}

# ensure_venv REQUIREMENTS_FILE: create .venv and install the pinned requirements when they changed.
ensure_venv() {
  local requirements="$1"
  if [ ! -x "$PY" ]; then
    say "Creating the virtual environment in .venv"
    if ! python3 -m venv "$VENV" 2>/dev/null; then
      rm -rf "$VENV"
      apt_install python3-venv || die "python3 -m venv failed: apt-get install python3-venv (as root), then run this again."
      python3 -m venv "$VENV"
    fi
  fi
  local stamp="$VENV/.requirements.sha256"
  local want
  want="$(cat requirements.txt "$requirements" | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "Installing Python packages from $requirements"
    "$PY" -m pip install -q --disable-pip-version-check --upgrade pip
    "$PY" -m pip install -q --disable-pip-version-check -r "$requirements"
    echo "$want" > "$stamp"
  fi
}

# Python one-liners report whether the services answer; they use the URLs the app will use.
postgres_answers() {
  "$PY" - <<'PY' 2>/dev/null
import os, sys, dj_database_url, psycopg
cfg = dj_database_url.parse(os.environ.get("DATABASE_URL", "postgres:///ats"))
try:
    psycopg.connect(dbname="postgres", user=cfg.get("USER") or None, password=cfg.get("PASSWORD") or None,
                    host=cfg.get("HOST") or None, port=cfg.get("PORT") or None, connect_timeout=3).close()
except Exception as exc:
    sys.exit(1)
PY
}

redis_answers() {
  "$PY" -c 'import os, redis; redis.Redis.from_url(os.environ["REDIS_URL"], socket_connect_timeout=2).ping()' 2>/dev/null
}

start_local_postgres() {
  if ! command -v pg_ctlcluster >/dev/null; then
    apt_install postgresql || die "PostgreSQL does not answer and is not installed. Install it (apt-get install postgresql) or set DATABASE_URL."
  fi
  local version
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)"
  [ -n "$version" ] || die "PostgreSQL is installed but has no cluster: pg_createcluster --start 15 main"
  say "Starting PostgreSQL $version"
  if is_root; then
    pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
  else
    pg_ctlcluster "$version" main start 2>/dev/null || die "Cannot start PostgreSQL as $(whoami): start it (sudo pg_ctlcluster $version main start) or set DATABASE_URL."
  fi
}

ensure_postgres() {
  if ! postgres_answers; then
    if [ -n "${DATABASE_URL:-}" ]; then
      die "PostgreSQL at DATABASE_URL does not answer. Start it or fix DATABASE_URL."
    fi
    start_local_postgres
    for _ in $(seq 1 30); do postgres_answers && break; sleep 1; done
    if ! postgres_answers && is_root; then
      # A fresh Debian cluster only knows the postgres role: give the current OS user one.
      runuser -u postgres -- psql -qc "CREATE ROLE \"$(whoami)\" SUPERUSER LOGIN" 2>/dev/null || true
    fi
    postgres_answers || die "PostgreSQL does not answer on the local socket as $(whoami). Set DATABASE_URL (e.g. postgres://user:pass@127.0.0.1:5432/ats)."
  fi
  # Create the application database when it is missing.
  "$PY" - <<'PY'
import os, dj_database_url, psycopg
cfg = dj_database_url.parse(os.environ.get("DATABASE_URL", "postgres:///ats"))
params = dict(user=cfg.get("USER") or None, password=cfg.get("PASSWORD") or None,
              host=cfg.get("HOST") or None, port=cfg.get("PORT") or None)
with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]).fetchone():
        conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
        print(f"==> Created database {cfg['NAME']}")
PY
}

ensure_redis() {
  export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
  redis_answers && return 0
  case "$REDIS_URL" in
    redis://127.0.0.1:6379*|redis://localhost:6379*) ;;
    *) die "Redis at REDIS_URL=$REDIS_URL does not answer. Start it or fix REDIS_URL." ;;
  esac
  command -v redis-server >/dev/null || apt_install redis-server \
    || die "Redis does not answer on 127.0.0.1:6379 and is not installed: apt-get install redis-server (or set REDIS_URL)."
  say "Starting Redis on 127.0.0.1:6379"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  for _ in $(seq 1 20); do redis_answers && return 0; sleep 0.5; done
  die "Redis was started but does not answer on 127.0.0.1:6379."
}

prepare_django() {
  say "Applying migrations and collecting static files"
  "$PY" manage.py migrate --noinput -v0
  "$PY" manage.py collectstatic --noinput -v0
}

# audit_dependencies: check the installed packages against published advisories with pip-audit
# (in a venv of its own, so its dependencies never mix with the app's). Its advisory sources
# (PyPI's vulnerability data, OSV) are often unreachable from build machines: then it prints one
# line saying the audit was skipped, and never fails the run for that. A known vulnerability fails it.
audit_dependencies() {
  local audit_venv="$ROOT/.venv-audit" want
  want="$(sha256sum "$ROOT/requirements-audit.txt" | cut -d' ' -f1)"
  if [ ! -x "$audit_venv/bin/pip-audit" ] || [ "$(cat "$audit_venv/.requirements.sha256" 2>/dev/null)" != "$want" ]; then
    rm -rf "$audit_venv"
    { python3 -m venv "$audit_venv" && "$audit_venv/bin/pip" install -q --disable-pip-version-check -r "$ROOT/requirements-audit.txt"; } >/dev/null 2>&1 \
      || { rm -rf "$audit_venv"; say "Dependency audit skipped: pip-audit could not be installed"; return 0; }
    echo "$want" > "$audit_venv/.requirements.sha256"
  fi
  local site report
  site="$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
  report="$(mktemp)"
  # A vulnerability found makes pip-audit exit 1 with a report; no report at all means it failed.
  timeout 180 "$audit_venv/bin/pip-audit" --path "$site" --timeout 10 --progress-spinner off -f json >"$report" 2>/dev/null || true
  "$audit_venv/bin/python" - "$report" <<'PYEOF'
import json, sys
try:
    with open(sys.argv[1]) as report:
        deps = json.load(report).get("dependencies") or []
except ValueError:
    print("==> Dependency audit skipped: pip-audit gave no report (its advisory source may be unreachable)")
    sys.exit(0)
audited = [d for d in deps if "skip_reason" not in d]
if not audited:
    print(f"==> Dependency audit skipped: its advisory source did not answer ({len(deps)} packages, none audited)")
    sys.exit(0)
found = [f"{d['name']} {d['version']}: {', '.join(v['id'] for v in d['vulns'])}" for d in audited if d.get("vulns")]
if found:
    print("ERROR: known vulnerabilities in installed packages:\n  " + "\n  ".join(found), file=sys.stderr)
    sys.exit(1)
print(f"==> Dependency audit: no known vulnerabilities in {len(audited)} audited packages ({len(deps) - len(audited)} not found at the source)")
PYEOF
  local status=$?
  rm -f "$report"
  return $status
}
