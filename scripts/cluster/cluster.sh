#!/usr/bin/env bash
# Local Kubernetes control plane for tests and CI, built from the Kubernetes Go
# modules (no Docker, no images): etcd + kube-apiserver + kube-controller-manager
# + kube-scheduler + kwok (fake nodes) + a fake local-path PV provisioner.
# See scripts/cluster/README.md.
#
#   cluster.sh build            build the binaries once into the user cache
#   cluster.sh build --nodes real  ... and the real-node binaries and images
#   cluster.sh up               start (or reuse) the local cluster; prints `export KUBECONFIG=...`
#   cluster.sh up --nodes real  the same control plane with real nodes (containers run; see nodes.sh)
#        [--control-plane static-pods]  ... as static pods of the control-plane node, kubeadm layout
#                               (or K8S_COURSE_CONTROL_PLANE=static-pods; default processes; static-pods.sh)
#                               (or K8S_COURSE_NODES=real; default kwok)
#   cluster.sh leftovers        list what a run dir still holds on this machine (empty after down)
#   cluster.sh down             stop it and remove its run state (binaries stay)
#   cluster.sh status           show what runs; exit 0 only when healthy
#   cluster.sh env              print `export KUBECONFIG=...` (exit 1 when not running)
#   cluster.sh crds             (re)install the CRD catalog into the running cluster
#   cluster.sh crds --list      print group<TAB>kind<TAB>versions of the catalog (no cluster needed)
#   cluster.sh crds --path      print the directory holding crds.yaml, crds.tsv, resolved.json
#   cluster.sh crds --apply     install the CRD catalog into the current kubectl context (e.g. kind)
#   cluster.sh paths            print the cache, bin and run directories
#   cluster.sh kwok-stages OUT  write kwok's default stages (part of build; downloads the kwok module)
#
# Only stdout lines are `export KUBECONFIG=...` (up, env, status) or the
# requested listing; progress goes to stderr.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# ---------------------------------------------------------------- settings
K8S_VERSION="v1.37.2"   # keep in sync with go.mod (k8s.io/kubernetes) and README.md
CACHE_ROOT="${K8S_COURSE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/k8s-course/cluster}"
RUN_DIR="${K8S_COURSE_RUN_DIR:-$CACHE_ROOT/run}"
ETCD_PORT="${K8S_COURSE_ETCD_PORT:-23790}"
ETCD_PEER_PORT="${K8S_COURSE_ETCD_PEER_PORT:-23800}"
APISERVER_PORT="${K8S_COURSE_APISERVER_PORT:-26443}"
KCM_PORT="${K8S_COURSE_KCM_PORT:-20257}"
SCHEDULER_PORT="${K8S_COURSE_SCHEDULER_PORT:-20259}"
KWOK_PORT="${K8S_COURSE_KWOK_PORT:-20250}"
UP_TIMEOUT="${K8S_COURSE_UP_TIMEOUT:-120}"     # seconds, for each wait of `up`
INSTALL_CRDS="${K8S_COURSE_CRDS:-1}"           # 0: skip the CRD catalog
SERVICE_CIDR="10.96.0.0/16"                    # same ranges as kind
POD_CIDR="10.244.0.0/16"
CLUSTER_NAME="k8s-course-local"
KUBECONFIG_PATH="$RUN_DIR/kubeconfig"
NODES=(k8s-course-control-plane k8s-course-worker k8s-course-worker2 k8s-course-worker3)
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok pv-provisioner)
NODE_MODE="${K8S_COURSE_NODES:-kwok}"         # kwok (simulated nodes) or real (nodes.sh)
APISERVER_HOST="127.0.0.1"                     # real mode: the host side of the nodes' network
PORTS=("$ETCD_PORT" "$ETCD_PEER_PORT" "$APISERVER_PORT" "$KCM_PORT" "$SCHEDULER_PORT" "$KWOK_PORT")

log() { printf '[cluster] %s\n' "$*" >&2; }
die() { printf '[cluster] error: %s\n' "$*" >&2; exit 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
since() { local t=$(( $(now_ms) - $1 )); printf '%d.%ds' $((t / 1000)) $((t % 1000 / 100)); }

take_lock() { # take_lock FD FILE: serialise concurrent callers (e.g. two test runs)
  mkdir -p "$(dirname "$2")"
  eval "exec $1>\"\$2\""
  flock -n "$1" && return 0
  log "waiting for another cluster.sh (lock $2)"
  local waited=0
  until flock -w 5 "$1"; do
    # Components started by cluster.sh before the fd fix kept the lock open: if only
    # processes of this run dir hold it, nobody else is working on it.
    if lock_held_only_by_components "$2"; then
      log "the lock is held only by this cluster's own processes; going on"
      return 0
    fi
    waited=$((waited + 5))
    (( waited < 1800 )) || die "timed out waiting for the lock $2"
  done
}
lock_held_only_by_components() {
  local f p found=0
  while read -r f; do
    p="${f#/proc/}"; p="${p%%/*}"
    [[ "$p" == "$$" ]] && continue
    [[ "$(cat "/proc/$p/comm" 2>/dev/null)" == flock ]] && continue
    is_ours "$p" || return 1
    found=1
  done < <(find /proc/[0-9]*/fd -maxdepth 1 -lname "$1" 2>/dev/null)
  (( found == 1 ))
}
with_lock() { take_lock 9 "$RUN_DIR.lock"; "$@"; } # one up/down at a time per run dir

# shellcheck source=nodes.sh
source "$SCRIPT_DIR/nodes.sh"
# shellcheck source=static-pods.sh
source "$SCRIPT_DIR/static-pods.sh"
set_mode() { # set_mode kwok|real: what the components and addresses of this run are
  NODE_MODE="$1"
  case "$NODE_MODE" in
    kwok) ;;
    real)
      APISERVER_HOST="$HOST_IP"
      COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler pv-provisioner)
      local s c
      for s in "${NODE_SHORT[@]}"; do for c in containerd kubelet kube-proxy kube-router; do COMPONENTS+=("$c-$s"); done; done ;;
    *) die "unknown node mode '$NODE_MODE' (K8S_COURSE_NODES or --nodes: kwok or real)" ;;
  esac
  static_pods_set_mode
}
running_mode() { sed -n 's/^mode=//p' "$RUN_DIR/state" 2>/dev/null | grep . || echo kwok; }
# what the running cluster is (its nodes and control plane), for the commands that act on it
use_running_mode() { CONTROL_PLANE="$(running_control_plane)"; set_mode "$(running_mode)"; }

