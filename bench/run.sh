#!/usr/bin/env bash
# The HTTP half of `make bench`, every figure beside the Go baseline or the figure it replaces,
# measured in this one run:
#   1. launch → first TLS /mutate answer, median of BENCH_LAUNCHES: JDK 17 with the shipped
#      flags and no cache (before), then JAVA with the start-up cache (`make aot`);
#   2. /mutate throughput, hookwright from a cold start and bench/go-baseline interleaved:
#      three 6 s rounds at 16 connections, hookwright then Go, right after the first answer;
#   3. a warm-up on /mutate until 100,000 requests are served, then the RSS of both servers;
#   4. warm: 6 s rounds at 4 and at 16 connections, each beside Go, p99 at 4 connections;
#   5. /validate/warn saturated and /mutate at a fixed rate (bench/Paced.java);
#   6. `check` on a 94-object, 2 MB stream: JDK 17 without a cache, then JAVA with its cache.
# Every row carries the load average at the time: the machine may be shared.
#
# Environment: JAVA, JAR, CERT_DIR, JAVA_OPTS, AOT_USE, AOT_CHECK_USE (the Makefile passes
# them), JAVA17 (the "before" JVM; default: java on PATH), BENCH_LAUNCHES (5).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA:-java}
JAR=${JAR:-target/quarkus-app/quarkus-run.jar}
CERT_DIR=${CERT_DIR:-certs/dev}
JAVA_OPTS=${JAVA_OPTS:-}
AOT_USE=${AOT_USE:-}
AOT_CHECK_USE=${AOT_CHECK_USE:-}
JAVA17=${JAVA17:-java}
launches=${BENCH_LAUNCHES:-5}
round=6
first_requests=100000
out=target/bench
mutate_body=bench/bodies/mutate-deployment.json
validate_body=bench/bodies/validate-hook-job.json
check_stream=$out/check-stream.yaml
mkdir -p "$out"

