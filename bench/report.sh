#!/usr/bin/env bash
# Joins the HTTP and JMH results of `make bench` under a description of the machine they came
# from, as Markdown: target/bench/results.md (copied by hand into README "Performance").
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/bench
echo "## Results of \`make bench\`, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| machine | |"
echo "| --- | --- |"
echo "| CPUs (nproc) | $(nproc) |"
echo "| CPU model | $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1) |"
echo "| memory | $(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) |"
echo "| JVM (server, \`check\`) | $("${JAVA:-java}" -version 2>&1 | sed -n 2p) |"
echo "| JVM on PATH (the JDK 17 \"before\", JMH) | $(java -version 2>&1 | sed -n 2p) |"
echo "| load average at the end | $(cut -d' ' -f1-3 /proc/loadavg) |"
echo
[ -f "$out/http.md" ] && cat "$out/http.md" && echo
[ -f "$out/render.md" ] && cat "$out/render.md" && echo
if [ -f "$out/controller.md" ]; then
  echo "### The controller at scale against fabric8's mock API server (\`bench/controller.sh\`)"
  echo
  cat "$out/controller.md"
  echo
fi
if [ -f "$out/jmh.md" ]; then
  echo "### JMH, core per object (shipped JAVA_OPTS in the forked JVM)"
  echo
  cat "$out/jmh.md"
fi
