#!/usr/bin/env bash
# What `npm test` needs beyond npm: Debian's Chromium for the browser tests (Playwright's own
# browser download fails offline) and PostgreSQL's binaries for the second run of the integration
# and browser tests (the tests start a throwaway cluster; nothing has to be running).
# Installs what is missing with apt-get when run as root; otherwise says in one line what to run.
set -euo pipefail

missing=()
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  missing+=(chromium)
fi
# Without PostgreSQL the suite would stop half way; TEST_POSTGRES_URL names a server to use instead,
# PG_BIN a folder holding initdb, and UNDERSIGNED_TEST_POSTGRES=off leaves PostgreSQL out.
if [ -z "${TEST_POSTGRES_URL:-}" ] && [ -z "${PG_BIN:-}" ] && [ "${UNDERSIGNED_TEST_POSTGRES:-}" != "off" ] \
  && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's ${missing[*]} for the tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "The tests need ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}' (or see the README's Tests section)." >&2
exit 1
