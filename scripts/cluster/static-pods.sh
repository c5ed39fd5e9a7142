# Static-pod control plane of real-node mode (sourced by cluster.sh after nodes.sh):
# `cluster.sh up --nodes real --control-plane static-pods` (or K8S_COURSE_CONTROL_PLANE=static-pods).
# Instead of host processes, etcd, kube-apiserver, kube-controller-manager and kube-scheduler run as
# static pods of the node k8s-course-control-plane, from its own /etc/kubernetes/manifests in the
# kubeadm file layout, so the cells written for kind (docker exec into a node, crictl, systemctl,
# journalctl, kubectl exec into etcd, moving a manifest out of the directory) run unchanged:
#   * every node gets its own mount namespace ($RUN_DIR/nodes/<n>/ns/mnt) in which /etc and /var/lib
#     are overlays (the node's own /etc/kubernetes, /var/lib/etcd, /var/lib/kubelet/config.yaml),
#     /tmp is the node's directory and /root a tmpfs, like the root file system of a kind node
#     container; containerd and the kubelet run in it, so hostPath volumes are the node's paths;
#   * $RUN_DIR/bin/docker is a node shell (`docker exec NODE CMD`, `docker ps`), and the nodes' PATH
#     has crictl, systemctl and journalctl acting on that node's containerd and kubelet.
# See scripts/cluster/README.md ("Static-pod control plane").

CONTROL_PLANE="${K8S_COURSE_CONTROL_PLANE:-processes}"
static_pods() { [[ "$CONTROL_PLANE" == static-pods ]]; }
running_control_plane() { sed -n 's/^control_plane=//p' "$RUN_DIR/state" 2>/dev/null | grep . || echo processes; }

CP_IP="" # the control-plane node's IP: where the API server of the static pod listens
static_pods_set_mode() { # after set_mode: which components cluster.sh itself starts and checks
  case "$CONTROL_PLANE" in
    processes) return 0 ;;
    static-pods) ;;
    *) die "unknown control plane '$CONTROL_PLANE' (K8S_COURSE_CONTROL_PLANE or --control-plane: processes or static-pods)" ;;
  esac
  [[ "$NODE_MODE" == real ]] || die "--control-plane static-pods needs real nodes (--nodes real): kwok nodes run no pods"
  CP_IP="$(node_ip 0)"
  APISERVER_HOST="$CP_IP"
  local c keep=()
  for c in "${COMPONENTS[@]}"; do
    case "$c" in etcd|kube-apiserver|kube-controller-manager|kube-scheduler) ;; *) keep+=("$c") ;; esac
  done
  COMPONENTS=("${keep[@]}")
  # the kubelets read the kubeadm path inside their node's mount namespace
  STATIC_POD_PATH=/etc/kubernetes/manifests
}

