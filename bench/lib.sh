# Shared by bench/run.sh and bench/launch.sh (sourced): free ports, starting the packaged jar the
# way `make run` does but on loopback, and timing its first successful TLS answer.
# Needs JAR, CERT_DIR, JAVA_OPTS and out set by the caller.

# A port nothing listens on.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# CPU time (user + system) a process has used, in ms: on a shared machine, a steadier measure
# of start-up work than the wall clock.
cpu_ms() { awk -v tick="$(getconf CLK_TCK)" '{printf "%.0f", ($14 + $15) * 1000 / tick}' "/proc/$1/stat"; }

rss_mib() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

# start_server LOG: sets pid, port, url and launched (ns). No cluster: the controller stays off.
start_server() {
  port=$(free_port)
  local management_port
  management_port=$(free_port)
  while [ "$management_port" = "$port" ]; do management_port=$(free_port); done
  url="https://localhost:$port"
  launched=$(date +%s%N)
  env -u KUBERNETES_SERVICE_HOST KUBECONFIG=/nonexistent/kubeconfig \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
    QUARKUS_HTTP_SSL_PORT="$port" QUARKUS_MANAGEMENT_PORT="$management_port" \
    HOOKWRIGHT_TLS_CERT="$CERT_DIR/tls.crt" HOOKWRIGHT_TLS_KEY="$CERT_DIR/tls.key" \
    "${JAVA:-java}" $JAVA_OPTS -jar "$JAR" >"$1" 2>&1 &
  pid=$!
}

stop_server() {
  if [ -n "${pid:-}" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=
  fi
}

# await_first_answer BODY: polls /mutate every 10 ms until a 200; sets launch_ms and launch_cpu_ms.
await_first_answer() {
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$CERT_DIR/ca.crt" \
            -H 'Content-Type: application/json' --data-binary @"$1" "$url/mutate" 2>/dev/null)" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "bench: the server died; see its log in $out" >&2; exit 1; }
    [ $(( ($(date +%s%N) - launched) / 1000000000 )) -lt 60 ] || { echo "bench: no answer within 60 s" >&2; exit 1; }
    sleep 0.01
  done
  launch_ms=$(( ($(date +%s%N) - launched) / 1000000 ))
  launch_cpu_ms=$(cpu_ms "$pid")
}
