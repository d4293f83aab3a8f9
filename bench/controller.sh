#!/usr/bin/env bash
# The migration controller at scale (README "Performance"): the packaged jar as a child process
# against fabric8's mock API server, 1,000 migrated Deployments in 50 namespaces, then 200 new
# revisions at once. Loopback only; about a minute on 2 cores.
#   JAVA=... JAVA_OPTS="..." JAR=target/quarkus-app/quarkus-run.jar bench/controller.sh
# Writes target/bench/controller.md (and the controller's log in target/bench/controller/).
set -euo pipefail
cd "$(dirname "$0")/.."
MVN=${MVN:-mvn -B -ntp}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}
JAR=${JAR:-target/quarkus-app/quarkus-run.jar}
out=target/bench
mkdir -p "$out"
[ -f "$JAR" ] || { echo "bench/controller.sh: $JAR is missing (make build)" >&2; exit 1; }
[ -f certs/dev/tls.crt ] || { echo "bench/controller.sh: certs/dev is missing (make certs)" >&2; exit 1; }
# The driver and the mock API server are test code (src/bench/java with the bench profile, and the
# test classpath); the controller under measurement is the packaged jar with the shipped flags.
$MVN -q -Pbench test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$out/controller-classpath.txt"
cp="target/test-classes:target/classes:$(cat "$out/controller-classpath.txt")"
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" dev.hookwright.bench.ControllerBench "$JAR" "$JAVA" "$JAVA_OPTS" "$out/controller.md"
