#!/usr/bin/env bash
# The render half of `make bench`: wall time of `bin/hookwright render` (a new JVM each time, as
# Helm runs a post-renderer) on a 2 MB stream: 4,000 ConfigMaps and Services and 20 opted-in
# Deployments of 20 releases, so 20 Jobs are spliced in. hyperfine when installed, else a timed
# loop. Also the launcher's bare start (`--help`), to tell the JVM's start from the work.
# Writes target/bench/render.md; prints every figure.
#
# Environment: JAVA_OPTS as for bin/hookwright (its own one-shot flags when unset),
# BENCH_RENDER_RUNS (10).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${BENCH_RENDER_RUNS:-10}
out=target/bench
stream=$out/render-2mb.yaml
mkdir -p "$out"

{
  for i in $(seq 1 2000); do
    printf -- '---\n# Source: app/templates/config-%d.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-%d\n  labels:\n    app.kubernetes.io/instance: app\ndata:\n  settings.json: |\n    {"feature": "flag-%d", "limits": {"cpu": "250m", "memory": "256Mi"}, "padding": "%0550d"}\n' "$i" "$i" "$i" 0
    printf -- '---\n# Source: app/templates/service-%d.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: service-%d\nspec:\n  selector:\n    app: app-%d\n  ports:\n    - name: http\n      port: 80\n      targetPort: 8080\n' "$i" "$i" "$i"
    if [ $((i % 100)) -eq 0 ]; then
      r=$((i / 100))
      printf -- '---\n# Source: app/templates/deployment-%d.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-%d\n  labels:\n    app.kubernetes.io/instance: release-%d\n    hookwright.dev/migrations: enabled\n  annotations:\n    hookwright.dev/command: %s\nspec:\n  selector:\n    matchLabels: {app: web-%d}\n  template:\n    metadata:\n      labels: {app: web-%d}\n    spec:\n      containers:\n        - name: web\n          image: registry.example.com/app/web:1.%d.0\n          envFrom:\n            - configMapRef: {name: config-%d}\n' "$r" "$r" "$r" "'[\"node\",\"db/migrate.mjs\"]'" "$r" "$r" "$r" "$i"
    fi
  done
} > "$stream"
bytes=$(wc -c < "$stream")
objects=$(grep -c "^kind:" "$stream")
echo "stream: $stream, $bytes bytes, $objects objects"

bin/hookwright render -f "$stream" > "$out/render-2mb.out.yaml"
echo "rendered: $(grep -c '^kind: Job' "$out/render-2mb.out.yaml") Jobs added"

ms_now() { date +%s%N | cut -c1-13; }
median_ms() { # command...: runs it $runs times, prints the median wall time in ms
  local times=() start
  for _ in $(seq "$runs"); do
    start=$(ms_now)
    "$@" > /dev/null
    times+=($(( $(ms_now) - start )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'
}

if command -v hyperfine > /dev/null; then
  hyperfine --warmup 1 --runs "$runs" --export-markdown "$out/render-hyperfine.md" \
    "bin/hookwright --help" "bin/hookwright render -f $stream"
  render_ms=$(awk -F'|' '/render/ {gsub(/[ `]/, "", $3); split($3, a, "±"); print a[1]}' "$out/render-hyperfine.md")
  start_ms=$(awk -F'|' '/--help/ {gsub(/[ `]/, "", $3); split($3, a, "±"); print a[1]}' "$out/render-hyperfine.md")
  tool=hyperfine
else
  start_ms=$(median_ms bin/hookwright --help)
  render_ms=$(median_ms bin/hookwright render -f "$stream")
  tool="timed loop, median"
fi
echo "RESULT render_2mb_ms=$render_ms jvm_start_ms=$start_ms bytes=$bytes runs=$runs tool=\"$tool\""

{
  echo "### \`hookwright render\`, one JVM per run as Helm starts a post-renderer ($tool of $runs)"
  echo
  echo "| stream | wall time (ms) |"
  echo "| --- | ---: |"
  echo "| none: \`bin/hookwright --help\` (JVM start) | $start_ms |"
  echo "| $bytes bytes, $objects objects, 20 Jobs spliced in | $render_ms |"
} > "$out/render.md"
