#!/usr/bin/env bash
# JMH's JSON result → a Markdown table (benchmark, µs/op, error), without jq.
set -euo pipefail
python3 - "$1" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
print("| benchmark | µs/op | ± (99.9%) |")
print("| --- | ---: | ---: |")
for r in rows:
    m = r["primaryMetric"]
    print(f"| {r['benchmark'].replace('dev.hookwright.bench.', '')} | {m['score']:.2f} | {m['scoreError']:.2f} |")
PY
