# Control-plane images of the static-pod mode (static-pods.sh), sourced by build.sh when CP_IMAGES_BIN
# (the control-plane build) and CP_IMAGES_TOOLS (etcdctl, etcdutl) are set; uses build.sh's archive,
# base_files and copy_libs. Same binaries as process mode, tagged as kubeadm pulls them.
log "control plane: etcd (with etcdctl, etcdutl), kube-apiserver, kube-controller-manager, kube-scheduler"
CP_PATH='PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin'
r="$WORK/etcd"; base_files "$r"; mkdir -p "$r/usr/local/bin" "$r/var/lib/etcd"
cp "$CP_IMAGES_BIN/etcd" "$CP_IMAGES_TOOLS/etcdctl" "$CP_IMAGES_TOOLS/etcdutl" "$r/usr/local/bin/"
copy_libs "$r" "$r"/usr/local/bin/*
archive etcd "$r" "{\"Cmd\":[\"/usr/local/bin/etcd\"],\"Env\":[\"$CP_PATH\"]}" registry.k8s.io/etcd:3.7.3-0
for c in kube-apiserver kube-controller-manager kube-scheduler; do
  r="$WORK/$c"; base_files "$r"; mkdir -p "$r/usr/local/bin"
  cp "$CP_IMAGES_BIN/$c" "$r/usr/local/bin/$c"
  copy_libs "$r" "$r/usr/local/bin/$c"
  archive "$c" "$r" "{\"Entrypoint\":[\"/usr/local/bin/$c\"],\"Env\":[\"$CP_PATH\"]}" "registry.k8s.io/$c:$K8S_VERSION_TAG"
done