source bench/lib.sh
field() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$2"; }
load() { cut -d' ' -f1 /proc/loadavg; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f ×", (b > 0 ? a / b : 0)}'; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
go_pid=
stop_all() {
  stop_server
  if [ -n "$go_pid" ]; then kill "$go_pid" 2>/dev/null || true; wait "$go_pid" 2>/dev/null || true; go_pid=; fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM
rows=()
row() { rows+=("| $1 | $2 | $3 | $4 | $5 |"); echo "$1: $2 (beside: $3) $4 [load $5]"; }
wrk_run() { # URL BODY CONNECTIONS SECONDS [PATH]
  BODY=$2 wrk -t2 -c"$3" -d"$4"s -s bench/post.lua "$1${5:-/mutate}" | grep '^RESULT'
}

# ---- the Go baseline, checked to give the same answer ----
(cd bench/go-baseline && go build -o "../../$out/go-baseline" .)
go_port=$(free_port)
"$out/go-baseline" -addr "127.0.0.1:$go_port" -cert "$CERT_DIR/tls.crt" -key "$CERT_DIR/tls.key" 2>"$out/go.log" &
go_pid=$!
go_url="https://localhost:$go_port"
answer() { curl -s --cacert "$CERT_DIR/ca.crt" -H 'Content-Type: application/json' --data-binary @"$mutate_body" "$1/mutate"; }
for _ in $(seq 100); do answer "$go_url" >/dev/null 2>&1 && break; sleep 0.05; done

# ---- 1. launch ----
launch_series() { # JAVA EXTRA-OPTS: median wall and CPU ms over $launches launches
  local walls=() cpus=() l
  for _ in $(seq "$launches"); do
    JAVA=$1 JAVA_OPTS="$JAVA_OPTS $2" start_server "$out/launch.log"
    await_first_answer "$mutate_body"
    stop_server
    walls+=("$launch_ms") cpus+=("$launch_cpu_ms")
  done
  echo "$(median "${walls[@]}") $(median "${cpus[@]}") $(IFS=,; echo "${walls[*]}")"
}
l=$(load); read -r before_ms before_cpu before_all <<<"$(launch_series "$JAVA17" "")"
l2=$(load); read -r after_ms after_cpu after_all <<<"$(launch_series "$JAVA" "$AOT_USE")"
java17=$("$JAVA17" -version 2>&1 | sed -n 1p | cut -d'"' -f2)
javanew=$("$JAVA" -version 2>&1 | sed -n 1p | cut -d'"' -f2)
row "launch → first \`/mutate\` answer, median of $launches (wall; server CPU)" \
  "$after_ms ms; $after_cpu ms CPU (JDK $javanew, start-up cache; $after_all)" \
  "$before_ms ms; $before_cpu ms CPU (JDK $java17, no cache; $before_all)" "≤ 1,000 ms" "$l / $l2"

# ---- 2. from a cold start, interleaved with Go ----
JAVA_OPTS="$JAVA_OPTS $AOT_USE" start_server "$out/server.log"
await_first_answer "$mutate_body"
[ "$(answer "$url")" = "$(answer "$go_url")" ] || { echo "bench: hookwright and the Go baseline answer differently" >&2; exit 1; }
served=0
for n in 1 2 3; do
  l=$(load)
  hw=$(wrk_run "$url" "$mutate_body" 16 $round); go=$(wrk_run "$go_url" "$mutate_body" 16 $round)
  served=$((served + $(field requests "$hw")))
  row "\`/mutate\` from a cold start, round $n ($round s, 16 connections)" \
    "$(field rps "$hw") req/s = $(ratio "$(field rps "$hw")" "$(field rps "$go")") Go" "Go $(field rps "$go") req/s" \
    "≥ 0.8 ×" "$l"
done

# ---- 3. warm-up to 100,000 requests; RSS ----
while [ "$served" -lt "$first_requests" ]; do
  served=$((served + $(field requests "$(wrk_run "$url" "$mutate_body" 16 10)")))
done
l=$(load)
row "RSS after $served requests" "$(rss_mib "$pid") MiB" "Go $(rss_mib "$go_pid") MiB" "≤ 120 MiB" "$l"

# ---- 4. warm, interleaved with Go ----
for c in 4 16; do
  l=$(load)
  hw=$(wrk_run "$url" "$mutate_body" $c $round); go=$(wrk_run "$go_url" "$mutate_body" $c $round)
  row "\`/mutate\` warm ($round s, $c connections)" \
    "$(field rps "$hw") req/s = $(ratio "$(field rps "$hw")" "$(field rps "$go")") Go; p50 $(field p50_ms "$hw") ms, p99 $(field p99_ms "$hw") ms" \
    "Go $(field rps "$go") req/s; p50 $(field p50_ms "$go") ms, p99 $(field p99_ms "$go") ms" \
    "$([ $c = 4 ] && echo "≥ 0.8 ×; p99 ≤ 1.5 ms" || echo "≥ 0.8 ×")" "$l"
done

# ---- 5. /validate/warn and the fixed rate ----
l=$(load)
validate=$(wrk_run "$url" "$validate_body" 16 $round /validate/warn)
row "\`/validate/warn\` warm ($round s, 16 connections)" "$(field rps "$validate") req/s, p99 $(field p99_ms "$validate") ms" "—" "—" "$l"
l=$(load)
paced=$("$JAVA17" -XX:+UseSerialGC -Xmx128m bench/Paced.java "$url/mutate" "$mutate_body" "$CERT_DIR/ca.crt" 1000 20 \
  | grep '^RESULT')
row "\`/mutate\` at 1,000 req/s (20 s, 8 connections)" "p50 $(field p50_ms "$paced") ms, p99 $(field p99_ms "$paced") ms, $(field failures "$paced") failed" \
  "—" "p99 ≤ 5 ms" "$l"
l=$(load)
row "RSS at the end (about $((served + $(field requests "$validate") + 20000)) requests)" "$(rss_mib "$pid") MiB" \
  "Go $(rss_mib "$go_pid") MiB" "—" "$l"
stop_all

# ---- 6. check on a 2 MB stream ----
python3 bench/bodies/make-bodies.py --check-stream "$check_stream" >/dev/null
# As bin/hookwright runs a one-shot command (its flags: C1 only), the before without a cache,
# the after with check's own.
one_shot="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k"
check_series() { # JAVA EXTRA-OPTS: median wall ms of $launches runs
  local walls=() start
  for _ in $(seq "$launches"); do
    start=$(date +%s%N)
    JAVA=$1 JAVA_OPTS="$one_shot $2" bin/hookwright check -f "$check_stream" --namespace shop >/dev/null 2>&1 || [ $? -le 1 ]
    walls+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
  echo "$(median "${walls[@]}") $(IFS=,; echo "${walls[*]}")"
}
l=$(load); read -r check_before check_before_all <<<"$(check_series "$JAVA17" "")"
l2=$(load); read -r check_after check_after_all <<<"$(check_series "$JAVA" "$AOT_CHECK_USE")"
row "\`bin/hookwright check\` on $(grep -c '^kind:' "$check_stream") objects, $(( $(wc -c <"$check_stream") / 1000 )) kB, median of $launches (wall)" \
  "$check_after ms (JDK $javanew, its cache; $check_after_all)" "$check_before ms (JDK $java17, no cache; $check_before_all)" \
  "≤ 1,000 ms" "$l / $l2"

{
  echo "### One run of \`make bench\`: hookwright beside the Go baseline and the JDK 17 launch"
  echo
  echo "Server: \`java $JAVA_OPTS $AOT_USE -jar $JAR\` on JDK $javanew; Go: bench/go-baseline (standard library only, same answer"
  echo "checked first). wrk, 2 threads, TLS, keep-alive; /mutate body $(wc -c <"$mutate_body") bytes (bench/bodies)."
  echo
  echo "| figure | hookwright | beside it | target | load average |"
  echo "| --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} >"$out/http.md"
