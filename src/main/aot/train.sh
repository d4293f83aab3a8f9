#!/usr/bin/env bash
# The training run behind the JVM's start-up cache: starts the packaged jar with the given JVM
# options plus one that records (JDK 25: -XX:AOTCacheOutput=CACHE, JEP 483/514; JDK 17-23:
# -XX:ArchiveClassesAtExit=CACHE, a dynamic AppCDS archive), drives every endpoint over TLS
# the way the API server, the kubelet and Prometheus do, stops it with SIGTERM (the JVM writes
# the cache on its way out), then trains `check` into a cache of its own (CACHE with
# "-check" before the extension). The cache holds the classes loaded and linked, and on 25 the
# methods' profiles, so the next launch skips that work and its first requests run warm.
#
#   src/main/aot/train.sh JAVA JAR CACHE CERT_DIR BODIES [JVM options...]
#
# JAVA: the java binary that will run the jar (a cache only works for the JVM that made it).
# CERT_DIR: tls.crt, tls.key and ca.crt for the run. BODIES: bench/bodies (the requests).
# Needs curl. The cache is build output: made again whenever the jar changes.
set -euo pipefail
java=$1 jar=$2 cache=$3 certs=$4 bodies=$5
shift 5
version=$("$java" -XX:+IgnoreUnrecognizedVMOptions -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
if [ "$version" -ge 25 ]; then record() { echo "-XX:AOTCacheOutput=$1"; }
else record() { echo "-XX:ArchiveClassesAtExit=$1"; }; fi
check_cache="${cache%.*}-check.${cache##*.}"
mkdir -p "$(dirname "$cache")"
rm -f "$cache" "$check_cache"
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

port() { # a free loopback port
  local p
  while :; do p=$((20000 + RANDOM % 40000)); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done
}
https=$(port) management=$(port)
while [ "$management" = "$https" ]; do management=$(port); done
env -u KUBERNETES_SERVICE_HOST KUBECONFIG=/nonexistent/kubeconfig \
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
  QUARKUS_HTTP_SSL_PORT="$https" QUARKUS_MANAGEMENT_PORT="$management" \
  HOOKWRIGHT_TLS_CERT="$certs/tls.crt" HOOKWRIGHT_TLS_KEY="$certs/tls.key" \
  "$java" "$@" "$(record "$cache")" -jar "$jar" >"$work/serve.log" 2>&1 &
pid=$!

api="https://localhost:$https" probes="https://localhost:$management"
post() { # PATH BODY-FILE [curl options]: one request, status checked by the caller's loop
  local path=$1 body=$2; shift 2
  curl -s -o /dev/null -w '%{http_code}\n' --cacert "$certs/ca.crt" -H 'Content-Type: application/json' \
    --data-binary @"$body" "$@" "$api$path"
}
for _ in $(seq 600); do
  [ "$(post /mutate "$bodies/mutate-deployment.json" 2>/dev/null)" = 200 ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/serve.log" >&2; echo "train.sh: the server died" >&2; exit 1; }
  sleep 0.1
done

# Each kind of request several hundred times over keep-alive connections (curl reuses one
# connection for all the URLs of one invocation), so the JIT's profiles are worth keeping.
repeat() { # COUNT PATH BODY-FILE [curl options]
  local count=$1 path=$2 body=$3; shift 3
  local args=()
  for _ in $(seq "$count"); do args+=(--next -s -o /dev/null --cacert "$certs/ca.crt" \
    -H 'Content-Type: application/json' --data-binary @"$body" "$@" "$api$path"); done
  curl "${args[@]:1}" || true  # a refused request trains as well; the cache check below decides
}
# A review that is denied, one not opted in and a malformed body: the other branches.
sed 's/"hookwright.dev\/command":"[^"]*"/"hookwright.dev\/command":"not json"/' \
  "$bodies/mutate-deployment.json" >"$work/denied.json"
sed 's/"hookwright.dev\/migrations":"enabled"/"hookwright.dev\/migrations":"no"/' \
  "$bodies/mutate-deployment.json" >"$work/not-opted-in.json"
printf '{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":' >"$work/malformed.json"
for _ in 1 2; do
  repeat 400 /mutate "$bodies/mutate-deployment.json"
  repeat 50 /mutate "$work/denied.json"
  repeat 50 /mutate "$work/not-opted-in.json"
  repeat 10 /mutate "$work/malformed.json"
  repeat 200 /validate/warn "$bodies/validate-hook-job.json"
  repeat 100 /validate/enforce "$bodies/validate-hook-job.json"
  repeat 20 /validate "$bodies/validate-hook-job.json"
  repeat 20 '/dry-run?namespace=shop&release=shop' "$bodies/dry-run-stream.yaml"
  repeat 5 /dry-run "$bodies/dry-run-stream.yaml" -H 'Accept: application/yaml'
  for path in /q/health/ready /q/health/live /q/health /q/metrics; do
    curl -s -o /dev/null --cacert "$certs/ca.crt" "$probes$path"
  done
done
kill -TERM "$pid"
wait "$pid" || true
pid=
[ -s "$cache" ] || { cat "$work/serve.log" >&2; echo "train.sh: no cache written to $cache" >&2; exit 1; }

# `check` is a process of its own (no server): trained on the same stream, file and stdin.
"$java" "$@" "$(record "$check_cache")" -jar "$jar" check -f "$bodies/dry-run-stream.yaml" --namespace shop \
  >/dev/null 2>"$work/check.log" || [ $? -le 1 ] || { cat "$work/check.log" >&2; exit 1; }
[ -s "$check_cache" ] || { cat "$work/check.log" >&2; echo "train.sh: no cache written to $check_cache" >&2; exit 1; }
echo "train.sh: $(du -h "$cache" | cut -f1) in $cache, $(du -h "$check_cache" | cut -f1) in $check_cache (JDK $version)"
