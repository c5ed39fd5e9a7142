#!/usr/bin/env bash
# System packages the tests need beyond Node.js, Go and kubectl: Debian's Chromium for
# the browser tests and the build-time diagrams (never a downloaded browser), a Korean
# font and an emoji font (diagrams are measured with the build machine's fonts: without
# them Hangul labels are laid out with fallback widths and come out clipped), openssl
# and curl for the control plane. Idempotent; needs root (or sudo).
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if ! command -v fc-list >/dev/null 2>&1; then
  missing+=(fontconfig fonts-noto-cjk fonts-noto-color-emoji)
else
  # U+D55C 한 (Hangul) and U+1F3AF 🎯 (emoji, as in the course's headings)
  [[ -n "$(fc-list ':charset=d55c' family 2>/dev/null)" ]] || missing+=(fonts-noto-cjk)
  [[ -n "$(fc-list ':charset=1f3af' family 2>/dev/null)" ]] || missing+=(fonts-noto-color-emoji)
fi
if (( ${#missing[@]} == 0 )); then
  echo "system packages present"
  exit 0
fi
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
echo "installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
