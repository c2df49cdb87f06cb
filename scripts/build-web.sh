#!/usr/bin/env bash
# Builds the dashboard (web/, Svelte + Vite) into dist/web, a build output like dist/, when any of its
# sources is newer than the bundle's stamp: web/ itself, src/domain/ (the app reads scripts with the
# server's own rules) and the lock file (a new Svelte or Vite). Run by scripts/setup.sh, and by the
# tests that serve the dashboard, so a test run on its own never meets a stale bundle.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=dist/web/.stamp
if [ ! -f "$stamp" ] || [ -n "$(find web src/domain package-lock.json -newer "$stamp" -type f -print -quit)" ]; then
  echo "orator setup: building the dashboard" >&2
  npx vite build --config web/vite.config.ts --logLevel warn >&2
  touch "$stamp"
fi
