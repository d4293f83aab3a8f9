#!/usr/bin/env bash
# Builds the binaries the end-to-end tests run against a real control plane:
# etcd, kube-apiserver, kube-controller-manager and Helm 4, all from their published Go modules
# (no container engine, no downloads other than the Go module proxy).
#
# The binaries go to a cache OUTSIDE the source tree, one directory per pinned version set, and
# are rebuilt only when missing; a warm run takes a second. Prints the bin directory last.
#
#   HOOKWRIGHT_CLUSTER_CACHE   cache root (default: $HOME/.cache/hookwright-cluster)
set -euo pipefail

# Pinned versions. The Kubernetes staging modules (k8s.io/api, k8s.io/client-go, ...) are
# published as v0.<minor>.<patch> for Kubernetes v1.<minor>.<patch>.
KUBERNETES_VERSION=v1.37.2
# The newest etcd 3.7 patch (Kubernetes v1.37 is built against the 3.7 client). It shares the
# wrapper module, so its go.etcd.io/etcd/* client packages are also what the API server links.
ETCD_VERSION=v3.7.4
HELM_VERSION=v4.3.2

STAGING_VERSION="v0.${KUBERNETES_VERSION#v1.}"
CACHE_ROOT="${HOOKWRIGHT_CLUSTER_CACHE:-$HOME/.cache/hookwright-cluster}"
KEY="kubernetes-${KUBERNETES_VERSION}_etcd-${ETCD_VERSION}_helm-${HELM_VERSION}"
BIN="$CACHE_ROOT/$KEY/bin"
BINARIES=(etcd kube-apiserver kube-controller-manager helm)

log() { echo "[cluster-build] $*" >&2; }

missing=()
for b in "${BINARIES[@]}"; do [[ -x "$BIN/$b" ]] || missing+=("$b"); done
if [[ ${#missing[@]} -eq 0 ]]; then
  log "up to date: $BIN"
  echo "$BIN"
  exit 0
fi
log "building ${missing[*]} into $BIN"
command -v go >/dev/null || { log "go is not installed; the end-to-end tests need Go >= 1.26"; exit 1; }
mkdir -p "$BIN"
start=$(date +%s)

# A wrapper module. k8s.io/kubernetes's own go.mod replaces every k8s.io/* staging module with
# a ./staging path, which only works inside its repository; a module that depends on it must
# replace them with the published versions itself. The list comes from that go.mod, so a new
# staging module in a later release needs no edit here.
WRAP="$CACHE_ROOT/$KEY/module"
rm -rf "$WRAP"; mkdir -p "$WRAP"
cd "$WRAP"
kube_gomod=$(go mod download -json "k8s.io/kubernetes@${KUBERNETES_VERSION}" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')
[[ -f "$kube_gomod" ]] || { log "could not download k8s.io/kubernetes@${KUBERNETES_VERSION}"; exit 1; }
go_directive=$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$kube_gomod" | head -1)
{
  echo "module hookwright.dev/e2e-cluster-build"
  echo
  echo "go ${go_directive}"
  echo
  echo "require ("
  echo "	k8s.io/kubernetes ${KUBERNETES_VERSION}"
  echo "	go.etcd.io/etcd/server/v3 ${ETCD_VERSION}"
  echo ")"
  echo
  echo "replace ("
  sed -n 's#^[[:space:]]*\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\1#p' "$kube_gomod" | sort -u |
    while read -r m; do echo "	$m => $m ${STAGING_VERSION}"; done
  echo ")"
} > go.mod
# The import keeps `go mod tidy` from dropping the requirements the builds below use.
cat > tools.go <<'GO'
//go:build tools

package tools

import (
	_ "go.etcd.io/etcd/server/v3"
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
)
GO
log "resolving modules (k8s.io/kubernetes ${KUBERNETES_VERSION}, staging ${STAGING_VERSION}, etcd ${ETCD_VERSION})"
GOFLAGS=-mod=mod go mod tidy >&2

# -trimpath and no VCS stamping: reproducible, and the binaries carry no machine paths.
# Version stamping mirrors what the Kubernetes release build does, so /version reports it.
ldflags="-s -w -X k8s.io/component-base/version.gitVersion=${KUBERNETES_VERSION} -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$(echo "$KUBERNETES_VERSION" | cut -d. -f2)"
for b in "${missing[@]}"; do
  case "$b" in
    etcd)
      log "go build etcd"
      go build -trimpath -ldflags "-s -w" -o "$BIN/etcd.tmp" go.etcd.io/etcd/server/v3 ;;
    kube-apiserver|kube-controller-manager)
      log "go build $b"
      go build -trimpath -ldflags "$ldflags" -o "$BIN/$b.tmp" "k8s.io/kubernetes/cmd/$b" ;;
    helm)
      # Helm's go.mod has no replace directives, so it builds as its own main module.
      log "go install helm ${HELM_VERSION}"
      # The version stamp Helm's release build sets; `helm version` and plugins' version checks read it.
      GOBIN="$CACHE_ROOT/$KEY/helm-gobin" go install -trimpath \
        -ldflags "-s -w -X helm.sh/helm/v4/internal/version.version=${HELM_VERSION}" "helm.sh/helm/v4/cmd/helm@${HELM_VERSION}"
      mv "$CACHE_ROOT/$KEY/helm-gobin/helm" "$BIN/helm.tmp" ;;
  esac
  mv "$BIN/$b.tmp" "$BIN/$b"   # atomic: an interrupted build never leaves a half binary
done
log "built ${missing[*]} in $(( $(date +%s) - start ))s"
echo "$BIN"
