# Real-node mode of cluster.sh (sourced by it; `cluster.sh up --nodes real` or K8S_COURSE_NODES=real).
# Instead of kwok, every node of kind-config.yaml is a real one: containerd + kubelet + kube-proxy
# + kube-router (NetworkPolicy only), each node in its own network namespace (like kind's node
# containers), all joined by a bridge in a "hub" namespace. The host sees one veth with the API
# server's address. Everything this creates is named after the run dir's network number N, so two
# run dirs never share a namespace, interface, cgroup or mount; `down` removes exactly these.
# See scripts/cluster/README.md ("Real-node mode").

# ---------------------------------------------------------------- settings
NODE_SHORT=(cp w1 w2 w3)   # per-node directory and namespace suffix (unix socket paths stay short)
# The run dir decides the /24 (10.250.N.0/24), so a second run dir usually gets another one. Two run
# dirs can hash to the same N: `up` then takes the next free number (net_pick) and remembers it in
# $RUN_DIR/net, which every later command of that run (down, leftovers, status) reads first.
net_number() { echo $(( $(printf '%s' "$RUN_DIR" | cksum | cut -d' ' -f1) % 200 + 20 )); }
net_set() { # net_set N: every name derived from the network number
  NET_N="$1"
  NET_PREFIX="10.250.$NET_N"
  HOST_IP="$NET_PREFIX.1"            # the API server's advertise and bind address
  NS_PREFIX="k8sc$NET_N"             # netns k8sc<N>-hub, k8sc<N>-cp ...; host veth k8sc<N>-h
  CGROUP_PREFIX="k8s-course-$NET_N"  # cgroup root of each node: /k8s-course-<N>-cp ...
}
net_taken() { # net_taken N: another run (or anything else) already uses 10.250.N.0/24 or its names
  ip -o addr show 2>/dev/null | grep -qF " 10.250.$1.1/" && return 0
  ip netns list 2>/dev/null | awk '{print $1}' | grep -q "^k8sc$1-" && return 0
  ip -o link show "k8sc$1-h" >/dev/null 2>&1
}
net_pick() { # the hashed number, or the next free one after it (20-219, wrapping)
  local n k; n="$(net_number)"
  for k in $(seq 0 199); do
    net_taken "$n" || { echo "$n"; return 0; }
    n=$(( (n - 20 + 1) % 200 + 20 ))
  done
  return 1
}
net_set "$(cat "$RUN_DIR/net" 2>/dev/null || net_number)"
CLUSTER_DNS="10.96.0.10"
node_ip() { echo "$NET_PREFIX.$((11 + $1))"; }
node_dir() { echo "$RUN_DIR/nodes/${NODE_SHORT[$1]}"; }
# The kubelet's unix sockets under a node dir (kubelet/pod-resources/<10 digits>) must fit in 107 bytes:
# with a longer run dir the kubelet exits with "bind: invalid argument" (seen with a HOME deep in /tmp).
RUN_DIR_MAX=60
run_dir_too_long() {
  (( ${#RUN_DIR} <= RUN_DIR_MAX )) && return 1
  echo "실행 디렉터리 경로가 너무 깁니다(${#RUN_DIR}자, 최대 ${RUN_DIR_MAX}자): $RUN_DIR. 노드의 유닉스 소켓 경로가 108바이트를 넘어 kubelet이 뜨지 못합니다. K8S_COURSE_RUN_DIR을 짧은 경로(예: /tmp/k8s-run)로 지정하세요."
}
node_ns() { echo "$NS_PREFIX-${NODE_SHORT[$1]}"; }
in_ns() { local ns="$1"; shift; nsenter --net="/run/netns/$ns" -- "$@"; } # not `ip netns exec`: it remounts /sys

# ---------------------------------------------------------------- build (kubelet, kube-proxy, add-ons)
NODES_RECIPE="nodes-recipe-2 trimpath s-w static-addons"
nodes_key() {
  { echo "$NODES_RECIPE"; go env GOVERSION GOOS GOARCH
    cd "$SCRIPT_DIR" && cat nodes/go.mod nodes/go.sum addons/*/go.mod addons/*/go.sum
  } | sha256sum | cut -c1-16
}

build_nodes() {
  local dir="$1" tmp a
  log "building kubelet, kube-proxy ($K8S_VERSION), CoreDNS, metrics-server and kube-router into $dir"
  log "(about 1-2 minutes with a warm Go build cache, 10+ minutes cold; later runs reuse it)"
  mkdir -p "$CACHE_ROOT/nodes"
  tmp="$(mktemp -d "$CACHE_ROOT/nodes/.build.XXXXXX")"
  local fail="rm -rf '$tmp'; die 'real-node build failed (see the go output above)'"
  local -x GOFLAGS="${GOFLAGS:-} -mod=readonly"
  (cd "$SCRIPT_DIR/nodes" && nice -n 10 go build -trimpath -ldflags "$(k8s_ldflags nodes)" -o "$tmp/" \
      k8s.io/kubernetes/cmd/kubelet k8s.io/kubernetes/cmd/kube-proxy) || eval "$fail"
  # the add-ons run in images without a C library: static
  (cd "$SCRIPT_DIR/addons/coredns" && CGO_ENABLED=0 nice -n 10 go build -trimpath -ldflags "-s -w" -o "$tmp/coredns" \
      github.com/coredns/coredns) || eval "$fail"
  (cd "$SCRIPT_DIR/addons/metrics-server" && CGO_ENABLED=0 nice -n 10 go build -trimpath -ldflags "-s -w" -o "$tmp/metrics-server" \
      sigs.k8s.io/metrics-server/cmd/metrics-server) || eval "$fail"
  (cd "$SCRIPT_DIR/addons/kube-router" && nice -n 10 go build -trimpath -ldflags "-s -w" -o "$tmp/kube-router" \
      github.com/cloudnativelabs/kube-router/v2/cmd/kube-router) || eval "$fail"
  {
    echo "kubelet, kube-proxy $K8S_VERSION"
    for a in coredns/github.com/coredns/coredns metrics-server/sigs.k8s.io/metrics-server \
             kube-router/github.com/cloudnativelabs/kube-router/v2; do
      echo "${a#*/} $(module_field "addons/${a%%/*}" "${a#*/}" .Version)"
    done
    echo "go $(go env GOVERSION)"; echo "built $(date -u +%FT%TZ)"
  } > "$tmp/VERSIONS"
  chmod 755 "$tmp"
  rm -rf "$dir"; mv "$tmp" "$dir"
  ls -1dt "$CACHE_ROOT"/nodes/*/ 2>/dev/null | tail -n +3 | xargs -r rm -rf
}

# Images: cached by a hash of images/ (the recipe), the Debian packages copied into them and the add-ons.
images_key() {
  { cd "$SCRIPT_DIR/images" && LC_ALL=C ls | while read -r f; do echo "$f"; cat "$f"; done
    dpkg-query -W -f '${Package} ${Version}\n' nginx-light nginx-common postgresql-15 libc6 redis-server redis-tools python3.11-minimal libpython3.11-stdlib 2>/dev/null
    go env GOVERSION
    apt-cache policy busybox 2>/dev/null | sed -n 's/^ *Candidate: //p'
    echo "$NODES_BIN"
  } | sha256sum | cut -c1-16
}

build_images() {
  local dir="$1" tmp pause_c
  pause_c="$(module_dir nodes k8s.io/kubernetes)/build/pause/linux/pause.c"
  mkdir -p "$CACHE_ROOT/images"
  tmp="$(mktemp -d "$CACHE_ROOT/images/.build.XXXXXX")"
  bash "$SCRIPT_DIR/images/build.sh" "$tmp" "$NODES_BIN" "$pause_c" "$CACHE_ROOT/images/busybox-src" \
    || { rm -rf "$tmp"; die "image build failed (scripts/cluster/images/build.sh; see above)"; }
  chmod 755 "$tmp"
  rm -rf "$dir"; mv "$tmp" "$dir"
  ls -1dt "$CACHE_ROOT"/images/*/ 2>/dev/null | grep -v busybox-src | tail -n +3 | xargs -r rm -rf
}

# Sets NODES_BIN and IMAGES (directories), building what is missing; checks the host tools.
ensure_nodes_built() {
  real_nodes_possible || exit 1
  local t0; t0=$(now_ms)
  take_lock 8 "$CACHE_ROOT/.build.lock"
  NODES_BIN="$CACHE_ROOT/nodes/$(nodes_key)"
  [[ -f "$NODES_BIN/VERSIONS" ]] || build_nodes "$NODES_BIN"
  IMAGES="$CACHE_ROOT/images/$(images_key)"
  [[ -f "$IMAGES/images.tsv" ]] || build_images "$IMAGES"
  flock -u 8
  log "node binaries: $NODES_BIN, images: $IMAGES ($(since "$t0"))"
}

# Why real nodes cannot run here, in Korean (empty when they can). Used by `up` and by scripts/test.sh.
real_nodes_blocker() {
  local t missing=()
  [[ "$(id -u)" == 0 ]] || { echo "root 권한이 아닙니다(네트워크 네임스페이스, cgroup, 마운트를 만들 수 없음)"; return; }
  [[ -d /sys/fs/cgroup/memory || -f /sys/fs/cgroup/cgroup.controllers ]] || { echo "cgroup(memory)이 마운트되어 있지 않습니다"; return; }
  for t in containerd containerd-shim-runc-v2 runc ctr nsenter ip iptables ipset conntrack gcc nginx; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  [[ -x /usr/lib/cni/bridge && -x /usr/lib/cni/host-local && -x /usr/lib/cni/portmap ]] || missing+=(containernetworking-plugins)
  [[ -x /usr/lib/postgresql/15/bin/postgres ]] || missing+=(postgresql-15)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  (( ${#missing[@]} == 0 )) || { echo "필요한 프로그램이 없습니다: ${missing[*]} (bash scripts/setup-machine.sh 로 설치)"; return; }
  ip netns list >/dev/null 2>&1 || echo "ip netns 를 쓸 수 없습니다"
}
real_nodes_possible() {
  local why; why="$(real_nodes_blocker)"
  [[ -z "$why" ]] && return 0
  log "error: 실제 노드 모드를 쓸 수 없습니다: $why"
  return 1
}

# ---------------------------------------------------------------- network
net_choose() { # before the PKI (the API server certificate names HOST_IP): a free network number, remembered
  local n; n="$(net_pick)" || die "no free 10.250.N.0/24 (N 20-219) for the node network: stop other real-node runs (cluster.sh down)"
  [[ "$n" == "$(net_number)" ]] || log "10.250.$(net_number).0/24 is taken (another run dir?): using 10.250.$n.0/24"
  net_set "$n"
  APISERVER_HOST="$HOST_IP"
  static_pods_set_mode # the static-pod API server's address is the control-plane node's, on this network
  printf '%s\n' "$NET_N" > "$RUN_DIR/net"
}

net_up() {
  local hub="$NS_PREFIX-hub" i ns ip j
  ip netns add "$hub"
  ip -n "$hub" link add br0 type bridge
  ip -n "$hub" link set br0 up
  ip -n "$hub" link set lo up
  ip link add "$NS_PREFIX-h" type veth peer name host netns "$hub"
  ip -n "$hub" link set host master br0 up
  ip addr add "$HOST_IP/24" dev "$NS_PREFIX-h"
  ip link set "$NS_PREFIX-h" up
  for i in "${!NODES[@]}"; do
    ns="$(node_ns "$i")"; ip="$(node_ip "$i")"
    ip netns add "$ns"
    ip -n "$hub" link add "n$i" type veth peer name eth0 netns "$ns"
    ip -n "$hub" link set "n$i" master br0 up
    ip -n "$ns" link set lo up
    ip -n "$ns" addr add "$ip/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" route add default via "$HOST_IP"
    in_ns "$ns" sysctl -qw net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=1 \
      net.ipv4.conf.all.rp_filter=0 >/dev/null 2>&1 || in_ns "$ns" sysctl -qw net.ipv4.ip_forward=1
    # Pods reach the API server (on the host side) as their node: the host has no route to pod IPs.
    in_ns "$ns" iptables -w -t nat -A POSTROUTING -s "$POD_CIDR" -d "$HOST_IP/32" -j MASQUERADE
  done
}

pod_routes() { # pod_routes: each node netns routes the other nodes' pod CIDRs via their node IP
  local i j cidr
  for i in "${!NODES[@]}"; do
    cidr="$(kc get node "${NODES[$i]}" -o jsonpath='{.spec.podCIDR}')"
    [[ -n "$cidr" ]] || { log "node ${NODES[$i]} has no podCIDR"; return 1; }
    write_cni "$i" "$cidr"
    for j in "${!NODES[@]}"; do
      (( i == j )) && continue
      ip -n "$(node_ns "$j")" route replace "$cidr" via "$(node_ip "$i")"
    done
  done
}

write_cni() { # write_cni I CIDR: bridge + host-local (no masquerade: NetworkPolicy sees pod IPs) + portmap
  local d; d="$(node_dir "$1")"
  cat > "$d/cni/10-course.conflist.tmp" <<EOF
{
  "cniVersion": "0.4.0",
  "name": "course",
  "plugins": [
    {"type": "bridge", "bridge": "cni0", "isGateway": true, "ipMasq": false, "hairpinMode": true,
     "ipam": {"type": "host-local", "ranges": [[{"subnet": "$2"}]], "routes": [{"dst": "0.0.0.0/0"}],
              "dataDir": "$d/cni-ipam"}},
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
EOF
  mv "$d/cni/10-course.conflist.tmp" "$d/cni/10-course.conflist"
}

# ---------------------------------------------------------------- cgroups
cgroup_hierarchies() { # every mounted cgroup hierarchy (v1 controllers, name=systemd, unified)
  awk '$3 == "cgroup" || $3 == "cgroup2" {print $2}' /proc/self/mounts
}
cgroups_make() {
  local h i d
  for h in $(cgroup_hierarchies); do
    for i in "${!NODES[@]}"; do
      d="$h/$CGROUP_PREFIX-${NODE_SHORT[$i]}"
      mkdir -p "$d"
      if [[ -f "$h/cpuset.cpus" ]]; then cat "$h/cpuset.cpus" > "$d/cpuset.cpus"; cat "$h/cpuset.mems" > "$d/cpuset.mems"; fi
    done
  done
}
cgroup_dirs() { # our cgroup directories, deepest first
  local h
  for h in $(cgroup_hierarchies); do
    find "$h" -maxdepth 1 -mindepth 1 -type d -name "$CGROUP_PREFIX-*" -print0 2>/dev/null \
      | xargs -0 -r -I{} find {} -depth -type d
  done
}
cgroup_pids() { local d; for d in $(cgroup_dirs); do cat "$d/cgroup.procs" 2>/dev/null; done | sort -u; }

# ---------------------------------------------------------------- node components
write_node_files() { # write_node_files I: kubeconfigs, containerd, kubelet and kube-proxy configs
  local i="$1" name="${NODES[$1]}" d ip pki="$RUN_DIR/pki"
  d="$(node_dir "$i")"; ip="$(node_ip "$i")"
  mkdir -p "$d"/{cni,cni-ipam,manifests,kubelet,containerd}
  write_kubeconfig "$d/kubelet.kubeconfig" "node-$name"
  write_kubeconfig "$d/kube-proxy.kubeconfig" kube-proxy
  write_kubeconfig "$d/kube-router.kubeconfig" kube-router
  cat > "$d/containerd.toml" <<EOF
version = 2
root = "$d/containerd/root"
state = "$d/containerd/state"
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.internal.v1.tracing"]
[grpc]
  address = "$d/containerd.sock"
[ttrpc]
  address = "$d/containerd.ttrpc.sock"
[debug]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "$d/containerd/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "registry.k8s.io/pause:3.10"
  # the sandbox lacks CAP_SYS_RESOURCE: pause's oom_score_adj -998 would make runc fail
  restrict_oom_score_adj = true
  # pod network namespaces under this node's state dir, not /run/netns: down unmounts exactly ours
  # (no backquotes in this unquoted heredoc: bash would run them as a command)
  netns_mounts_under_state_dir = true
  stream_server_address = "127.0.0.1"
  enable_selinux = false
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$d/cni"
EOF
  local taints="" labels
  case "$name" in
    k8s-course-control-plane) labels="topology.kubernetes.io/zone=zone-a,ingress-ready=true"
      taints=$'registerWithTaints:\n- key: node-role.kubernetes.io/control-plane\n  effect: NoSchedule' ;;
    k8s-course-worker)  labels="topology.kubernetes.io/zone=zone-a,node-type=cpu-optimized" ;;
    k8s-course-worker2) labels="topology.kubernetes.io/zone=zone-b,disktype=ssd" ;;
    k8s-course-worker3) labels="topology.kubernetes.io/zone=zone-c,disktype=hdd" ;;
  esac
  echo "$labels" > "$d/labels"
  cat > "$d/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $pki/ca.crt}
authorization: {mode: Webhook}
address: $ip
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
cgroupDriver: cgroupfs
cgroupRoot: /$CGROUP_PREFIX-${NODE_SHORT[$i]}
failCgroupV1: false
failSwapOn: false
containerRuntimeEndpoint: unix://$d/containerd.sock
staticPodPath: ${STATIC_POD_PATH:-$d/manifests}
podLogsDir: $d/pod-logs
clusterDNS: [$CLUSTER_DNS]
clusterDomain: cluster.local
resolvConf: $RUN_DIR/resolv.conf
rotateCertificates: false
serializeImagePulls: false
# the machine's disk is shared: evict only when it is really full, never collect the local images
evictionHard: {memory.available: 100Mi, nodefs.available: 1%, imagefs.available: 1%, nodefs.inodesFree: 1%}
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
containerLogMaxSize: 10Mi
maxPods: 110
$taints
EOF
  cat > "$d/kube-proxy.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: $d/kube-proxy.kubeconfig}
hostnameOverride: $name
clusterCIDR: $POD_CIDR
mode: iptables
# 0: leave the conntrack sysctls alone (nf_conntrack_max is the machine's, not the namespace's)
conntrack: {maxPerCore: 0, min: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
metricsBindAddress: 127.0.0.1:10249
healthzBindAddress: 127.0.0.1:10256
EOF
}

node_pki() { # client certificates of the kubelets, kube-proxy and kube-router (in the run's CA)
  local d="$RUN_DIR/pki" name
  (
    cd "$d"; umask 077
    sign() {
      openssl ecparam -name prime256v1 -genkey -noout -out "$1.key" 2>/dev/null
      openssl req -new -key "$1.key" -subj "$2" -out "$1.csr" 2>/dev/null
      printf '%b\n' "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth" > "$1.ext"
      # own random serial: these run in parallel, a shared ca.srl would race
      openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -set_serial "0x$(openssl rand -hex 16)" -days 3650 -sha256 \
        -extfile "$1.ext" -out "$1.crt" 2>/dev/null
      rm -f "$1.csr" "$1.ext"
    }
    for name in "${NODES[@]}"; do sign "node-$name" "/O=system:nodes/CN=system:node:$name" & done
    sign kube-proxy "/CN=system:kube-proxy" &
    sign kube-router "/O=system:masters/CN=kube-router" &
    wait
  )
}

PATH_NODES="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
start_in_node() { # start_in_node I COMPONENT BINARY ARGS...: a component inside node I's network namespace
  local i="$1" comp="$2"; shift 2
  start "$comp-${NODE_SHORT[$i]}" env PATH="$PATH_NODES" nsenter --net="/run/netns/$(node_ns "$i")" $(node_mount_args "$i") -- "$@"
  STARTED+=("$comp-${NODE_SHORT[$i]}")
}

containerd_up() { [[ -S "$1/containerd.sock" ]] && ctr --address "$1/containerd.sock" version >/dev/null 2>&1; }

import_images() { # import_images I: every course image into node I's containerd (k8s.io namespace)
  local d f; d="$(node_dir "$1")"
  while IFS=$'\t' read -r f _; do
    ctr --address "$d/containerd.sock" -n k8s.io images import --no-unpack=false "$IMAGES/$f" >/dev/null || return 1
  done < "$IMAGES/images.tsv"
  local src alias
  while IFS=$'\t' read -r src alias; do
    ctr --address "$d/containerd.sock" -n k8s.io images tag --force "$src" "$alias" >/dev/null || return 1
  done < <(cat "$IMAGES/aliases.tsv" 2>/dev/null)
}

all_nodes_registered() { (( $(kc get nodes --no-headers 2>/dev/null | wc -l) == ${#NODES[@]} )); }

start_nodes() {
  local t0="$1" i d
  # with umask 077 containerd would unpack image layers into 0700 directories, which a container
  # running as a non-root user cannot read
  umask 022
  echo "nameserver $CLUSTER_DNS" > "$RUN_DIR/resolv.conf.placeholder"
  : > "$RUN_DIR/resolv.conf"   # no upstream DNS: no internet here
  mkdir -p "$RUN_DIR/volumes"
  cgroups_make
  for i in "${!NODES[@]}"; do
    write_node_files "$i"
    d="$(node_dir "$i")"
    start_in_node "$i" containerd /usr/bin/containerd --config "$d/containerd.toml"
  done
  for i in "${!NODES[@]}"; do
    wait_until "containerd of ${NODES[$i]}" containerd_up "$(node_dir "$i")" || fail_up
  done
  log "containerd running on ${#NODES[@]} nodes ($(since "$t0")); importing images"
  local pids=() rc=0
  for i in "${!NODES[@]}"; do import_images "$i" & pids+=($!); done
  for i in "${pids[@]}"; do wait "$i" || rc=1; done
  (( rc == 0 )) || { log "ctr images import failed"; fail_up; }
  log "images imported ($(since "$t0"))"
  for i in "${!NODES[@]}"; do
    d="$(node_dir "$i")"
    start_in_node "$i" kubelet "$NODES_BIN/kubelet" --config="$d/kubelet.yaml" --kubeconfig="$d/kubelet.kubeconfig" \
      --root-dir="$d/kubelet" --cert-dir="$d/kubelet/pki" --hostname-override="${NODES[$i]}" --node-ip="$(node_ip "$i")" \
      --node-labels="$(cat "$d/labels")" --v=1
  done
  if static_pods; then static_pods_wait_api "$t0" || fail_up; fi
  wait_until "all ${#NODES[@]} kubelets registered" all_nodes_registered || fail_up
  kc label node k8s-course-control-plane node-role.kubernetes.io/control-plane= --overwrite >/dev/null
  wait_until "pod CIDRs of the nodes" pod_cidrs_assigned || fail_up
  pod_routes || fail_up
  for i in "${!NODES[@]}"; do
    d="$(node_dir "$i")"
    start_in_node "$i" kube-proxy "$NODES_BIN/kube-proxy" --config="$d/kube-proxy.yaml" --v=1
    start_in_node "$i" kube-router "$NODES_BIN/kube-router" --kubeconfig="$d/kube-router.kubeconfig" \
      --hostname-override="${NODES[$i]}" --run-firewall=true --run-router=false --run-service-proxy=false \
      --run-loadbalancer=false --metrics-port=0 --health-port=0 --v=1
  done
  wait_until "all ${#NODES[@]} nodes Ready" nodes_ready || fail_up
  log "all ${#NODES[@]} real nodes Ready ($(since "$t0"))"
  if static_pods; then static_pods_wait_mirrors "$t0" || fail_up; fi
}
pod_cidrs_assigned() {
  (( $(kc get nodes -o jsonpath='{range .items[*]}{.spec.podCIDR}{"\n"}{end}' | grep -c .) == ${#NODES[@]} ))
}

addons_apply() { # StorageClass, CoreDNS (no upstream: no internet) and metrics-server
  sed -e "s/@CLUSTER_DNS@/$CLUSTER_DNS/g" "$SCRIPT_DIR/addons/real-nodes.yaml" | kc apply -f - >/dev/null \
    || { log "could not apply scripts/cluster/addons/real-nodes.yaml"; return 1; }
}
coredns_ready() { [[ "$(kc -n kube-system get deploy coredns -o jsonpath='{.status.readyReplicas}')" == 2 ]]; }

# ---------------------------------------------------------------- stop
stop_nodes() { # kubelets and proxies first, then every container (by cgroup), shims, containerd, mounts, cgroups, netns
  local comp i pid pids=()
  for comp in kube-router kube-proxy kubelet; do
    for i in "${!NODE_SHORT[@]}"; do
      pid="$(pid_of "$comp-${NODE_SHORT[$i]}")" || continue
      is_ours "$pid" && kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
    done
  done
  wait_gone "${pids[@]}"
  # containers: every process in our cgroups (they were started by runc, their cmdline names nothing of ours)
  local n
  for n in 1 2 3; do
    mapfile -t pids < <(cgroup_pids)
    (( ${#pids[@]} == 0 )) && break
    kill -KILL "${pids[@]}" 2>/dev/null || true
    sleep 0.3
  done
  pids=()
  for i in "${!NODE_SHORT[@]}"; do
    pid="$(pid_of "containerd-${NODE_SHORT[$i]}")" || continue
    is_ours "$pid" && kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
  done
  wait_gone "${pids[@]}"
}
wait_gone() { local p k; for k in $(seq 1 50); do
    for p in "$@"; do [[ -d "/proc/$p" ]] && break; p=""; done
    [[ -z "${p:-}" ]] && return 0
    sleep 0.2
  done
  kill -KILL "$@" 2>/dev/null || true
}

our_mounts() { # mount points under the run dir, deepest first
  awk -v d="$RUN_DIR/" 'index($5, d) == 1 {print $5}' /proc/self/mountinfo | sort -r
}

cleanup_nodes() { # after every process is gone: mounts, cgroups, namespaces, the host veth
  local m d ns n
  n="$(cat "$RUN_DIR/net" 2>/dev/null || echo "$NET_N")"
  for m in $(our_mounts); do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
  for d in $(cgroup_dirs); do rmdir "$d" 2>/dev/null || true; done
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^k8sc$n-"); do ip netns del "$ns" 2>/dev/null || true; done
  ip link del "k8sc$n-h" 2>/dev/null || true
}

# What of ours is still there (empty: clean). Used by `down` and by the integration test.
leftovers() {
  local p
  for p in $(our_pids); do echo "process $p $(tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | cut -c1-100)"; done
  for p in $(cgroup_pids); do echo "process $p (in a cgroup of this run)"; done
  our_mounts | sed 's/^/mount /'
  cgroup_dirs | sed 's/^/cgroup /'
  ip netns list 2>/dev/null | awk '{print $1}' | grep "^$NS_PREFIX-" | sed 's/^/netns /'
  ip -o link show "$NS_PREFIX-h" 2>/dev/null | awk '{print "link " $2}'
  return 0
}

stop_and_clean_keep_logs() { # a failed `up`: stop everything and free the machine, keep logs/ for reading
  stop_all
  if [[ "$NODE_MODE" == real || -f "$RUN_DIR/net" ]]; then cleanup_nodes; fi
}
log_pods() { kc -n "$1" get pods -o wide >&2 2>&1 || true; }

node_memory() { # RSS of the node side (containerd, shims, kubelets, proxies, kube-router, containers), MiB
  local p comm kb total=0
  declare -A by=()
  for p in $( { our_pids; cgroup_pids; } | sort -u); do
    kb="$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null)" || continue
    [[ -n "$kb" ]] || continue
    comm="$(cat "/proc/$p/comm" 2>/dev/null)"
    case "$comm" in
      etcd|kube-apiserver|kube-controller*|kube-scheduler|course-cluster*) continue ;;
      containerd|containerd-shim*|kubelet|kube-proxy|kube-router) ;;
      *) comm="containers" ;;
    esac
    by[$comm]=$(( ${by[$comm]:-0} + kb )); total=$((total + kb))
  done
  for comm in "${!by[@]}"; do printf '%s %d\n' "$comm" $(( ${by[$comm]} / 1024 )); done | sort
  printf 'total %d\n' $((total / 1024))
}