# ---------------------------------------------------------------- build
# Binaries live in $CACHE_ROOT/bin/<key>. The key covers what decides them: the
# pinned module graphs (go.mod/go.sum of the three wrapper modules), the Go
# version and BUILD_RECIPE (bump it when the flags below change). The helper
# (./helper, quick to build) has its own key so editing it rebuilds only it.
BUILD_RECIPE="recipe-1 trimpath s-w"

need_go() { command -v go >/dev/null || die "go is not installed (Go >= 1.26 builds the control plane once)"; }

bin_key() {
  { echo "$BUILD_RECIPE"; go env GOVERSION GOOS GOARCH
    cd "$SCRIPT_DIR" && cat go.mod go.sum etcd/go.mod etcd/go.sum kwok/go.mod kwok/go.sum
  } | sha256sum | cut -c1-16
}
helper_key() {
  { go env GOVERSION GOOS GOARCH
    cd "$SCRIPT_DIR/helper" && cat go.mod go.sum && find . -name '*.go' | LC_ALL=C sort | xargs cat
  } | sha256sum | cut -c1-16
}

module_field() { # module_field DIR MODULE FIELD -> .Version/.Time of a module in DIR's build list
  (cd "$SCRIPT_DIR/$1" && go list -m -f "{{$3}}" "$2")
}
module_dir() { # module_dir DIR MODULE -> its source directory, downloading it first
  # `go list -m -f {{.Dir}}` prints an empty string for a module that is not in the
  # module cache yet (a new machine), so ask `go mod download`, which fetches it.
  local d
  d="$(cd "$SCRIPT_DIR/$1" && go mod download -json "$2" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
  [[ -n "$d" && -d "$d" ]] || die "go mod download $2 (in scripts/cluster/$1) gave no source directory"
  printf '%s\n' "$d"
}

# kwok's own default stages ("fast": node-initialize, node-heartbeat-with-lease,
# pod-ready, pod-complete, pod-delete), taken from the same module version.
write_kwok_stages() { # write_kwok_stages OUT
  local ver dir f
  ver="$(module_field kwok sigs.k8s.io/kwok .Version)"
  dir="$(module_dir kwok sigs.k8s.io/kwok)" || return 1
  for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
           pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
    [[ -f "$dir/kustomize/stage/$f" ]] || { log "missing $dir/kustomize/stage/$f"; return 1; }
    echo "---"; echo "# sigs.k8s.io/kwok@$ver kustomize/stage/$f"; cat "$dir/kustomize/stage/$f"
  done > "$1"
}

k8s_ldflags() { # k8s_ldflags MODULE_DIR: the -X flags that make Kubernetes binaries report $K8S_VERSION
  local ver="$K8S_VERSION" major minor date ld pkg
  major="${ver#v}"; major="${major%%.*}"
  minor="${ver#v*.}"; minor="${minor%%.*}"
  date="$(module_field "$1" k8s.io/kubernetes '.Time.UTC.Format "2006-01-02T15:04:05Z"')" || return 1
  ld="-s -w"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld+=" -X $pkg.gitVersion=$ver -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
    ld+=" -X $pkg.gitTreeState=archive -X $pkg.buildDate=$date"
  done
  echo "$ld"
}

