#!/usr/bin/env bash
# Runs every test file with node:test through tsx. Node 20's --test does not expand globs itself.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find test -name '*.test.ts' | sort)
exec node --import tsx --test --test-concurrency=1 "${files[@]}"
