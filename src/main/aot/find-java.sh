#!/usr/bin/env bash
# Prints the java binary `make run` and the start-up cache use: the newest JDK 25 or later
# among $JAVA_HOME, the java on PATH and the JDKs installed under /usr/lib/jvm (Debian's and
# Temurin's packages put them there); the java on PATH when there is none (JDK 17 then gets a
# dynamic AppCDS archive instead of an AOT cache).
set -uo pipefail
feature() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
best=$(command -v java || true) best_version=0
[ -n "$best" ] && best_version=$(feature "$best")
for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/*/bin/java; do
  [ -x "$candidate" ] || continue
  version=$(feature "$candidate")
  if [ "${version:-0}" -ge 25 ] && [ "$version" -gt "$best_version" ]; then best=$candidate best_version=$version; fi
done
echo "${best:-java}"