build_main() {
  local dir="$1" tmp
  log "building Kubernetes $K8S_VERSION, etcd and kwok into $dir"
  log "(a cold build takes about 10-15 minutes on 2 cores and up to 3 GB of memory; later runs reuse it)"
  mkdir -p "$CACHE_ROOT/bin"
  tmp="$(mktemp -d "$CACHE_ROOT/bin/.build.XXXXXX")"
  local ver="$K8S_VERSION" ld
  ld="$(k8s_ldflags .)" || die "could not read k8s.io/kubernetes from scripts/cluster/go.mod"
  local etcd_ver kwok_ver
  etcd_ver="$(module_field etcd go.etcd.io/etcd/server/v3 .Version)"
  kwok_ver="$(module_field kwok sigs.k8s.io/kwok .Version)"
  local -a gobuild=(nice -n 10 go build -trimpath)
  local fail="rm -rf '$tmp'; die 'build failed (see the go output above)'"
  local -x GOFLAGS="${GOFLAGS:-} -mod=readonly"
  log "go build kube-apiserver kube-controller-manager kube-scheduler ($ver)"
  (cd "$SCRIPT_DIR" && "${gobuild[@]}" -ldflags "$ld" -o "$tmp/" \
      k8s.io/kubernetes/cmd/kube-apiserver \
      k8s.io/kubernetes/cmd/kube-controller-manager \
      k8s.io/kubernetes/cmd/kube-scheduler) || eval "$fail"
  log "go build etcd ($etcd_ver)"
  (cd "$SCRIPT_DIR/etcd" && "${gobuild[@]}" -o "$tmp/etcd" \
      -ldflags "-s -w -X go.etcd.io/etcd/api/v3/version.GitSHA=module-$etcd_ver" \
      go.etcd.io/etcd/server/v3) || eval "$fail"
  log "go build kwok ($kwok_ver)"
  (cd "$SCRIPT_DIR/kwok" && "${gobuild[@]}" -o "$tmp/kwok" \
      -ldflags "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${kwok_ver#v} -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=${ver#v}" \
      sigs.k8s.io/kwok/cmd/kwok) || eval "$fail"
  write_kwok_stages "$tmp/kwok-stages.yaml" || eval "$fail"
  printf 'kubernetes %s\netcd %s\nkwok %s\ngo %s\nbuilt %s\n' "$ver" "$etcd_ver" "$kwok_ver" \
    "$(go env GOVERSION)" "$(date -u +%FT%TZ)" > "$tmp/VERSIONS"
  chmod 755 "$tmp"
  rm -rf "$dir"
  mv "$tmp" "$dir"
  # keep only the two newest builds
  ls -1dt "$CACHE_ROOT"/bin/*/ 2>/dev/null | tail -n +3 | xargs -r rm -rf
}

build_helper() {
  local dir="$1" tmp
  log "building the course helper (pv-provisioner, CRD catalog) into $dir"
  mkdir -p "$CACHE_ROOT/helper"
  tmp="$(mktemp -d "$CACHE_ROOT/helper/.build.XXXXXX")"
  if ! (cd "$SCRIPT_DIR/helper" && GOFLAGS="${GOFLAGS:-} -mod=readonly" \
        nice -n 10 go build -trimpath -ldflags "-s -w" -o "$tmp/course-cluster-helper" .); then
    rm -rf "$tmp"
    die "helper build failed"
  fi
  chmod 755 "$tmp"
  rm -rf "$dir"
  mv "$tmp" "$dir"
  ls -1dt "$CACHE_ROOT"/helper/*/ 2>/dev/null | tail -n +3 | xargs -r rm -rf
}

# Sets BIN and HELPER (directories), building what is missing.
ensure_built() {
  need_go
  local t0; t0=$(now_ms)
  take_lock 8 "$CACHE_ROOT/.build.lock"
  BIN="$CACHE_ROOT/bin/$(bin_key)"
  HELPER="$CACHE_ROOT/helper/$(helper_key)"
  [[ -f "$BIN/VERSIONS" ]] || build_main "$BIN"
  [[ -x "$HELPER/course-cluster-helper" ]] || build_helper "$HELPER"
  flock -u 8
  log "binaries: $BIN ($(since "$t0"))"
}

cmd_build() {
  ensure_built; cat "$BIN/VERSIONS" >&2
  # --nodes real: also the node binaries and images, so a first `up --nodes real` (or a test with a
  # time limit) does not start with a 10-minute cold build
  if [[ "$NODE_MODE" == real ]]; then ensure_nodes_built; cat "$NODES_BIN/VERSIONS" >&2; fi
  # K8S_COURSE_CONTROL_PLANE=static-pods: also etcdctl, etcdutl, crictl and the control-plane images
  if [[ "$NODE_MODE" == real ]] && static_pods; then ensure_static_pods_built; fi
}

# ---------------------------------------------------------------- CRD catalog
# Resolves crd-catalog.json into $CACHE_ROOT/crds/<key>/ (crds.yaml, crds.tsv,
# resolved.json); $CACHE_ROOT/crds/current points at the newest one.
CRD_DIR=""
resolve_crds() {
  local key
  key="$( { cat "$SCRIPT_DIR/crd-catalog.json"; helper_key; } | sha256sum | cut -c1-16)"
  CRD_DIR="$CACHE_ROOT/crds/$key"
  if [[ ! -f "$CRD_DIR/resolved.json" ]]; then
    log "resolving the CRD catalog (go mod download of each source)"
    mkdir -p "$CACHE_ROOT/crds"
    local tmp; tmp="$(mktemp -d "$CACHE_ROOT/crds/.resolve.XXXXXX")"
    if ! "$HELPER/course-cluster-helper" crds --catalog "$SCRIPT_DIR/crd-catalog.json" --out "$tmp"; then
      rm -rf "$tmp"; die "could not resolve crd-catalog.json"
    fi
    chmod 755 "$tmp"
    rm -rf "$CRD_DIR"; mv "$tmp" "$CRD_DIR"
  fi
  ln -sfn "$key" "$CACHE_ROOT/crds/current"
}

