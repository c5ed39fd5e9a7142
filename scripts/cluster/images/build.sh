#!/usr/bin/env bash
# Builds the course's container images without a registry or Docker, from Debian packages
# and locally built binaries, as docker-archive tarballs (one layer = a tar of a rootfs) that
# `ctr images import` loads. Called by cluster.sh (real-node mode), which caches OUT by a hash of
# this directory, the Debian package versions and the add-on binaries.
#
#   build.sh OUT ADDON_BIN PAUSE_C BUSYBOX_SRC_DIR
#
# OUT gets one NAME.tar per image, images.tsv (file<TAB>tag...) and aliases.tsv (tag<TAB>alias): names
# a docker-archive cannot carry (a digest reference such as name@sha256:...), given at import with
# `ctr images tag`, so that a pod naming the image by that digest finds it.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$1" ADDONS="$2" PAUSE_C="$3" BBSRC="$4"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/k8s-course-images.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
: > "$OUT/images.tsv"
: > "$OUT/aliases.tsv"
log() { printf '[images] %s\n' "$*" >&2; }

# archive NAME ROOTFS CONFIG_JSON TAG...: write OUT/NAME.tar (docker-archive, one layer)
archive() {
  local name="$1" root="$2" cfg="$3"; shift 3
  local d="$WORK/archive-$name" layer_sha cfg_sha tags="" t
  mkdir -p "$d"
  tar --numeric-owner --sort=name --mtime=@0 -C "$root" -cf "$d/layer.tar" .
  layer_sha="$(sha256sum "$d/layer.tar" | cut -d' ' -f1)"
  printf '{"architecture":"amd64","os":"linux","config":%s,"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
    "$cfg" "$layer_sha" > "$d/config.json"
  cfg_sha="$(sha256sum "$d/config.json" | cut -d' ' -f1)"
  mv "$d/config.json" "$d/$cfg_sha.json"
  for t in "$@"; do tags+="${tags:+,}\"$t\""; done
  printf '[{"Config":"%s.json","RepoTags":[%s],"Layers":["layer.tar"]}]' "$cfg_sha" "$tags" > "$d/manifest.json"
  tar -C "$d" -cf "$OUT/$name.tar" manifest.json "$cfg_sha.json" layer.tar
  rm -rf "$d"
  printf '%s.tar\t%s\n' "$name" "$*" >> "$OUT/images.tsv"
  log "$name: $* ($(du -h "$OUT/$name.tar" | cut -f1))"
}

# copy_libs ROOT FILE...: copy the shared libraries FILEs load (ldd) into ROOT
copy_libs() {
  local root="$1" f l; shift
  for f in "$@"; do
    for l in $(ldd "$f" 2>/dev/null | awk '/=> \//{print $3} /^\t\/lib/{print $1}'); do
      [[ -e "$root$l" ]] && continue
      mkdir -p "$root$(dirname "$l")"
      cp -aL "$l" "$root$l"
    done
  done
}
# copy_bin ROOT FILE...: copy files (same path) and their shared libraries into ROOT
copy_bin() {
  local root="$1" f; shift
  for f in "$@"; do
    mkdir -p "$root$(dirname "$f")"
    cp -aL "$f" "$root$f"
  done
  copy_libs "$root" "$@"
}

base_files() { # ROOT: /etc/passwd, group, nsswitch, dirs every image has
  local r="$1"
  mkdir -p "$r"/{etc,tmp,root,proc,sys,dev,run,var/run,bin,usr/bin,usr/sbin,sbin}
  chmod 1777 "$r/tmp"
  cat > "$r/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
nginx:x:101:101:nginx user:/nonexistent:/bin/false
postgres:x:999:999::/var/lib/postgresql:/bin/sh
redis:x:998:998::/data:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
EOF
  cat > "$r/etc/group" <<'EOF'
root:x:0:
daemon:x:1:
nginx:x:101:
postgres:x:999:
redis:x:998:
nogroup:x:65534:
nobody:x:65534:
EOF
  echo 'hosts: files dns' > "$r/etc/nsswitch.conf"
}

# ------------------------------------------------------------ pause (static, from Kubernetes' pause.c)
log "pause"
r="$WORK/pause"; mkdir -p "$r"
gcc -Os -static -Wall -o "$r/pause" "$PAUSE_C" -DVERSION=3.10-k8s-course
strip "$r/pause"
archive pause "$r" '{"Entrypoint":["/pause"],"User":"65535:65535"}' registry.k8s.io/pause:3.10

