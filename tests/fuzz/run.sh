#!/usr/bin/env bash
# Runs one libFuzzer harness for a while:
#
#   bash tests/fuzz/run.sh BUILD_DIR NAME SECONDS [libFuzzer flags...]
#
# NAME is html, text, warc, jsonl or rules (the binary BUILD_DIR/fuzz_NAME,
# built with -DWINNOW_FUZZ=ON). The working corpus is BUILD_DIR/corpus/NAME,
# seeded from tests/fuzz/corpus/NAME (the kept inputs) and, for a fresh
# corpus, from samples/, tests/data/ and rules/. Crashes, leaks, timeouts
# and out-of-memory inputs go to BUILD_DIR/artifacts/NAME/. The limits are
# the ones the issue sets for a page: 4 GB and 20 s.
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: bash tests/fuzz/run.sh BUILD_DIR NAME SECONDS [flags...]" >&2
  exit 2
fi
B=$(cd "$1" && pwd); NAME=$2; SECS=$3; shift 3
SRC=$(cd "$(dirname "$0")/../.." && pwd)
CORPUS=$B/corpus/$NAME
mkdir -p "$CORPUS" "$B/artifacts/$NAME"
if [ -z "$(ls -A "$CORPUS")" ]; then
  case $NAME in
    html) cp "$SRC"/samples/*.html "$SRC"/tests/data/crawl/*.html "$CORPUS"/ ;;
    text) cp "$SRC"/samples/*.txt "$CORPUS"/ ;;
    warc) cp "$SRC"/tests/data/crawl.warc "$SRC"/tests/data/crawl.warc.gz "$CORPUS"/ ;;
    rules) cp "$SRC"/rules/*.rules "$CORPUS"/ ;;
  esac
fi
case $NAME in
  html | text) DICT=$SRC/tests/fuzz/html.dict; MAXLEN=65536 ;;
  warc) DICT=$SRC/tests/fuzz/warc.dict; MAXLEN=65536 ;;
  jsonl) DICT=$SRC/tests/fuzz/jsonl.dict; MAXLEN=32768 ;;
  rules) DICT=$SRC/tests/fuzz/rules.dict; MAXLEN=16384 ;;
  *) echo "unknown harness $NAME" >&2; exit 2 ;;
esac
echo "fuzz_$NAME for ${SECS}s, corpus $CORPUS"
exec "$B/fuzz_$NAME" "$CORPUS" "$SRC/tests/fuzz/corpus/$NAME" \
  -dict="$DICT" -max_len=$MAXLEN -max_total_time="$SECS" -timeout=20 \
  -rss_limit_mb=4000 -print_final_stats=1 \
  -artifact_prefix="$B/artifacts/$NAME/" "$@"
