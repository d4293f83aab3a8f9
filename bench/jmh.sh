#!/usr/bin/env bash
# JMH benchmarks of the core (src/bench/java), run with the shipped JVM flags.
#   bench/jmh.sh [JMH regexp]       e.g. bench/jmh.sh Patch
# Writes target/bench/jmh.json and target/bench/jmh.md (µs/op per benchmark).
set -euo pipefail
cd "$(dirname "$0")/.."
MVN=${MVN:-mvn -B -ntp}
JAVA_OPTS=${JAVA_OPTS:-}
out=target/bench
mkdir -p "$out"
# The bench profile adds src/bench/java to the test sources and JMH's annotation processor.
$MVN -q -Pbench test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$out/classpath.txt"
cp="target/test-classes:target/classes:$(cat "$out/classpath.txt")"
# The forked benchmark JVM gets the shipped flags: those are what production runs with.
java -cp "$cp" org.openjdk.jmh.Main -jvmArgs "$JAVA_OPTS" -rf json -rff "$out/jmh.json" "${1:-dev.hookwright.bench}" \
  | tee "$out/jmh.log"
bench/jmh-table.sh "$out/jmh.json" > "$out/jmh.md"
cat "$out/jmh.md"
