#!/usr/bin/env bash
# The end-to-end tests drive Debian's Chromium (Playwright's browser download fails offline).
# Installs it with apt-get when missing and allowed; otherwise explains what to do.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's Chromium for the browser tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Chromium is needed for the browser tests: run 'sudo apt-get install -y chromium' or set CHROMIUM_PATH." >&2
exit 1