# ------------------------------------------------------------ busybox (Debian source, make defconfig)
# Debian's busybox and busybox-static binaries segfault on `wget -T`; a defconfig build does not.
log "busybox (Debian source package, make defconfig in $BBSRC)"
if [[ ! -x "$BBSRC/busybox" ]]; then
  if [[ ! -f "$BBSRC/Makefile" ]]; then
    rm -rf "$BBSRC"; mkdir -p "$BBSRC.src"
    (cd "$BBSRC.src" && apt-get source -qq busybox >/dev/null 2>&1) \
      || { log "apt-get source busybox failed: run scripts/setup-machine.sh (it enables deb-src)"; exit 1; }
    mv "$BBSRC.src"/busybox-*/ "$BBSRC"; rm -rf "$BBSRC.src"
  fi
  (cd "$BBSRC" && make -s defconfig >/dev/null && sed -i 's/^CONFIG_TC=y/# CONFIG_TC is not set/' .config \
     && nice -n 10 make -s -j2 busybox >/dev/null 2>&1) || { log "busybox build failed"; exit 1; }
fi
bb="$WORK/busybox"; base_files "$bb"
install -m 755 "$BBSRC/busybox" "$bb/bin/busybox"
copy_libs "$bb" "$BBSRC/busybox"
for a in $("$BBSRC/busybox" --list-full); do
  [[ "$a" == bin/busybox ]] && continue
  mkdir -p "$bb/$(dirname "$a")"; ln -sf /bin/busybox "$bb/$a"
done
PATHS="PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
archive busybox "$bb" "{\"Cmd\":[\"sh\"],\"Env\":[\"$PATHS\"]}" \
  docker.io/library/busybox:1.36 docker.io/library/busybox:1.37 docker.io/library/busybox:latest

# ------------------------------------------------------------ nginx (Debian nginx 1.22, official layout)
log "nginx"
r="$WORK/nginx"; cp -a "$bb" "$r"
copy_bin "$r" /usr/sbin/nginx
mkdir -p "$r"/etc/nginx/conf.d "$r"/usr/share/nginx/html "$r"/var/log/nginx "$r"/var/lib/nginx "$r"/var/cache/nginx
cp /etc/nginx/mime.types "$r/etc/nginx/"
cp "$HERE/nginx.conf" "$r/etc/nginx/nginx.conf"
cp "$HERE/default.conf" "$r/etc/nginx/conf.d/default.conf"
cp "$HERE/index.html" "$r/usr/share/nginx/html/index.html"
printf '<html><body><h1>An error occurred.</h1></body></html>\n' > "$r/usr/share/nginx/html/50x.html"
ln -sf /dev/stdout "$r/var/log/nginx/access.log"; ln -sf /dev/stderr "$r/var/log/nginx/error.log"
install -m 755 "$HERE/nginx-entrypoint.sh" "$r/docker-entrypoint.sh"
if [[ -d /usr/lib/nginx/modules ]]; then mkdir -p "$r/usr/lib/nginx"; cp -a /usr/lib/nginx/modules "$r/usr/lib/nginx/"; fi
archive nginx "$r" "{\"Entrypoint\":[\"/docker-entrypoint.sh\"],\"Cmd\":[\"nginx\",\"-g\",\"daemon off;\"],\"Env\":[\"$PATHS\",\"NGINX_VERSION=1.22.1\"],\"ExposedPorts\":{\"80/tcp\":{}},\"StopSignal\":\"SIGQUIT\"}" \
  docker.io/library/nginx:1.27 docker.io/library/nginx:1.26 docker.io/library/nginx:1.25 docker.io/library/nginx:latest \
  docker.io/library/nginx:1.27-alpine docker.io/library/nginx:alpine

# ------------------------------------------------------------ postgres (Debian PostgreSQL 15)
log "postgres"
r="$WORK/postgres"; cp -a "$bb" "$r"
pg=/usr/lib/postgresql/15
copy_bin "$r" $(find "$pg/bin" -type f) $(find "$pg/lib" -name '*.so' ! -name 'llvmjit*' -type f)
mkdir -p "$r/usr/share/postgresql" "$r/usr/share" "$r/var/lib/postgresql/data" "$r/var/run/postgresql"
cp -a /usr/share/postgresql/15 "$r/usr/share/postgresql/"
cp -a /usr/share/zoneinfo "$r/usr/share/"
# initdb --locale=C.UTF-8 (as the official image) needs glibc's C.UTF-8 locale (Debian's libc-bin)
mkdir -p "$r/usr/lib/locale"; cp -a /usr/lib/locale/C.utf8 "$r/usr/lib/locale/"
mkdir -p "$r/usr/local/bin"; install -m 755 "$HERE/postgres-entrypoint.sh" "$r/usr/local/bin/docker-entrypoint.sh"
archive postgres "$r" "{\"Entrypoint\":[\"/usr/local/bin/docker-entrypoint.sh\"],\"Env\":[\"PATH=$pg/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"PGDATA=/var/lib/postgresql/data\",\"TZ=Etc/UTC\",\"LANG=C.UTF-8\"],\"ExposedPorts\":{\"5432/tcp\":{}},\"StopSignal\":\"SIGINT\"}" \
  docker.io/library/postgres:16 docker.io/library/postgres:15 docker.io/library/postgres:latest

