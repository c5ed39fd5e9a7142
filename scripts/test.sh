#!/usr/bin/env bash
# The whole test suite (the README's `npm test`): unit, build, integration and browser
# tests (vitest), the validator over every manifest of the course, and every lab and
# challenge notebook. Tests that need Kubernetes use the cluster in $KUBECONFIG, or else
# the project's own control plane, which is started here (and stopped again if this
# script started it).
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n=== %s (%s)\n' "$1" "$(date +%T)"; }

if [[ -z "${KUBECONFIG:-}" ]]; then
  section "local control plane"
  if ! bash scripts/cluster/cluster.sh env >/dev/null 2>&1; then
    trap 'bash scripts/cluster/cluster.sh down >/dev/null 2>&1 || true' EXIT
  fi
  eval "$(bash scripts/cluster/cluster.sh up | grep '^export KUBECONFIG=')"
  echo "KUBECONFIG=$KUBECONFIG"
fi

section "vitest: unit, build, integration, browser"
npx vitest run

section "manifests: server-side dry-run of every YAML block"
mkdir -p test-results
npm run --silent validate -- --format junit --output test-results/manifests.xml

section "notebooks: every lab and challenge, CI mode"
npm run --silent notebook -- --ci --format junit --output test-results/notebooks.xml notebooks/