# ---------------------------------------------------------------- build: etcdctl, etcdutl, crictl; images
CPTOOLS_RECIPE="cptools-1 trimpath s-w"
cptools_key() {
  { echo "$CPTOOLS_RECIPE"; go env GOVERSION GOOS GOARCH
    cd "$SCRIPT_DIR/cptools" && cat etcd/go.mod etcd/go.sum crictl/go.mod crictl/go.sum
  } | sha256sum | cut -c1-16
}
build_cptools() {
  local dir="$1" tmp
  log "building etcdctl, etcdutl ($(module_field cptools/etcd go.etcd.io/etcd/etcdctl/v3 .Version)) and crictl ($(module_field cptools/crictl sigs.k8s.io/cri-tools .Version)) into $dir"
  mkdir -p "$CACHE_ROOT/cptools"
  tmp="$(mktemp -d "$CACHE_ROOT/cptools/.build.XXXXXX")"
  local -x GOFLAGS="${GOFLAGS:-} -mod=readonly"
  { (cd "$SCRIPT_DIR/cptools/etcd" && nice -n 10 go build -trimpath -ldflags "-s -w" -o "$tmp/" \
       go.etcd.io/etcd/etcdctl/v3 go.etcd.io/etcd/etcdutl/v3) \
    && (cd "$SCRIPT_DIR/cptools/crictl" && nice -n 10 go build -trimpath -ldflags "-s -w" -o "$tmp/crictl" \
       sigs.k8s.io/cri-tools/cmd/crictl); } || { rm -rf "$tmp"; die "etcdctl/etcdutl/crictl build failed (see the go output above)"; }
  chmod 755 "$tmp"
  rm -rf "$dir"; mv "$tmp" "$dir"
  ls -1dt "$CACHE_ROOT"/cptools/*/ 2>/dev/null | tail -n +3 | xargs -r rm -rf
}

# Sets CPTOOLS and points IMAGES at a set that also holds the control-plane images
# (images/control-plane.sh, run by images/build.sh when CP_IMAGES_BIN is set).
ensure_static_pods_built() {
  take_lock 8 "$CACHE_ROOT/.build.lock"
  CPTOOLS="$CACHE_ROOT/cptools/$(cptools_key)"
  [[ -x "$CPTOOLS/crictl" ]] || build_cptools "$CPTOOLS"
  IMAGES="$CACHE_ROOT/images/$( { images_key; echo "$BIN $CPTOOLS"; cat "$SCRIPT_DIR/images/control-plane.sh"; } | sha256sum | cut -c1-16)"
  if [[ ! -f "$IMAGES/images.tsv" ]]; then
    ( export CP_IMAGES_BIN="$BIN" CP_IMAGES_TOOLS="$CPTOOLS" K8S_VERSION_TAG="$K8S_VERSION"; build_images "$IMAGES" ) || exit 1
  fi
  flock -u 8
}

# The scheduler elects a leader as on kind (Day 1 reads its Lease), with a 60 s lease so that a loaded
# 2-core machine does not make it lose the lease. The controller manager does not: a leader exits when it
# cannot renew, so during Day 1's API-server outages (challenge s3, s3b) it crash-loops and the kubelet's
# back-off grows to minutes; the next restart of its unchanged manifest (s4's mistake and fix) then waits
# that back-off out, and with it every controller (namespace deletion, Deployments).
leader_election_flags() {
  if [[ "$1" == kube-scheduler ]]; then
    printf '    - --leader-elect=true\n    - --leader-elect-lease-duration=60s\n    - --leader-elect-renew-deadline=40s\n    - --leader-elect-retry-period=5s'
  else
    printf '    - --leader-elect=false'
  fi
}

# ---------------------------------------------------------------- the kubeadm layout of the control-plane node
ETCD_IMAGE="registry.k8s.io/etcd:3.7.3-0"
cp_image() { echo "registry.k8s.io/$1:$K8S_VERSION"; }

etcd_pki() { # etcd_pki DIR: etcd's own CA and its server, peer, healthcheck and API-server client certificates, as kubeadm makes them
  local d="$1" ip="$CP_IP" name="${NODES[0]}"
  (
    cd "$d"; umask 077
    mkdir -p etcd
    openssl ecparam -name prime256v1 -genkey -noout -out etcd/ca.key 2>/dev/null
    openssl req -x509 -new -key etcd/ca.key -sha256 -days 3650 -subj "/CN=etcd-ca" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
      -out etcd/ca.crt 2>/dev/null
    esign() { # esign NAME SUBJECT EXT
      openssl ecparam -name prime256v1 -genkey -noout -out "$1.key" 2>/dev/null
      openssl req -new -key "$1.key" -subj "$2" -out "$1.csr" 2>/dev/null
      printf '%b\n' "$3" > "$1.ext"
      openssl x509 -req -in "$1.csr" -CA etcd/ca.crt -CAkey etcd/ca.key -set_serial "0x$(openssl rand -hex 16)" -days 3650 -sha256 \
        -extfile "$1.ext" -out "$1.crt" 2>/dev/null
      rm -f "$1.csr" "$1.ext"
    }
    local san="subjectAltName=DNS:localhost,DNS:$name,IP:127.0.0.1,IP:$ip,IP:0:0:0:0:0:0:0:1"
    local ku="keyUsage=critical,digitalSignature,keyEncipherment"
    esign etcd/server "/CN=$name" "$ku\nextendedKeyUsage=serverAuth,clientAuth\n$san" &
    esign etcd/peer "/CN=$name" "$ku\nextendedKeyUsage=serverAuth,clientAuth\n$san" &
    esign etcd/healthcheck-client "/CN=kube-etcd-healthcheck-client" "$ku\nextendedKeyUsage=clientAuth" &
    esign apiserver-etcd-client "/CN=kube-apiserver-etcd-client" "$ku\nextendedKeyUsage=clientAuth" &
    wait
  )
}

write_cp_manifests() { # write_cp_manifests DIR: etcd, kube-apiserver, kube-controller-manager, kube-scheduler (the flags of process mode)
  local m="$1" ip="$CP_IP" name="${NODES[0]}" p=/etc/kubernetes/pki
  # (kubeadm also sets seccompProfile RuntimeDefault; left out: the course's other pods do not use it here either)
  local head='  priorityClassName: system-node-critical'
  # No liveness probes: on a loaded 2-core machine a slow probe would restart etcd or the API server mid-lab.
  cat > "$m/etcd.yaml" <<EOF
apiVersion: v1
kind: Pod
metadata:
  annotations:
    kubeadm.kubernetes.io/etcd.advertise-client-urls: https://$ip:2379
  labels:
    component: etcd
    tier: control-plane
  name: etcd
  namespace: kube-system
spec:
  containers:
  - command:
    - etcd
    - --advertise-client-urls=https://$ip:2379
    - --cert-file=$p/etcd/server.crt
    - --client-cert-auth=true
    - --data-dir=/var/lib/etcd
    - --initial-advertise-peer-urls=https://$ip:2380
    - --initial-cluster=$name=https://$ip:2380
    - --key-file=$p/etcd/server.key
    - --listen-client-urls=https://127.0.0.1:2379,https://$ip:2379
    - --listen-metrics-urls=http://127.0.0.1:2381
    - --listen-peer-urls=https://$ip:2380
    - --name=$name
    - --peer-cert-file=$p/etcd/peer.crt
    - --peer-client-cert-auth=true
    - --peer-key-file=$p/etcd/peer.key
    - --peer-trusted-ca-file=$p/etcd/ca.crt
    - --snapshot-count=10000
    - --trusted-ca-file=$p/etcd/ca.crt
    - --quota-backend-bytes=$((2 * 1024 * 1024 * 1024))
    - --unsafe-no-fsync
    - --log-level=warn
    image: $ETCD_IMAGE
    imagePullPolicy: IfNotPresent
    name: etcd
    volumeMounts:
    - mountPath: /var/lib/etcd
      name: etcd-data
    - mountPath: $p/etcd
      name: etcd-certs
  hostNetwork: true
$head
  volumes:
  - hostPath:
      path: $p/etcd
      type: DirectoryOrCreate
    name: etcd-certs
  - hostPath:
      path: /var/lib/etcd
      type: DirectoryOrCreate
    name: etcd-data
status: {}
EOF
  cat > "$m/kube-apiserver.yaml" <<EOF
apiVersion: v1
kind: Pod
metadata:
  annotations:
    kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint: $ip:$APISERVER_PORT
  labels:
    component: kube-apiserver
    tier: control-plane
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-apiserver
    - --advertise-address=$ip
    - --allow-privileged=true
    - --authorization-mode=Node,RBAC
    - --client-ca-file=$p/ca.crt
    - --enable-admission-plugins=NodeRestriction
    - --enable-aggregator-routing=true
    - --endpoint-reconciler-type=lease
    - --etcd-cafile=$p/etcd/ca.crt
    - --etcd-certfile=$p/apiserver-etcd-client.crt
    - --etcd-keyfile=$p/apiserver-etcd-client.key
    - --etcd-servers=https://127.0.0.1:2379
    - --kubelet-client-certificate=$p/apiserver-kubelet-client.crt
    - --kubelet-client-key=$p/apiserver-kubelet-client.key
    - --kubelet-preferred-address-types=InternalIP,Hostname
    - --profiling=false
    - --proxy-client-cert-file=$p/front-proxy-client.crt
    - --proxy-client-key-file=$p/front-proxy-client.key
    - --requestheader-allowed-names=front-proxy-client
    - --requestheader-client-ca-file=$p/front-proxy-ca.crt
    - --requestheader-extra-headers-prefix=X-Remote-Extra-
    - --requestheader-group-headers=X-Remote-Group
    - --requestheader-username-headers=X-Remote-User
    - --secure-port=$APISERVER_PORT
    - --service-account-issuer=https://kubernetes.default.svc.cluster.local
    - --service-account-key-file=$p/sa.pub
    - --service-account-signing-key-file=$p/sa.key
    - --service-cluster-ip-range=$SERVICE_CIDR
    - --tls-cert-file=$p/apiserver.crt
    - --tls-private-key-file=$p/apiserver.key
    - --v=1
    image: $(cp_image kube-apiserver)
    imagePullPolicy: IfNotPresent
    name: kube-apiserver
    volumeMounts:
    - mountPath: $p
      name: k8s-certs
      readOnly: true
  hostNetwork: true
$head
  volumes:
  - hostPath:
      path: $p
      type: DirectoryOrCreate
    name: k8s-certs
status: {}
EOF
  local comp conf port
  for comp in kube-controller-manager kube-scheduler; do
    if [[ "$comp" == kube-controller-manager ]]; then conf=controller-manager.conf port="$KCM_PORT"
    else conf=scheduler.conf port="$SCHEDULER_PORT"; fi
    {
      cat <<EOF
apiVersion: v1
kind: Pod
metadata:
  labels:
    component: $comp
    tier: control-plane
  name: $comp
  namespace: kube-system
spec:
  containers:
  - command:
    - $comp
    - --authentication-kubeconfig=/etc/kubernetes/$conf
    - --authorization-kubeconfig=/etc/kubernetes/$conf
    - --bind-address=127.0.0.1
    - --kubeconfig=/etc/kubernetes/$conf
$(leader_election_flags "$comp")
    - --profiling=false
    - --secure-port=$port
EOF
      [[ "$comp" == kube-controller-manager ]] && cat <<EOF
    - --allocate-node-cidrs=true
    - --client-ca-file=$p/ca.crt
    - --cluster-cidr=$POD_CIDR
    - --cluster-name=k8s-course
    - --cluster-signing-cert-file=$p/ca.crt
    - --cluster-signing-key-file=$p/ca.key
    - --controllers=*,bootstrapsigner,tokencleaner
    - --node-cidr-mask-size=24
    - --root-ca-file=$p/ca.crt
    - --service-account-private-key-file=$p/sa.key
    - --service-cluster-ip-range=$SERVICE_CIDR
    - --use-service-account-credentials=true
EOF
      cat <<EOF
    - --v=1
    image: $(cp_image "$comp")
    imagePullPolicy: IfNotPresent
    name: $comp
    volumeMounts:
    - mountPath: /etc/kubernetes/$conf
      name: kubeconfig
      readOnly: true
EOF
      [[ "$comp" == kube-controller-manager ]] && cat <<EOF
    - mountPath: $p
      name: k8s-certs
      readOnly: true
EOF
      cat <<EOF
  hostNetwork: true
$head
  volumes:
  - hostPath:
      path: /etc/kubernetes/$conf
      type: FileOrCreate
    name: kubeconfig
EOF
      [[ "$comp" == kube-controller-manager ]] && cat <<EOF
  - hostPath:
      path: $p
      type: DirectoryOrCreate
    name: k8s-certs
EOF
      echo 'status: {}'
    } > "$m/$comp.yaml"
  done
}

# node_root_files I: what the node's own /etc and /var/lib start with (written into the overlays' upper
# directories before they are mounted): /etc/kubernetes (kubelet.conf, manifests; on the control-plane
# node also pki/, admin.conf, controller-manager.conf, scheduler.conf and the four manifests),
# /etc/crictl.yaml, /var/lib/kubelet/config.yaml and /var/lib/etcd.
node_root_files() {
  local i="$1" d etc varlib pki="$RUN_DIR/pki"
  d="$(node_dir "$i")"; etc="$d/root/etc"; varlib="$d/root/var-lib"
  mkdir -p "$etc/kubernetes/manifests" "$varlib/kubelet" "$d/root/work-etc" "$d/root/work-var-lib" "$d/tmp"
  chmod 1777 "$d/tmp"
  write_kubeconfig "$etc/kubernetes/kubelet.conf" "node-${NODES[$i]}"
  printf 'runtime-endpoint: unix://%s/containerd.sock\nimage-endpoint: unix://%s/containerd.sock\ntimeout: 10\n' "$d" "$d" > "$etc/crictl.yaml"
  # the kubelet's configuration is the node's file (write_node_files writes it at start)
  ln -sfn "$d/kubelet.yaml" "$varlib/kubelet/config.yaml"
  (( i == 0 )) || return 0
  local k="$etc/kubernetes"
  mkdir -p "$k/pki"
  ( umask 077
    cp "$pki"/{ca.crt,ca.key,apiserver.crt,apiserver.key,front-proxy-ca.crt,front-proxy-ca.key,front-proxy-client.crt,front-proxy-client.key,sa.key,sa.pub} "$k/pki/"
    # process mode's API server talks to the kubelets with the admin certificate: the same here
    cp "$pki/admin.crt" "$k/pki/apiserver-kubelet-client.crt"; cp "$pki/admin.key" "$k/pki/apiserver-kubelet-client.key"
    cp "$KUBECONFIG_PATH" "$k/admin.conf"; cp "$KUBECONFIG_PATH" "$k/super-admin.conf"
    cp "$RUN_DIR/controller-manager.kubeconfig" "$k/controller-manager.conf"
    cp "$RUN_DIR/scheduler.kubeconfig" "$k/scheduler.conf" )
  etcd_pki "$k/pki"
  mkdir -m 700 -p "$varlib/etcd"
  write_cp_manifests "$k/manifests"
}

# node_mount_ns I: the node's mount namespace, kept by a bind mount on $d/ns/mnt
node_mount_ns() {
  local i="$1" d; d="$(node_dir "$i")"
  mkdir -p "$d/ns"; : > "$d/ns/mnt"
  # unshare --mount=FILE needs FILE on a mount that is not shared
  mount --bind "$d/ns" "$d/ns" && mount --make-private "$d/ns" || return 1
  local -a binds=()
  local p
  # (a run dir inside the cache comes back with it)
  for p in "$CACHE_ROOT" "$RUN_DIR"; do
    [[ "$p" == /root/* || "$p" == /tmp/* ]] || continue
    [[ "$p" != "$CACHE_ROOT" && "$p" == "$CACHE_ROOT"/* ]] && continue
    binds+=("$p")
  done
  # /root and /tmp become the node's (an empty tmpfs, the node's tmp/, as in a kind node); the cache and run dirs are
  # bound back into it through open directory descriptors (--no-canonicalize: mount(8) would resolve
  # /proc/self/fd/N to its path, which by then is the tmpfs), so containerd and the kubelet still find them
  unshare --mount="$d/ns/mnt" --propagation private -- bash -euc '
    d="$1"; shift
    mount -t overlay overlay -o "lowerdir=/etc,upperdir=$d/root/etc,workdir=$d/root/work-etc" /etc
    mount -t overlay overlay -o "lowerdir=/var/lib,upperdir=$d/root/var-lib,workdir=$d/root/work-var-lib" /var/lib
    fds=(); for p in "$@"; do exec {fd}<"$p"; fds+=("$fd"); done
    mount --bind "$d/tmp" /tmp
    mount -t tmpfs -o mode=700,size=256m node-root /root
    n=0; for p in "$@"; do mkdir -p "$p"; mount --no-canonicalize --bind "/proc/self/fd/${fds[$n]}" "$p"; n=$((n + 1)); done
  ' node-ns "$d" "${binds[@]}"
}

node_shell_files() { # $RUN_DIR/bin/docker and every node's bin/ (crictl, systemctl, journalctl)
  local i d s
  mkdir -p "$RUN_DIR/bin"
  sed -e "s|@RUN_DIR@|$RUN_DIR|g" -e "s|@NS_PREFIX@|$NS_PREFIX|g" -e "s|@NODES@|${NODES[*]}|g" -e "s|@SHORT@|${NODE_SHORT[*]}|g" \
    "$SCRIPT_DIR/node-shell/docker" > "$RUN_DIR/bin/docker"
  chmod 755 "$RUN_DIR/bin/docker"
  for i in "${!NODES[@]}"; do
    d="$(node_dir "$i")"; s="${NODE_SHORT[$i]}"
    mkdir -p "$d/bin"
    ln -sfn "$CPTOOLS/crictl" "$d/bin/crictl"
    for f in systemctl journalctl; do
      sed -e "s|@RUN_DIR@|$RUN_DIR|g" -e "s|@CACHE_ROOT@|$CACHE_ROOT|g" -e "s|@SHORT@|$s|g" -e "s|@CLUSTER_SH@|$SCRIPT_DIR/cluster.sh|g" \
        "$SCRIPT_DIR/node-shell/$f" > "$d/bin/$f"
      chmod 755 "$d/bin/$f"
    done
  done
}

# Where `up` would start the control-plane processes: the kubeadm layout, the nodes' mount
# namespaces and the node shell. The kubelet of the control-plane node then starts the static pods
# on its own (standalone: there is no API server yet) and registers once the API server is up.
static_pods_prepare() {
  local i
  for i in "${!NODES[@]}"; do node_root_files "$i" || return 1; done
  for i in "${!NODES[@]}"; do node_mount_ns "$i" || { log "could not make the mount namespace of ${NODES[$i]}"; return 1; }; done
  node_shell_files
}
node_mount_args() { static_pods && echo "--mount=$(node_dir "$1")/ns/mnt"; return 0; }

# The startup wait of process mode, after the kubelets started: the static API server answers.
static_pods_wait_api() {
  wait_until "kube-apiserver /readyz (static pod on ${NODES[0]})" readyz || return 1
  log "kube-apiserver (static pod) ready ($(since "$1"))"
}

# The kubelet makes the mirror pods only after its node registered, a while after the API server answers:
# `up` is not done before kube-system lists all four and they are Ready (Day 1's first cells read them).
static_pods_mirrors_ready() {
  local c ready
  for c in etcd kube-apiserver kube-controller-manager kube-scheduler; do
    ready="$(kc get pod -n kube-system "$c-${NODES[0]}" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" || return 1
    [[ "$ready" == True ]] || return 1
  done
}
static_pods_wait_mirrors() {
  wait_until "the control plane's mirror pods in kube-system" static_pods_mirrors_ready || return 1
  log "control-plane mirror pods Ready ($(since "$1"))"
}

# `cluster.sh node-service SHORT VERB`: systemctl for the kubelet of one node (called by the node's
# systemctl through the host's namespaces). stop keeps the command line, start runs it again.
node_service() {
  local s="$1" verb="$2" i pid d name="kubelet-$1"
  for i in "${!NODE_SHORT[@]}"; do [[ "${NODE_SHORT[$i]}" == "$s" ]] && break; done
  [[ "${NODE_SHORT[$i]}" == "$s" ]] || die "unknown node $s"
  d="$(node_dir "$i")"
  case "$verb" in
    is-active) if alive "$name"; then echo active; else echo inactive; return 3; fi ;;
    status)
      if alive "$name"; then
        pid="$(pid_of "$name")"
        printf '● kubelet.service - kubelet: The Kubernetes Node Agent\n     Loaded: loaded (course node shell)\n     Active: active (running) since %s\n   Main PID: %s (kubelet)\n' \
          "$(date -d "@$(stat -c %Y "/proc/$pid")" '+%a %Y-%m-%d %H:%M:%S %Z')" "$pid"
      else
        printf '○ kubelet.service - kubelet: The Kubernetes Node Agent\n     Loaded: loaded (course node shell)\n     Active: inactive (dead)\n'
        return 3
      fi ;;
    stop)
      alive "$name" || return 0
      pid="$(pid_of "$name")"
      cp "/proc/$pid/cmdline" "$d/kubelet.cmdline"
      kill -TERM "$pid"; wait_gone "$pid" ;;
    start)
      alive "$name" && return 0
      [[ -f "$d/kubelet.cmdline" ]] || die "no saved kubelet command line for ${NODES[$i]}"
      local -a cmd=(); mapfile -d '' -t cmd < "$d/kubelet.cmdline"
      echo "-- $(date -u +%FT%TZ) systemctl start kubelet --" >> "$RUN_DIR/logs/$name.log"
      # A cell ran this (docker exec NODE systemctl start kubelet): the kubelet must not count as the cell's
      # process, or the runner would kill it with the cell (it contains runs by a freezer cgroup and an
      # environment marker). So: out of the run's freezer cgroup, a clean environment, its own session.
      (
        if [[ -w /sys/fs/cgroup/freezer/cgroup.procs ]]; then echo "$BASHPID" > /sys/fs/cgroup/freezer/cgroup.procs 2>/dev/null || true; fi
        exec setsid env -i PATH="$PATH_NODES" HOME=/root nsenter --net="/run/netns/$(node_ns "$i")" "--mount=$d/ns/mnt" -- "${cmd[@]}"
      ) >>"$RUN_DIR/logs/$name.log" 2>&1 </dev/null 8>&- 9>&- &
      echo $! > "$RUN_DIR/pids/$name.pid"
      wait_until "the kubelet of ${NODES[$i]} to run" alive "$name" ;;
    restart) node_service "$s" stop; node_service "$s" start ;;
    *) die "systemctl $verb: not supported by the course node shell (start, stop, restart, status, is-active)" ;;
  esac
}
