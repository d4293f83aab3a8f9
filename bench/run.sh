#!/usr/bin/env bash
# The HTTP half of `make bench`: starts the packaged jar with the shipped JVM flags and TLS on
# free loopback ports, times launch → first TLS answer, drives /mutate and /validate/warn with
# wrk (saturated, keep-alive) and /mutate with bench/Paced.java (fixed rate), and reads the
# server's RSS along the way. Writes target/bench/http.md; prints every figure.
#
# Environment: JAR, CERT_DIR, JAVA_OPTS (the Makefile passes its own), and to change the run
# BENCH_CONNECTIONS (16), BENCH_SECONDS (20), BENCH_RATE (1000), BENCH_PACED_SECONDS (30).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-target/quarkus-app/quarkus-run.jar}
CERT_DIR=${CERT_DIR:-certs/dev}
JAVA_OPTS=${JAVA_OPTS:-}
connections=${BENCH_CONNECTIONS:-16}
seconds=${BENCH_SECONDS:-20}
rate=${BENCH_RATE:-1000}
paced_seconds=${BENCH_PACED_SECONDS:-30}
first_requests=100000
out=target/bench
mutate_body=bench/bodies/mutate-deployment.json
validate_body=bench/bodies/validate-hook-job.json
mkdir -p "$out"

source bench/lib.sh
field() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$2"; }
trap stop_server EXIT
trap 'exit 130' INT TERM

start_server "$out/server.log"
await_first_answer "$mutate_body"
rss_started=$(rss_mib "$pid")
echo "launch to first TLS answer: $launch_ms ms (RSS $rss_started MiB)"

# Warm-up on /mutate in 10 s rounds until 100,000 requests are served: then the RSS "after
# 100,000 requests" (wrk knows durations, not counts).
warm_requests=0; warm_seconds=0; warm_errors=0
while [ "$warm_requests" -lt "$first_requests" ]; do
  round=$(BODY=$mutate_body wrk -t2 -c"$connections" -d10s -s bench/post.lua "$url/mutate" | grep '^RESULT')
  warm_requests=$((warm_requests + $(field requests "$round")))
  warm_seconds=$((warm_seconds + 10))
  warm_errors=$((warm_errors + $(field non2xx "$round") + $(field socket_errors "$round")))
done
rss_100k=$(rss_mib "$pid")
echo "warm-up: $warm_requests /mutate requests in $warm_seconds s, $warm_errors errors (RSS $rss_100k MiB)"

mutate=$(BODY=$mutate_body wrk -t2 -c"$connections" -d"${seconds}s" -s bench/post.lua "$url/mutate" | grep '^RESULT')
echo "/mutate saturated: $mutate"
validate=$(BODY=$validate_body wrk -t2 -c"$connections" -d"${seconds}s" -s bench/post.lua "$url/validate/warn" \
  | grep '^RESULT')
echo "/validate/warn saturated: $validate"

paced=$(java -XX:+UseSerialGC -Xmx128m bench/Paced.java "$url/mutate" "$mutate_body" "$CERT_DIR/ca.crt" \
  "$rate" "$paced_seconds" | grep '^RESULT')
rss_end=$(rss_mib "$pid")
served=$(( warm_requests + $(field requests "$mutate") + $(field requests "$validate") \
  + $(field requests "$paced") ))
echo "/mutate at $rate req/s: $paced (RSS $rss_end MiB after about $served requests)"

row() { # name, RESULT line
  printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$(field requests "$2")" "$(field rps "$2")" \
    "$(field p50_ms "$2")" "$(field p99_ms "$2")" "$(field max_ms "$2")"
}
{
  echo "### HTTPS (packaged jar, shipped JAVA_OPTS, TLS, keep-alive)"
  echo
  echo "Server: \`java $JAVA_OPTS -jar $JAR\`. Saturated runs: wrk, 2 threads, $connections connections,"
  echo "${seconds} s each, after a warm-up of $warm_requests /mutate requests in $warm_seconds s. Fixed rate: bench/Paced.java,"
  echo "8 connections, $rate req/s for $paced_seconds s after 5 s uncounted, latency from each request's scheduled send time."
  echo "/mutate body: $(wc -c <"$mutate_body") bytes (bench/bodies); /validate/warn body: $(wc -c <"$validate_body") bytes."
  echo
  echo "| run | requests | req/s | p50 ms | p99 ms | max ms |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  row "/mutate saturated" "$mutate"
  row "/validate/warn saturated" "$validate"
  row "/mutate at $rate req/s" "$paced"
  echo
  echo "| figure | value |"
  echo "| --- | ---: |"
  echo "| launch → first TLS answer | $launch_ms ms |"
  echo "| RSS at first answer | $rss_started MiB |"
  echo "| RSS after the warm-up ($warm_requests requests) | $rss_100k MiB |"
  echo "| RSS after the run ($served requests) | $rss_end MiB |"
  echo "| non-2xx or socket errors (wrk) | $(( warm_errors + $(field non2xx "$mutate") + $(field non2xx "$validate") + $(field socket_errors "$mutate") + $(field socket_errors "$validate") )) |"
  echo "| failed paced requests | $(field failures "$paced") |"
} >"$out/http.md"
