#!/usr/bin/env bash
# Real fuzzing runs of the @FuzzTest targets (each bounded by its maxDuration, 90 s), one after
# the other; `mvn verify` only replays their seed corpora. Findings land in the target's
# src/test/resources/.../<Class>Inputs/<method>/ directory and fail the run; the log of each run is
# in target/fuzz/. Not part of `make test` or `make bench`: run by hand.
set -uo pipefail
cd "$(dirname "$0")/.."
MVN=${MVN:-mvn -B -ntp}
mkdir -p target/fuzz
status=0
for target in AdmissionReviewFuzzTest#anyBody AdmissionReviewFuzzTest#reviewWithDamagedDeployment \
              AnnotationFuzzTest#annotations ManifestReaderFuzzTest#anyStream; do
  log="target/fuzz/${target/\#/-}.log"
  # Instrument the parsers we call too, not only this project's classes (the default).
  # Only the fuzz execution (its own JVM, see pom.xml), not the Quarkus tests.
  JAZZER_FUZZ=1 $MVN test-compile surefire:test@fuzz -Dtest="$target" -Djazzer.instrument='dev.hookwright.**,com.fasterxml.jackson.**,io.fabric8.**,org.yaml.snakeyaml.**' \
    -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1
  result=$?
  [ "$result" -eq 0 ] || status=1
  echo "$target: exit $result; $(grep -aoE '#[0-9]+[[:space:]]+DONE[^$]*' "$log" | tail -1)"
done
exit "$status"
