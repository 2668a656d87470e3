#!/usr/bin/env bash
# Installs the browser the admin's e2e test drives: Debian's chromium plus CJK fonts (without
# fonts-noto-cjk, Chinese text renders as empty boxes). Idempotent; never downloads a browser from
# anywhere but apt. Set CHROMIUM_PATH to use a chromium installed elsewhere.
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

need=""
[ -x "$CHROMIUM" ] || need="chromium"
if ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then need="$need fonts-noto-cjk"; fi

if [ -z "$need" ]; then
  echo "install-browser: $CHROMIUM and CJK fonts already present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-browser: installing$need"
$SUDO apt-get update -qq
# shellcheck disable=SC2086 # word splitting of the package list is intended
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need
"$CHROMIUM" --version
