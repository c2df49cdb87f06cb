#!/usr/bin/env bash
# Idempotent first-run installer shared by `npm start` and `npm test`:
# Debian packages (ffmpeg, TTS engines, pocketsphinx), npm packages, native helper, build.
# Each step checks before it acts, so a warm checkout pays only a few stat() calls.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(ffmpeg espeak-ng libespeak-ng-dev flite festival festvox-us-slt-hts pocketsphinx pocketsphinx-en-us fonts-dejavu-core fonts-inter tesseract-ocr tesseract-ocr-eng apertium apertium-eng-spa apertium-eng-cat apertium-en-gl gcc libc6-dev)
# Only the tests drive a browser (sign-in and consent pages, the dashboard): `setup.sh --test` adds it.
if [ "${1:-}" = "--test" ]; then DEBIAN_PACKAGES+=(chromium); fi
missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "orator setup: installing Debian packages: ${missing[*]}" >&2
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
  else
    echo "orator setup: missing Debian packages: ${missing[*]}" >&2
    echo "run: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi

# npm packages: reinstall when the lock file is newer than the last install.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "orator setup: installing npm packages" >&2
  npm ci --no-audit --no-fund >&2
fi

# Native helper: espeak-ng's word/phoneme timing events, run as a separate process (GPL stays out of ours).
mkdir -p build
if [ ! -x build/espeak-timing ] || [ native/espeak-timing.c -nt build/espeak-timing ]; then
  if [ -f native/espeak-timing.c ]; then
    gcc -O2 -o build/espeak-timing native/espeak-timing.c -lespeak-ng >&2
  fi
fi

# TypeScript build: rebuild when any source is newer than the build stamp.
if [ ! -f dist/.stamp ] || [ -n "$(find src -newer dist/.stamp -name '*.ts' -print -quit)" ]; then
  echo "orator setup: building" >&2
  npx tsc -p tsconfig.json >&2
  touch dist/.stamp
fi

# The dashboard's static bundle (web/ → dist/web), rebuilt when a web source is newer than its stamp.
bash scripts/build-web.sh
