#!/usr/bin/env bash
# The README's two commands, as a newcomer runs them: in a fresh clone of this repository's HEAD,
# with HOME pointed at a new empty directory, so no npm cache, Go module or build cache, control
# plane binaries, diagram cache or kubeconfig of yours helps. Prints how long each took.
#
#   npm run check:fresh                 both commands (the test command builds the control plane: 15-30 min)
#   npm run check:fresh -- --start-only only `npm install && npm start`, until the site answers and the agent paired
#   npm run check:fresh -- --keep       keep the temporary directory for a look afterwards
#
# Ports: the site's 3000 and the agent's 7777 must be free (stop your `npm start`). The control
# plane runs on ports of its own here (K8S_COURSE_*_PORT), so a cluster you run is not disturbed.
# The result is also written to test-results/fresh-check.txt.
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
start_only=0 keep=0
for arg in "$@"; do
  case "$arg" in
    --start-only) start_only=1 ;;
    --keep) keep=1 ;;
    *) echo "사용법: npm run check:fresh -- [--start-only] [--keep]" >&2; exit 2 ;;
  esac
done

port_busy() { [[ -n "$(ss -Htln "sport = :$1" 2>/dev/null)" ]]; }
for p in 3000 7777; do
  if port_busy "$p"; then echo "포트 $p를 다른 프로그램이 쓰고 있습니다. npm start 등을 끄고 다시 실행하세요." >&2; exit 2; fi
done

# A short path: the real-node run dirs under this HOME hold unix sockets (at most 107 bytes, cluster.sh RUN_DIR_MAX).
work="$(mktemp -d /tmp/kf.XXXXXX)"
cleanup() {
  [[ -n "${start_pid:-}" ]] && kill -- "-$start_pid" 2>/dev/null
  # The test command stops the cluster it started; this is for an interrupted run.
  [[ -d "$work/home/.cache/k8s-course/cluster" ]] && HOME="$work/home" bash "$work/repo/scripts/cluster/cluster.sh" down >/dev/null 2>&1
  if (( keep )); then echo "kept: $work"; else chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"; fi
}
trap cleanup EXIT

git clone --quiet "$repo" "$work/repo" || exit 2
commit="$(git -C "$work/repo" rev-parse --short HEAD)"
mkdir -p "$work/home"
[[ -z "$(git -C "$repo" status --porcelain)" ]] || echo "주의: 커밋하지 않은 변경은 검사에 들어가지 않습니다 (HEAD $commit만 복제합니다)." >&2

# A new user's environment: nothing of ours but the system's tools (node, go, kubectl) on PATH.
fresh_env=(env -i "PATH=$PATH" "HOME=$work/home" "TERM=${TERM:-dumb}" "LANG=${LANG:-C.UTF-8}"
  K8S_COURSE_ETCD_PORT=31791 K8S_COURSE_ETCD_PEER_PORT=31792 K8S_COURSE_APISERVER_PORT=31793
  K8S_COURSE_KCM_PORT=31794 K8S_COURSE_SCHEDULER_PORT=31795 K8S_COURSE_KWOK_PORT=31796)
[[ -n "${CHROME_PATH:-}" ]] && fresh_env+=("CHROME_PATH=$CHROME_PATH")

now() { date +%s; }
results=()
say() { printf '[fresh] %s\n' "$*"; results+=("$*"); }

# 1. npm install && npm start: ready when the site answers and the agent printed its pairing link.
t0=$(now)
( cd "$work/repo" && exec setsid "${fresh_env[@]}" bash -c 'npm install && npm start' ) >"$work/start.log" 2>&1 </dev/null &
start_pid=$!
ready=0
for _ in $(seq 1 900); do
  if ! kill -0 "$start_pid" 2>/dev/null; then break; fi
  if grep -q 'connect-cluster#agent=' "$work/start.log" &&
     [[ "$(curl -s -o /dev/null -w '%{http_code}' http://localhost:3000/docs/day1)" == 200 ]]; then
    ready=1; break
  fi
  sleep 1
done
start_took=$(( $(now) - t0 ))
kill -- "-$start_pid" 2>/dev/null; wait "$start_pid" 2>/dev/null; start_pid=""
if (( ready )); then say "npm install && npm start: OK, site and agent ready in ${start_took} s"
else say "npm install && npm start: FAILED after ${start_took} s (last lines below)"; tail -n 30 "$work/start.log"; fi

# 2. bash scripts/setup-machine.sh && npm install && npm test
test_rc=0
if (( ! start_only )); then
  t0=$(now)
  ( cd "$work/repo" && "${fresh_env[@]}" bash -c 'bash scripts/setup-machine.sh && npm install && npm test' ) >"$work/test.log" 2>&1 </dev/null
  test_rc=$?
  test_took=$(( $(now) - t0 ))
  if (( test_rc == 0 )); then say "setup-machine.sh && npm install && npm test: OK in ${test_took} s ($(( test_took / 60 )) min)"
  else say "setup-machine.sh && npm install && npm test: FAILED (exit $test_rc) after ${test_took} s"; tail -n 40 "$work/test.log"; fi
  grep -E '^\s*(Test Files|Tests) |objects|cells' "$work/test.log" | tail -n 6 | sed 's/\x1b\[[0-9;]*m//g'
fi

mkdir -p "$repo/test-results"
{ echo "fresh check of $commit on $(date -u +%F) ($(nproc) cores)"; printf '%s\n' "${results[@]}"; } > "$repo/test-results/fresh-check.txt"
cp "$work/start.log" "$work/test.log" "$repo/test-results/" 2>/dev/null
(( ready && test_rc == 0 ))
