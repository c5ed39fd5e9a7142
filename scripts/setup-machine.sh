#!/usr/bin/env bash
# System packages the tests need beyond Node.js, Go and kubectl: Debian's Chromium for
# the browser tests (never a downloaded browser), openssl and curl for the control plane.
# Idempotent; needs root (or sudo).
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if (( ${#missing[@]} == 0 )); then
  echo "system packages present"
  exit 0
fi
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
