#!/usr/bin/env bash
# What the end-to-end tests need from the operating system: Debian's Chromium (never a downloaded
# browser) and a CJK font so Chinese renders in screenshots. Installs them with apt-get when this
# machine can (Debian, root); otherwise says exactly what to install and stops.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# grep without -q reads all of fc-list's output: with -q and pipefail, fc-list's SIGPIPE would read as "missing".
fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || missing+=(fonts-noto-cjk)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "[census] installing ${missing[*]} for the browser tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "端到端测试需要 / the browser tests need: ${missing[*]}" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