install_crds() { # server-side apply of every source in parallel, then wait for Established
  local t0; t0=$(now_ms)
  local n f pids=() rc=0
  n=$(wc -l < "$CRD_DIR/crd-names.txt")
  for f in "$CRD_DIR"/sources/*.yaml; do
    kc apply --server-side --force-conflicts --field-manager=k8s-course -f "$f" >/dev/null &
    pids+=($!)
  done
  for f in "${pids[@]}"; do wait "$f" || rc=1; done
  (( rc == 0 )) || { log "kubectl apply of the CRD catalog failed"; return 1; }
  log "CRD catalog: $n CRDs applied ($(since "$t0")), waiting for Established"
  # (kubectl wait fails at once on a CRD without conditions yet, and is slow on 85 CRDs: poll one list)
  local deadline=$(( $(date +%s) + UP_TIMEOUT ))
  until crds_established; do
    if (( $(date +%s) >= deadline )); then
      log "CRDs not Established after ${UP_TIMEOUT}s: $(crds_established -v | tr '\n' ' ')"
      return 1
    fi
    sleep 1
  done
  [[ -n "${KC_AMBIENT:-}" ]] || basename "$CRD_DIR" > "$RUN_DIR/crds-installed"
  log "CRD catalog: $n CRDs established ($(since "$t0"))"
}

crds_established() { # all CRDs of the catalog Established? (-v: print the missing ones)
  local missing
  local tpl='{{range .items}}{{.metadata.name}}={{range .status.conditions}}{{if eq .type "Established"}}{{.status}}{{end}}{{end}}{{"\n"}}{{end}}'
  missing="$( { kc get crd -o go-template="$tpl" 2>/dev/null || true; } \
    | sed -n 's/=True$//p' | sort | comm -23 <(sort "$CRD_DIR/crd-names.txt") -)"
  [[ "${1:-}" == -v ]] && echo "$missing"
  [[ -z "$missing" ]]
}

cmd_crds() {
  case "${1:-}" in
    --list|--path)
        need_go
        HELPER="$CACHE_ROOT/helper/$(helper_key)"
        [[ -x "$HELPER/course-cluster-helper" ]] || build_helper "$HELPER"
        resolve_crds
        if [[ "$1" == --list ]]; then cat "$CRD_DIR/crds.tsv"; else echo "$CRD_DIR"; fi ;;
    "") healthy || die "the cluster is not running (cluster.sh up)"
        ensure_built; resolve_crds; install_crds ;;
    --apply) # into the cluster of the current KUBECONFIG / kubectl context (e.g. kind)
        command -v kubectl >/dev/null || die "kubectl is not installed"
        need_go
        HELPER="$CACHE_ROOT/helper/$(helper_key)"
        [[ -x "$HELPER/course-cluster-helper" ]] || build_helper "$HELPER"
        resolve_crds
        log "installing the CRD catalog into context $(kubectl config current-context)"
        KC_AMBIENT=1 install_crds ;;
    *) die "usage: cluster.sh crds [--list|--path|--apply]" ;;
  esac
}

# ---------------------------------------------------------------- processes
kc() { # kubectl against the local cluster (or, with KC_AMBIENT=1, the one KUBECONFIG names)
  if [[ -n "${KC_AMBIENT:-}" ]]; then kubectl --request-timeout=30s "$@"
  else kubectl --kubeconfig "$KUBECONFIG_PATH" --request-timeout=30s "$@"; fi
}

pid_of() { [[ -f "$RUN_DIR/pids/$1.pid" ]] && cat "$RUN_DIR/pids/$1.pid"; }
alive() { # alive NAME: the recorded process still runs and is ours
  local pid; pid="$(pid_of "$1")" || return 1
  is_ours "$pid"
}

start() { # start NAME BINARY ARGS... (own session and process group, log in logs/NAME.log)
  local name="$1"; shift
  # 8>&- 9>&-: the lock descriptors must not live on in the components
  setsid "$@" >"$RUN_DIR/logs/$name.log" 2>&1 </dev/null 8>&- 9>&- &
  echo $! > "$RUN_DIR/pids/$name.pid"
}

log_tail() {
  local f="$RUN_DIR/logs/$1.log"
  [[ -f "$f" ]] || return 0
  printf '[cluster] ---- last lines of %s ----\n' "$f" >&2
  tail -n "${2:-30}" "$f" >&2
}

check_alive() { # fail with the log tail of a component that exited
  local c
  for c in "${STARTED[@]}"; do
    if ! alive "$c"; then
      log "$c exited during start"
      log_tail "$c" 40
      TAIL_SHOWN=1
      return 1
    fi
  done
}

wait_until() { # wait_until WHAT CMD...: poll CMD until it succeeds, components alive, UP_TIMEOUT
  local what="$1"; shift
  local deadline=$(( $(date +%s) + UP_TIMEOUT ))
  until "$@" >/dev/null 2>&1; do
    check_alive || return 1
    if (( $(date +%s) >= deadline )); then
      log "timed out after ${UP_TIMEOUT}s waiting for $what"
      return 1
    fi
    sleep 0.2
  done
}

is_ours() { # is_ours PID: a binary of our cache, running for this run dir
  local exe
  exe="$(readlink "/proc/$1/exe" 2>/dev/null)" || return 1
  [[ "$exe" == "$CACHE_ROOT/bin/"* || "$exe" == "$CACHE_ROOT/helper/"* || "$exe" == "$CACHE_ROOT/nodes/"* \
     || "$exe" == /usr/bin/containerd || "$exe" == /usr/bin/containerd-shim-runc-v2 ]] || return 1
  { tr '\0' ' ' < "/proc/$1/cmdline"; } 2>/dev/null | grep -qF -- "$RUN_DIR/"
}

our_pids() { # every process of ours that names the run dir (covers lost pid files)
  local f p
  for f in $(grep -lsF -- "$RUN_DIR/" /proc/[0-9]*/cmdline 2>/dev/null); do
    p="${f#/proc/}"; p="${p%/cmdline}"
    is_ours "$p" && echo "$p"
  done
  return 0
}