# ------------------------------------------------------------ redis (Debian redis-server 7.0)
log "redis"
r="$WORK/redis"; cp -a "$bb" "$r"
copy_bin "$r" /usr/bin/redis-server /usr/bin/redis-cli
mkdir -p "$r/data" "$r/usr/local/bin"
install -m 755 "$HERE/redis-entrypoint.sh" "$r/usr/local/bin/docker-entrypoint.sh"
archive redis "$r" "{\"Entrypoint\":[\"/usr/local/bin/docker-entrypoint.sh\"],\"Cmd\":[\"redis-server\"],\"Env\":[\"$PATHS\"],\"WorkingDir\":\"/data\",\"ExposedPorts\":{\"6379/tcp\":{}}}" \
  docker.io/library/redis:7 docker.io/library/redis:7.4 docker.io/library/redis:latest

# ------------------------------------------------------------ Go stand-ins (see each .go file: what they imitate)
gobuild() { (cd "$HERE" && CGO_ENABLED=0 GO111MODULE=off GOFLAGS= nice -n 10 go build -trimpath -ldflags "-s -w" -o "$2" "$1"); }
log "hpa-example (stand-in: hpa-example.go)"
r="$WORK/hpa-example"; base_files "$r"; gobuild hpa-example.go "$r/hpa-example"
archive hpa-example "$r" '{"Entrypoint":["/hpa-example"],"ExposedPorts":{"80/tcp":{}}}' registry.k8s.io/hpa-example:latest
# the course pins the image by digest; containerd finds a digest reference only under that exact name
printf '%s\t%s\n' registry.k8s.io/hpa-example:latest \
  registry.k8s.io/hpa-example@sha256:581697a37f0e136db86d6b30392f0db40ce99c8248a7044c770012f4e8491544 >> "$OUT/aliases.tsv"
log "prometheus-example-app (stand-in: prometheus-example-app.go)"
r="$WORK/prometheus-example-app"; base_files "$r"; gobuild prometheus-example-app.go "$r/prometheus-example-app"
archive prometheus-example-app "$r" '{"Entrypoint":["/prometheus-example-app"],"ExposedPorts":{"8080/tcp":{}}}' \
  quay.io/brancz/prometheus-example-app:v0.5.0
log "http-echo (stand-in: http-echo.go)"
r="$WORK/http-echo"; base_files "$r"; gobuild http-echo.go "$r/http-echo"
archive http-echo "$r" '{"Entrypoint":["/http-echo"],"ExposedPorts":{"5678/tcp":{}}}' docker.io/hashicorp/http-echo:1.0
# ------------------------------------------------------------ python (Debian Python 3.11 on the busybox root)
# For the course's small inline servers (`python -u -c ...` with http.server and json), e.g. Day 5's alert-sink.
# The tag says 3.12-alpine; the interpreter is Debian's 3.11, which runs those scripts the same.
log "python"
r="$WORK/python"; cp -a "$bb" "$r"
py=/usr/lib/python3.11
copy_bin "$r" /usr/bin/python3.11
mkdir -p "$r$py"
tar -C "$py" --exclude=__pycache__ --exclude=./test --exclude=./idlelib --exclude=./tkinter --exclude=./turtledemo \
  --exclude=./ensurepip --exclude=./lib2to3 --exclude='./config-*' -cf - . | tar -C "$r$py" -xf -
copy_libs "$r" "$py"/lib-dynload/*.so
ln -sf python3.11 "$r/usr/bin/python3"; ln -sf python3.11 "$r/usr/bin/python"
archive python "$r" "{\"Cmd\":[\"python3\"],\"Env\":[\"$PATHS\",\"LANG=C.UTF-8\",\"PYTHON_VERSION=3.11\"]}" \
  docker.io/library/python:3.12-alpine docker.io/library/python:3.12 docker.io/library/python:3.12-slim

# ------------------------------------------------------------ add-ons (CoreDNS, metrics-server)
log "coredns, metrics-server"
r="$WORK/coredns"; base_files "$r"; cp "$ADDONS/coredns" "$r/coredns"
archive coredns "$r" '{"Entrypoint":["/coredns"],"ExposedPorts":{"53/udp":{},"53/tcp":{}}}' registry.k8s.io/coredns/coredns:v1.15.0
r="$WORK/metrics-server"; base_files "$r"; cp "$ADDONS/metrics-server" "$r/metrics-server"
archive metrics-server "$r" '{"Entrypoint":["/metrics-server"]}' registry.k8s.io/metrics-server/metrics-server:v0.8.0
[[ -z "${CP_IMAGES_BIN:-}" ]] || source "$HERE/control-plane.sh" # static-pod control plane (static-pods.sh)
log "done: $OUT"
