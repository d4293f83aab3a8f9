#!/usr/bin/env bash
# Launch → first successful TLS answer, several times (one launch is at the machine's mercy):
#   bench/launch.sh [RUNS=5]
# Prints each time (wall and the server's CPU) and the medians; JAVA, JAR, CERT_DIR, JAVA_OPTS as for bench/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-target/quarkus-app/quarkus-run.jar}
CERT_DIR=${CERT_DIR:-certs/dev}
JAVA_OPTS=${JAVA_OPTS:-}
out=target/bench
mkdir -p "$out"
source bench/lib.sh
trap stop_server EXIT
trap 'exit 130' INT TERM
times=() cpus=()
for _ in $(seq "${1:-5}"); do
  start_server "$out/launch.log"
  await_first_answer bench/bodies/mutate-deployment.json
  rss=$(rss_mib "$pid")
  stop_server
  times+=("$launch_ms") cpus+=("$launch_cpu_ms")
  echo "launch to first TLS answer: $launch_ms ms, $launch_cpu_ms ms CPU (RSS $rss MiB)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
echo "RESULT launch_median_ms=$(median "${times[@]}") cpu_median_ms=$(median "${cpus[@]}") runs=${#times[@]}" \
  "all_ms=$(IFS=,; echo "${times[*]}") rss_mib=$rss"