stop_all() { # clients first, etcd last; each gets TERM, a second TERM, then KILL
  local c pid i
  if [[ "$NODE_MODE" == real || -f "$RUN_DIR/net" ]]; then stop_nodes; fi
  for c in pv-provisioner kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
    alive "$c" || continue
    pid="$(pid_of "$c")"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do
      alive "$c" || break
      (( i == 25 )) && kill -TERM "$pid" 2>/dev/null # kube-apiserver exits at once on a second signal
      sleep 0.2
    done
    if alive "$c"; then log "killing $c"; kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; fi
  done
  local pids=()
  mapfile -t pids < <(our_pids)
  (( ${#pids[@]} == 0 )) && return 0
  log "stopping left-over processes of $RUN_DIR: ${pids[*]}"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for i in $(seq 1 25); do
    mapfile -t pids < <(our_pids)
    (( ${#pids[@]} == 0 )) && return 0
    sleep 0.2
  done
  kill -KILL "${pids[@]}" 2>/dev/null || true
  sleep 0.3
}
stop_and_clean() { # stop_all, then (real nodes) mounts, cgroups and namespaces, then the run dir
  stop_all
  if [[ "$NODE_MODE" == real || -f "$RUN_DIR/net" ]]; then cleanup_nodes; fi
  rm -rf "$RUN_DIR"
}

port_busy() { [[ -n "$(ss -Htln "sport = :$1" 2>/dev/null)" ]]; }

check_ports() {
  local p
  for p in "${PORTS[@]}"; do
    if port_busy "$p"; then
      local who; who="$(ss -Htlnp "sport = :$p" 2>/dev/null | grep -o 'users:.*' | head -1)"
      die "port 127.0.0.1:$p is in use by another program (${who:-unknown}); free it or choose other ports with K8S_COURSE_*_PORT (see README)"
    fi
  done
}

# ---------------------------------------------------------------- health
healthy() {
  [[ -f "$RUN_DIR/state" && -f "$KUBECONFIG_PATH" ]] || return 1
  local c
  for c in "${COMPONENTS[@]}"; do alive "$c" || return 1; done
  readyz
}
readyz() {
  [[ "$(curl -s --max-time 5 --cacert "$RUN_DIR/pki/ca.crt" "https://$APISERVER_HOST:$APISERVER_PORT/readyz" 2>/dev/null)" == ok ]]
}
nodes_ready() {
  local n
  n="$(kc get nodes -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' 2>/dev/null | grep -c '^True$')"
  [[ "$n" == "${#NODES[@]}" ]]
}
default_sa() { kc -n default get serviceaccount default; }

print_env() { echo "export KUBECONFIG=$KUBECONFIG_PATH"; }

rss_total() { # sum of VmRSS (KiB) of all control plane processes
  local c pid kb total=0
  for c in "${COMPONENTS[@]}"; do
    alive "$c" || continue
    pid="$(pid_of "$c")"
    kb="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
    printf '%-24s %6d MiB\n' "$c" $((kb / 1024)) >&2
    total=$((total + kb))
  done
  printf '%-24s %6d MiB\n' "total RSS" $((total / 1024)) >&2
}

# ---------------------------------------------------------------- certificates
# EC P-256 keys (fast to make), one CA for everything; regenerated on every `up`.
gen_pki() {
  local d="$RUN_DIR/pki"
  mkdir -p "$d"
  (
    cd "$d"
    umask 077
    openssl ecparam -name prime256v1 -genkey -noout -out ca.key 2>/dev/null
    openssl req -x509 -new -key ca.key -sha256 -days 3650 -subj "/CN=k8s-course-local-ca" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
      -out ca.crt 2>/dev/null
    sign() { # sign NAME SUBJECT EXTENSIONS
      openssl ecparam -name prime256v1 -genkey -noout -out "$1.key" 2>/dev/null
      openssl req -new -key "$1.key" -subj "$2" -out "$1.csr" 2>/dev/null
      printf '%b\n' "$3" > "$1.ext"
      openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -sha256 \
        -extfile "$1.ext" -out "$1.crt" 2>/dev/null
      rm -f "$1.csr" "$1.ext"
    }
    local server="keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth"
    local client="keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth"
    sign apiserver "/CN=kube-apiserver" "$server\nsubjectAltName=IP:127.0.0.1,IP:$APISERVER_HOST,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
    sign kwok-serving "/CN=kwok" "$server\nsubjectAltName=IP:127.0.0.1,DNS:localhost"
    sign admin "/O=system:masters/CN=kubernetes-admin" "$client"
    # aggregation layer (front proxy), as kubeadm sets it up
    openssl ecparam -name prime256v1 -genkey -noout -out front-proxy-ca.key 2>/dev/null
    openssl req -x509 -new -key front-proxy-ca.key -sha256 -days 3650 -subj "/CN=front-proxy-ca" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
      -out front-proxy-ca.crt 2>/dev/null
    openssl ecparam -name prime256v1 -genkey -noout -out front-proxy-client.key 2>/dev/null
    openssl req -new -key front-proxy-client.key -subj "/CN=front-proxy-client" -out front-proxy-client.csr 2>/dev/null
    printf '%b\n' "$client" > front-proxy-client.ext
    openssl x509 -req -in front-proxy-client.csr -CA front-proxy-ca.crt -CAkey front-proxy-ca.key -CAcreateserial \
      -days 3650 -sha256 -extfile front-proxy-client.ext -out front-proxy-client.crt 2>/dev/null
    rm -f front-proxy-client.csr front-proxy-client.ext
    sign controller-manager "/CN=system:kube-controller-manager" "$client"
    sign scheduler "/CN=system:kube-scheduler" "$client"
    sign kwok "/O=system:masters/CN=kwok-controller" "$client"
    sign pv-provisioner "/O=system:masters/CN=k8s-course-pv-provisioner" "$client"
    # service account token signing key pair
    openssl ecparam -name prime256v1 -genkey -noout -out sa.key 2>/dev/null
    openssl ec -in sa.key -pubout -out sa.pub 2>/dev/null
  )
}

write_kubeconfig() ( # write_kubeconfig FILE CERTNAME (a subshell: the umask must not leak into the components)
  local d="$RUN_DIR/pki"
  umask 077
  cat > "$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: $CLUSTER_NAME
  cluster:
    server: https://$APISERVER_HOST:$APISERVER_PORT
    certificate-authority-data: $(base64 -w0 "$d/ca.crt")
contexts:
- name: $CLUSTER_NAME
  context:
    cluster: $CLUSTER_NAME
    user: $2
current-context: $CLUSTER_NAME
users:
- name: $2
  user:
    client-certificate-data: $(base64 -w0 "$d/$2.crt")
    client-key-data: $(base64 -w0 "$d/$2.key")
EOF
)

# ---------------------------------------------------------------- manifests
node_manifest() { # the course's kind cluster, as kwok fake nodes
  local name zone extra spec
  for name in "${NODES[@]}"; do
    spec='spec: {}'
    case "$name" in
      k8s-course-control-plane) zone="zone-a"
        extra=$'    node-role.kubernetes.io/control-plane: ""\n    ingress-ready: "true"'
        spec=$'spec:\n  taints:\n  - key: node-role.kubernetes.io/control-plane\n    effect: NoSchedule' ;;
      k8s-course-worker)  zone="zone-a"; extra='    node-type: cpu-optimized' ;;
      k8s-course-worker2) zone="zone-b"; extra='    disktype: ssd' ;;
      k8s-course-worker3) zone="zone-c"; extra='    disktype: hdd' ;;
    esac
    cat <<EOF
---
apiVersion: v1
kind: Node
metadata:
  name: $name
  labels:
    kubernetes.io/hostname: $name
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    beta.kubernetes.io/os: linux
    beta.kubernetes.io/arch: amd64
    topology.kubernetes.io/zone: $zone
    type: kwok
$extra
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
$spec
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110", ephemeral-storage: 100Gi}
  capacity: {cpu: "4", memory: 8Gi, pods: "110", ephemeral-storage: 100Gi}
  nodeInfo:
    architecture: amd64
    operatingSystem: linux
    kubeletVersion: $K8S_VERSION
    kubeProxyVersion: $K8S_VERSION
    containerRuntimeVersion: kwok://fake
    osImage: kwok fake node (k8s-course)
EOF
  done
  cat <<'EOF'
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: rancher.io/local-path
reclaimPolicy: Delete
volumeBindingMode: WaitForFirstConsumer
EOF
}

# ---------------------------------------------------------------- commands
STARTED=()
TAIL_SHOWN=""

cmd_up() {
  local t0; t0=$(now_ms)
  ensure_built
  [[ "$NODE_MODE" == real ]] && ensure_nodes_built
  if static_pods; then ensure_static_pods_built; fi
  if [[ "$INSTALL_CRDS" != 0 ]]; then resolve_crds; fi
  if [[ -f "$RUN_DIR/state" && ( "$(running_mode)" != "$NODE_MODE" || "$(running_control_plane)" != "$CONTROL_PLANE" ) ]]; then
    log "the running cluster has $(running_mode) nodes and a $(running_control_plane) control plane, $NODE_MODE/$CONTROL_PLANE was asked for: restarting it"
    local want="$NODE_MODE" want_cp="$CONTROL_PLANE"
    use_running_mode; stop_and_clean
    CONTROL_PLANE="$want_cp"; set_mode "$want"
  fi
  if healthy; then
    log "already running ($RUN_DIR)"
    if ! grep -qxF "bin=$BIN" "$RUN_DIR/state"; then
      log "note: it runs binaries of an older build; 'cluster.sh down' then 'up' switches to $BIN"
    fi
    if [[ "$INSTALL_CRDS" != 0 && "$(cat "$RUN_DIR/crds-installed" 2>/dev/null)" != "$(basename "$CRD_DIR")" ]]; then
      log "the CRD catalog changed: installing it"
      install_crds
    fi
    print_env
    return 0
  fi
  if [[ -e "$RUN_DIR" || -n "$(our_pids)" ]]; then
    log "found a stale or broken run in $RUN_DIR: cleaning it"
    stop_and_clean
  fi
  check_ports
  mkdir -p "$RUN_DIR"/{pids,logs,etcd}
  chmod 700 "$RUN_DIR" "$RUN_DIR/etcd"
  if [[ "$NODE_MODE" == real ]]; then
    local long; if long="$(run_dir_too_long)"; then rm -rf "$RUN_DIR"; die "$long"; fi
    net_choose
  fi
  gen_pki
  local c
  local -a apiserver_net=(--advertise-address=127.0.0.1 --bind-address=127.0.0.1 --endpoint-reconciler-type=none)
  if [[ "$NODE_MODE" == real ]]; then
    node_pki
    net_up || fail_up
    # Pods reach the API server through the `kubernetes` Service: it needs a routable address and endpoints.
    apiserver_net=(--advertise-address="$HOST_IP" --bind-address="$HOST_IP" --endpoint-reconciler-type=lease
      --kubelet-preferred-address-types=InternalIP,Hostname --enable-aggregator-routing=true)
    log "node network $NET_PREFIX.0/24 ready ($(since "$t0"))"
  fi
  for c in admin controller-manager scheduler kwok pv-provisioner; do
    write_kubeconfig "$RUN_DIR/$c.kubeconfig" "$c"
  done
  mv "$RUN_DIR/admin.kubeconfig" "$KUBECONFIG_PATH"
  cp "$BIN/kwok-stages.yaml" "$RUN_DIR/kwok-stages.yaml"
  printf 'bin=%s\nmode=%s\ncontrol_plane=%s\nstarted=%s\n' "$BIN" "$NODE_MODE" "$CONTROL_PLANE" "$(date -u +%FT%TZ)" > "$RUN_DIR/state"
  log "pki and kubeconfigs ready ($(since "$t0"))"

  local pki="$RUN_DIR/pki"
  if static_pods; then static_pods_prepare || fail_up; else
  start etcd "$BIN/etcd" --name=k8s-course --data-dir="$RUN_DIR/etcd" \
    --listen-client-urls="http://127.0.0.1:$ETCD_PORT" --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster="k8s-course=http://127.0.0.1:$ETCD_PEER_PORT" \
    --quota-backend-bytes=$((2 * 1024 * 1024 * 1024)) --unsafe-no-fsync --log-level=warn
  STARTED+=(etcd)
  start kube-apiserver "$BIN/kube-apiserver" \
    "${apiserver_net[@]}" --secure-port="$APISERVER_PORT" \
    --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
    --tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" \
    --client-ca-file="$pki/ca.crt" \
    --authorization-mode=Node,RBAC --enable-admission-plugins=NodeRestriction \
    --allow-privileged=true \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
    --service-cluster-ip-range="$SERVICE_CIDR" \
    --kubelet-client-certificate="$pki/admin.crt" --kubelet-client-key="$pki/admin.key" \
    --requestheader-client-ca-file="$pki/front-proxy-ca.crt" --requestheader-allowed-names=front-proxy-client \
    --requestheader-username-headers=X-Remote-User --requestheader-group-headers=X-Remote-Group \
    --requestheader-extra-headers-prefix=X-Remote-Extra- \
    --proxy-client-cert-file="$pki/front-proxy-client.crt" --proxy-client-key-file="$pki/front-proxy-client.key" \
    --profiling=false --v=1
  STARTED+=(kube-apiserver)
  wait_until "kube-apiserver /readyz" readyz || fail_up
  log "kube-apiserver ready ($(since "$t0"))"

  start kube-controller-manager "$BIN/kube-controller-manager" \
    --kubeconfig="$RUN_DIR/controller-manager.kubeconfig" \
    --authentication-kubeconfig="$RUN_DIR/controller-manager.kubeconfig" \
    --authorization-kubeconfig="$RUN_DIR/controller-manager.kubeconfig" \
    --bind-address=127.0.0.1 --secure-port="$KCM_PORT" \
    --client-ca-file="$pki/ca.crt" --root-ca-file="$pki/ca.crt" \
    --service-account-private-key-file="$pki/sa.key" --use-service-account-credentials=true \
    --cluster-signing-cert-file="$pki/ca.crt" --cluster-signing-key-file="$pki/ca.key" \
    --controllers='*,bootstrapsigner,tokencleaner' --leader-elect=false \
    --allocate-node-cidrs=true --cluster-cidr="$POD_CIDR" --node-cidr-mask-size=24 \
    --service-cluster-ip-range="$SERVICE_CIDR" --cluster-name=k8s-course \
    --profiling=false --v=1
  STARTED+=(kube-controller-manager)
  start kube-scheduler "$BIN/kube-scheduler" \
    --kubeconfig="$RUN_DIR/scheduler.kubeconfig" \
    --authentication-kubeconfig="$RUN_DIR/scheduler.kubeconfig" \
    --authorization-kubeconfig="$RUN_DIR/scheduler.kubeconfig" \
    --bind-address=127.0.0.1 --secure-port="$SCHEDULER_PORT" --leader-elect=false --profiling=false --v=1
  STARTED+=(kube-scheduler)
  fi
  if [[ "$NODE_MODE" == kwok ]]; then
  # HOME: kwok also reads ~/.kwok/kwok.yaml when present; keep a user's file out of it.
  mkdir -p "$RUN_DIR/kwok-home"
  start kwok env HOME="$RUN_DIR/kwok-home" "$BIN/kwok" --kubeconfig="$RUN_DIR/kwok.kubeconfig" \
    --config="$RUN_DIR/kwok-stages.yaml" \
    --manage-all-nodes=false --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
    --cidr="$POD_CIDR" --node-ip=127.0.0.1 --node-port="$KWOK_PORT" \
    --server-address="127.0.0.1:$KWOK_PORT" \
    --tls-cert-file="$pki/kwok-serving.crt" --tls-private-key-file="$pki/kwok-serving.key" \
    --node-lease-duration-seconds=40 --v=INFO
  STARTED+=(kwok)
  fi
  local -a pv_args=()
  # real kubelets mount the volumes (so they live in the run dir) and finish their own pod deletions
  [[ "$NODE_MODE" == real ]] && pv_args=(--volume-dir="$RUN_DIR/volumes" --reap-stuck-pods=false)
  start pv-provisioner "$HELPER/course-cluster-helper" pv-provisioner --kubeconfig="$RUN_DIR/pv-provisioner.kubeconfig" "${pv_args[@]}"
  STARTED+=(pv-provisioner)

  if [[ "$NODE_MODE" == real ]]; then
    start_nodes "$t0"
    addons_apply || fail_up
  else
    node_manifest > "$RUN_DIR/nodes.yaml"
    kc apply -f "$RUN_DIR/nodes.yaml" >/dev/null || { log "could not create the nodes"; fail_up; }
    wait_until "all ${#NODES[@]} nodes Ready" nodes_ready || fail_up
    log "all ${#NODES[@]} nodes Ready ($(since "$t0"))"
  fi
  local crd_job=""
  if [[ "$INSTALL_CRDS" != 0 ]]; then
    install_crds & crd_job=$!
  fi
  wait_until "the default ServiceAccount" default_sa || fail_up
  if [[ -n "$crd_job" ]]; then
    wait "$crd_job" || { log "installing the CRD catalog failed"; fail_up; }
  fi
  if [[ "$NODE_MODE" == real ]]; then
    wait_until "CoreDNS ready" coredns_ready || { log_pods kube-system; fail_up; }
    log "CoreDNS ready ($(since "$t0"))"
  fi
  check_alive || fail_up
  log "cluster up in $(since "$t0"): $(kc version -o json 2>/dev/null | grep -o '"gitVersion": *"[^"]*"' | tail -1)"
  print_env
}

fail_up() {
  local c
  if [[ -z "$TAIL_SHOWN" ]]; then for c in "${STARTED[@]}"; do log_tail "$c" 8; done; fi
  log "start failed; component logs are in $RUN_DIR/logs (cleaned by the next up or down)"
  stop_and_clean_keep_logs
  exit 1
}

cmd_down() {
  if [[ ! -e "$RUN_DIR" && -z "$(our_pids)" ]]; then
    log "not running"
    return 0
  fi
  stop_and_clean
  log "stopped; removed $RUN_DIR (binaries kept in $CACHE_ROOT/bin)"
}

cmd_status() {
  if [[ ! -e "$RUN_DIR" ]]; then
    log "not running"
    return 1
  fi
  local c ok=0
  for c in "${COMPONENTS[@]}"; do
    if alive "$c"; then log "$(printf '%-24s running (pid %s)' "$c" "$(pid_of "$c")")"
    else log "$(printf '%-24s NOT running (log: %s)' "$c" "$RUN_DIR/logs/$c.log")"; ok=1; fi
  done
  if readyz; then log "kube-apiserver /readyz ok (https://127.0.0.1:$APISERVER_PORT)"; else log "kube-apiserver not ready"; ok=1; fi
  if (( ok == 0 )); then
    kc get nodes -L topology.kubernetes.io/zone >&2 || true
    log "CRDs installed: $(kc get crd --no-headers 2>/dev/null | wc -l)"
    rss_total
    print_env
  fi
  return $ok
}

cmd_env() {
  healthy || die "the local cluster is not running (scripts/cluster/cluster.sh up)"
  print_env
}

# Every up/down goes to $RUN_DIR.calls.log with the chain of processes that called it: a cluster that
# vanished in the middle of a test run must be explainable afterwards (who ran `down`, or a second `up`).
log_call() {
  # Diagnostics only, so pure bash: it must neither need a tool nor stop `up` (e.g. on a PATH without tr/awk).
  local p="$$" chain="" args a stat depth=0
  while [[ "$p" =~ ^[0-9]+$ && "$p" -gt 1 ]]; do
    args=""
    # command lines of the nearest four (the test script, npm, vitest ...); further up only the name
    if (( depth < 4 )); then
      while IFS= read -r -d '' a; do args+="$a "; done < "/proc/$p/cmdline" 2>/dev/null
      args="${args:0:160}"
    else IFS= read -r args < "/proc/$p/comm" 2>/dev/null; fi
    chain+="${chain:+ <- }$p ${args% }"
    IFS= read -r stat < "/proc/$p/stat" 2>/dev/null || break
    stat="${stat##*) }"; read -r _ p _ <<< "$stat"; depth=$((depth + 1))
  done
  mkdir -p "${RUN_DIR%/*}" 2>/dev/null
  printf '%s %s: %s\n' "$(date -u +%FT%TZ)" "$*" "$chain" >> "$RUN_DIR.calls.log" 2>/dev/null
  return 0
}

main() {
  local cmd="${1:-}"
  shift || true
  case "$cmd" in up|down) log_call "$cmd $*" || true ;; esac
  case "$cmd" in
    build)
      case "${1:-}${2:+ $2}" in
        "") ;;
        "--nodes real" | --nodes=real) NODE_MODE=real ;;
        *) die "usage: cluster.sh build [--nodes real]" ;;
      esac
      set_mode "$NODE_MODE"; with_lock cmd_build ;;
    up)
      while [[ $# -gt 0 ]]; do
        case "$1" in
          --nodes) [[ $# -ge 2 ]] || die "usage: cluster.sh up [--nodes kwok|real]"; NODE_MODE="$2"; shift 2 ;;
          --nodes=*) NODE_MODE="${1#--nodes=}"; shift ;;
          --control-plane) [[ $# -ge 2 ]] || die "usage: cluster.sh up [--nodes kwok|real] [--control-plane processes|static-pods]"; CONTROL_PLANE="$2"; shift 2 ;;
          --control-plane=*) CONTROL_PLANE="${1#--control-plane=}"; shift ;;
          *) die "usage: cluster.sh up [--nodes kwok|real] [--control-plane processes|static-pods]" ;;
        esac
      done
      set_mode "$NODE_MODE"; with_lock cmd_up ;;
    down) use_running_mode; with_lock cmd_down ;;
    status) use_running_mode; cmd_status ;;
    env) use_running_mode; cmd_env ;;
    node-service) use_running_mode; node_service "$@" ;;
    leftovers) leftovers ;;
    node-memory) node_memory ;;
    real-nodes-blocker) real_nodes_blocker ;;
    crds) use_running_mode; cmd_crds "$@" ;;
    kwok-stages) [[ $# -eq 1 ]] || die "usage: cluster.sh kwok-stages OUT"; write_kwok_stages "$1" ;;
    paths) echo "cache $CACHE_ROOT"; echo "bin $CACHE_ROOT/bin/$(bin_key)"; echo "run $RUN_DIR" ;;
    *) die "usage: cluster.sh <build|up|down|status|env|crds [--list|--path]|paths>" ;;
  esac
}

main "$@"
