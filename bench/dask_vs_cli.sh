#!/usr/bin/env bash
# The Dask run against the command line on the same shards (issue 16):
# splits a folder of pages (the corpus) into N JSONL shards, then times
#   winnow --to jsonl -j J SHARD...         (one process, J threads)
#   python3 -m winnow.dask --workers W      (a local cluster, W processes)
# and checks that both give the same records.
#
#   bench/dask_vs_cli.sh BUILD_DIR PAGES_DIR [SHARDS] [WORKERS]
set -euo pipefail
build=$(cd "$1" && pwd)
pages=$2
shards=${3:-8}
workers=${4:-2}
python=${WINNOW_PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$python" - "$pages" "$work/shards" "$shards" <<'PY'
import json, os, sys
pages, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(out)
names = sorted(os.listdir(pages))
files = [open(os.path.join(out, "part-%02d.jsonl" % k), "wb") for k in range(n)]
for i, name in enumerate(names):
    with open(os.path.join(pages, name), "rb") as f:
        html = f.read().decode("utf-8", "replace")
    line = json.dumps({"url": "file:///" + name, "html": html}, ensure_ascii=False)
    files[i % n].write(line.encode("utf-8") + b"\n")
for f in files:
    f.close()
PY
records=$(cat "$work"/shards/*.jsonl | wc -l)
mb=$(du -cb "$work"/shards/*.jsonl | tail -1 | awk '{printf "%.1f", $1 / 1e6}')
echo "$records records in $shards JSONL shards, $mb MB"

for j in 1 2; do
  start=$(date +%s.%N)
  "$build/winnow" --to jsonl -q -j "$j" "$work"/shards/*.jsonl > "$work/cli.jsonl" || true
  end=$(date +%s.%N)
  awk -v r="$records" -v s="$start" -v e="$end" -v j="$j" \
    'BEGIN { printf "winnow --to jsonl -j %d: %.2f s, %.0f pages/s\n", j, e - s, r / (e - s) }'
done

start=$(date +%s.%N)
PYTHONPATH=$build/python "$python" -m winnow.dask --workers "$workers" \
  -o "$work/out" "$work"/shards/*.jsonl 2> "$work/dask.log" || true
end=$(date +%s.%N)
tail -3 "$work/dask.log"
awk -v r="$records" -v s="$start" -v e="$end" -v w="$workers" \
  'BEGIN { printf "winnow.dask, local cluster of %d workers: %.2f s (cluster start-up included), %.0f pages/s\n", w, e - s, r / (e - s) }'

for f in "$work"/shards/*.jsonl; do
  zcat "$work/out/$(basename "$f").jsonl.gz"
done | cmp - "$work/cli.jsonl" && echo "same records as the command line"
