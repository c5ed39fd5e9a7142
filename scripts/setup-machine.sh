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
# Real-node mode of the local cluster (scripts/cluster/nodes.sh): containerd, runc, CNI plugins and the
# netfilter tools for the nodes; nginx, PostgreSQL 15, Redis and Python 3 are copied into the course's local images;
# busybox is built from Debian's source package (gcc, make, dpkg-dev for `apt-get source`).
# Only as root: real nodes need root anyway (cluster.sh falls back to kwok nodes otherwise).
src_list=/etc/apt/sources.list.d/k8s-course-src.sources
if [[ $(id -u) -eq 0 && "${K8S_COURSE_REAL_NODES:-1}" != 0 ]]; then
  for pair in containerd:containerd runc:runc ctr:containerd ipset:ipset conntrack:conntrack iptables:iptables \
              ip:iproute2 nsenter:util-linux gcc:gcc make:make dpkg-source:dpkg-dev nginx:nginx-light \
              redis-server:redis-server redis-cli:redis-tools; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  [[ -x /usr/lib/cni/bridge ]] || missing+=(containernetworking-plugins)
  [[ -x /usr/lib/postgresql/15/bin/postgres ]] || missing+=(postgresql-15)
  [[ -f /usr/include/stdio.h ]] || missing+=(libc6-dev)
  [[ -x /usr/bin/python3.11 ]] || missing+=(python3-minimal)
  [[ -f /usr/lib/python3.11/http/server.py ]] || missing+=(libpython3.11-stdlib)
  if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
    cat > "$src_list" <<'EOF'
# Added by k8s-course scripts/setup-machine.sh: source packages (busybox is built from source for the course images)
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    need_update=1
  fi
fi
# Every real node's kubelet, containerd and kube-proxy hold inotify instances; the kernel's default of
# 128 per user runs out with two real-node clusters (fsnotify: too many open files). kind asks for 512.
if [[ $(id -u) -eq 0 && "$(cat /proc/sys/fs/inotify/max_user_instances 2>/dev/null || echo 1024)" -lt 1024 ]]; then
  sysctl -qw fs.inotify.max_user_instances=1024 || echo "fs.inotify.max_user_instances를 올리지 못했습니다(실제 노드 두 클러스터를 같이 띄우면 모자랄 수 있음)" >&2
fi
if (( ${#missing[@]} == 0 )); then
  [[ -n "${need_update:-}" ]] && apt-get update -qq
  echo "system packages present"
  exit 0
fi
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
echo "installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
