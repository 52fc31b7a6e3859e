#!/usr/bin/env bash
# End-to-end tests of what winnow writes and says when things go wrong
# around the extraction (issue 13): output names that never collide, output
# files that are whole or absent, full disks and file-size limits, warnings,
# the default thread count, the progress line, stdout errors.
#
#   bash tests/output_test.sh WINNOW_BINARY SOURCE_DIR
#
# Needs bash, coreutils, gzip, util-linux (script, taskset, unshare, mount).
# The full-disk case mounts a small tmpfs in a private mount namespace; where
# that is not allowed (not root) it is reported as skipped, not passed.

set -u

if [ $# -ne 2 ]; then
  echo "usage: bash tests/output_test.sh WINNOW_BINARY SOURCE_DIR" >&2
  exit 2
fi
W=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
DATA=$SRC/tests/data
SAMPLES=$SRC/samples
TMP=$(mktemp -d "${TMPDIR:-/tmp}/winnow-out-XXXXXX")
trap 'rm -rf "$TMP"' EXIT

. "$SRC/tests/lib.sh"  # check, expect_status, stat_of
skip=0
count_files() { find "$1" -type f | wc -l; }

# ---- -o: no two records share a name ----------------------------------------

# Two crawls with the same name in different folders (issue 13, item 1: the
# second overwrote the first).
mkdir -p "$TMP/a" "$TMP/b"
cp "$DATA/crawl.warc.gz" "$TMP/a/crawl.warc.gz"
cp "$DATA/crawl.warc.gz" "$TMP/b/crawl.warc.gz"
"$W" -o "$TMP/o1" "$TMP/a/crawl.warc.gz" "$TMP/b/crawl.warc.gz" 2> "$TMP/err"
expect_status "same-named crawls exit 0" 0 $?
check "same-named crawls: 6 files" test "$(count_files "$TMP/o1")" -eq 6
check "same-named crawls: first keeps the short name" test -d "$TMP/o1/crawl"
check "same-named crawls: second takes the full name" \
  test -d "$TMP/o1/crawl.warc.gz"

# A JSONL file beside a WARC file of the same stem, in one folder.
mkdir -p "$TMP/mixed"
cp "$DATA/crawl.warc.gz" "$TMP/mixed/crawl.warc.gz"
for i in $(seq 0 9); do
  printf '{"url":"https://example.com/%s","html":"<p>%s</p>"}\n' "$i" \
    "Page $i of its own, long enough to be kept as the body of an article."
done > "$TMP/mixed/crawl.jsonl"
"$W" -o "$TMP/o2" "$TMP/mixed" 2> "$TMP/err"
expect_status "jsonl beside warc exits 0" 0 $?
check "jsonl beside warc: 13 files" test "$(count_files "$TMP/o2")" -eq 13

# Two folders with the same page names, with a subfolder read in between:
# the names of the first folder must still be known.
mkdir -p "$TMP/d1/x" "$TMP/d1/y" "$TMP/d2/x"
cp "$SAMPLES/br-paragraphs.html" "$TMP/d1/x/index.html"
cp "$SAMPLES/list-and-headings.html" "$TMP/d1/y/index.html"
cp "$SAMPLES/table-in-article.html" "$TMP/d2/x/index.html"
"$W" -o "$TMP/o3" "$TMP/d1" "$TMP/d2" 2> "$TMP/err"
check "same page names in two folders: 3 files" \
  test "$(count_files "$TMP/o3")" -eq 3
check "same page names: second keeps its full name" \
  test -s "$TMP/o3/x/index.html.txt"
check "same page names: first is the first page" \
  cmp -s "$TMP/o3/x/index.txt" <("$W" "$TMP/d1/x/index.html")

# A WARC named like a folder of pages already written.
mkdir -p "$TMP/d3/crawl"
cp "$SAMPLES/br-paragraphs.html" "$TMP/d3/crawl/000002.html"
cp "$DATA/crawl.warc.gz" "$TMP/d3/crawl.warc.gz"
"$W" -o "$TMP/o4" "$TMP/d3" 2> "$TMP/err"
check "warc beside a folder of its name: 4 files" \
  test "$(count_files "$TMP/o4")" -eq 4

# ---- -o: whole files or none --------------------------------------------------

"$W" -o "$TMP/o5" "$DATA/crawl.warc.gz" 2> "$TMP/err"
check "no temporary file left" \
  test -z "$(find "$TMP/o5" -name '.*tmp')"

# A rerun where a record now fails removes the previous run's file.
mkdir -p "$TMP/rerun"
cp "$SAMPLES/br-paragraphs.html" "$TMP/rerun/page.html"
"$W" -o "$TMP/o6" "$TMP/rerun" 2> /dev/null
check "rerun: first run wrote the page" test -s "$TMP/o6/page.txt"
"$W" --max-memory 1 -o "$TMP/o6" "$TMP/rerun" 2> "$TMP/err"
expect_status "rerun with a failing record exits 1" 1 $?
check "rerun: the stale file is gone" test ! -e "$TMP/o6/page.txt"
check "rerun: the failure is named" grep -q "page.html" "$TMP/err"

# Past `ulimit -f` (issue 13, item 4: the process died of SIGXFSZ).
big=$TMP/big.html
{ echo '<html><body><article>'
  for i in $(seq 1 400); do
    echo "<p>Paragraph $i of a long article about the harbour bridge, which reopened after two years of repairs to its deck and cables.</p>"
  done
  echo '</article></body></html>'; } > "$big"
(ulimit -f 8; "$W" -o "$TMP/o7" "$big" "$SAMPLES/br-paragraphs.html") \
  2> "$TMP/err"
expect_status "ulimit -f: exit 1, not a signal" 1 $?
check "ulimit -f: names the record and the cause" \
  grep -q "big.html: cannot write .*File too large" "$TMP/err"
check "ulimit -f: no partial file" test ! -e "$TMP/o7/big.txt"
check "ulimit -f: the small page is written" test -s "$TMP/o7/br-paragraphs.txt"
check "ulimit -f: no temporary file" test -z "$(find "$TMP/o7" -name '.*tmp')"
(ulimit -f 8; "$W" "$big" > "$TMP/big-stdout.txt") 2> "$TMP/err"
expect_status "ulimit -f on stdout: exit 1" 1 $?
check "ulimit -f on stdout: says why" \
  grep -q "cannot write to standard output: File too large" "$TMP/err"

# A full disk: a 64 KiB tmpfs in a private mount namespace.
mkdir -p "$TMP/full" "$TMP/many"
for i in $(seq -w 1 40); do cp "$big" "$TMP/many/p$i.html"; done
if unshare -m sh -c "mount -t tmpfs -o size=64k tmpfs '$TMP/full' &&
    '$W' -j 2 -o '$TMP/full/out' '$TMP/many' 2> '$TMP/err';
    echo \$? > '$TMP/status';
    find '$TMP/full/out' -type f -size 0 | wc -l > '$TMP/empty';
    find '$TMP/full/out' -name '.*tmp' | wc -l > '$TMP/tmps';
    find '$TMP/full/out' -type f | wc -l > '$TMP/files'" 2> "$TMP/mount-err"; then
  expect_status "full disk: exit 1" 1 "$(cat "$TMP/status")"
  check "full disk: no empty files" test "$(cat "$TMP/empty")" -eq 0
  check "full disk: no temporary files" test "$(cat "$TMP/tmps")" -eq 0
  check "full disk: says so once and stops" \
    test "$(grep -c 'No space left on device' "$TMP/err")" -eq 1
  check "full disk: stopping message" grep -q "stopping: the output's disk is full" "$TMP/err"
  check "full disk: some pages written before" test "$(cat "$TMP/files")" -gt 0
else
  skip=$((skip + 1))
  echo "skip: full disk (cannot mount a tmpfs: $(head -1 "$TMP/mount-err"))" >&2
fi

# A WARC cut inside a record: the error record is that record's, under its
# own address (issue 15: the file's path was in "url").
head -c 5000 "$DATA/crawl.warc.gz" > "$TMP/cut.warc.gz"
"$W" --to jsonl "$TMP/cut.warc.gz" > "$TMP/cut.jsonl" 2> "$TMP/err"
check "cut WARC: the error record keeps its own url" \
  grep -q '^{"url":"https://news.example.com/2024/05/ferry-timetable","input":"[^"]*cut.warc.gz","warc_record_id":"<urn:uuid:[^"]*>".*"error":"truncated gzip member' \
  "$TMP/cut.jsonl"

# ---- stdout ---------------------------------------------------------------------

"$W" "$SAMPLES/br-paragraphs.html" > /dev/full 2> "$TMP/err"
expect_status "/dev/full: exit 1" 1 $?
check "/dev/full: says why" \
  grep -qx "winnow: cannot write to standard output: No space left on device" \
  "$TMP/err"

# A file that gives no page says why (`winnow /bin/ls` printed 220 KB of
# garbage, then nothing at all).
printf '\177ELF\002\001\001\000\000\000\000\000\003\000' > "$TMP/prog"
head -c 3000 /dev/zero >> "$TMP/prog"
"$W" --stats "$TMP/prog" > "$TMP/prog.out" 2> "$TMP/err"
expect_status "binary file: exit 0" 0 $?
check "binary file: says why" \
  grep -qx "winnow: $TMP/prog: no page extracted; skipped binary 1" "$TMP/err"
check "binary file: counted as skipped" \
  test "$(stat_of "$TMP/err" skipped)" -eq 1 -a "$(stat_of "$TMP/err" extracted)" -eq 0

# An empty stdin is no record.
printf '' | "$W" --stats > "$TMP/empty.txt" 2> "$TMP/err"
expect_status "empty stdin: exit 0" 0 $?
check "empty stdin: no output" test ! -s "$TMP/empty.txt"
check "empty stdin: no record read" test "$(stat_of "$TMP/err" "records read")" -eq 0

# ---- Warnings (issue 13, item 7: dropped by the command line) -------------------

"$W" --max-page-bytes 2000 "$big" > /dev/null 2> "$TMP/err"
expect_status "cut page: exit 0" 0 $?
check "cut page: warning on stderr, named like an error" \
  grep -qE "^winnow: .*big\.html: warning: .*max-page-bytes" "$TMP/err"
"$W" -q --max-page-bytes 2000 "$big" > /dev/null 2> "$TMP/err"
check "cut page: -q leaves the warning out" test ! -s "$TMP/err"
"$W" --to jsonl --max-page-bytes 2000 "$big" > "$TMP/cut.jsonl" 2> /dev/null
check "cut page: warning in JSONL" \
  grep -qE '"warnings":\[".*max-page-bytes' "$TMP/cut.jsonl"
"$W" --to jsonl "$SAMPLES/br-paragraphs.html" > "$TMP/ok.jsonl"
check "no warnings: no warnings member" bash -c "! grep -q warnings '$TMP/ok.jsonl'"

# ---- Filters (issue 15): skipped, counted under their reason ---------------

# The WARC's three English pages have 675, 569 and 474 characters of text.
"$W" --stats --to jsonl --min-length 500 "$DATA/crawl.warc.gz" \
  > "$TMP/f1.jsonl" 2> "$TMP/err"
check "min-length on WARC: 2 kept" test "$(wc -l < "$TMP/f1.jsonl")" -eq 2
check "min-length on WARC: counted" grep -q "too-short 1" "$TMP/err"
check "min-length on WARC: adds up" test "$(stat_of "$TMP/err" "records read")" \
  -eq $(($(stat_of "$TMP/err" extracted) + $(stat_of "$TMP/err" skipped) + $(stat_of "$TMP/err" failed)))
"$W" --stats --dedupe "$DATA/crawl.warc.gz" "$DATA/crawl.warc" \
  > "$TMP/f2.txt" 2> "$TMP/err"
check "dedupe on WARC: 3 frames" test "$(grep -c $'^\f$' "$TMP/f2.txt")" -eq 3
check "dedupe on WARC: 3 duplicates" grep -q "duplicate 3" "$TMP/err"
"$W" --stats --lang de,fr "$DATA/crawl.warc" > "$TMP/f3.txt" 2> "$TMP/err"
check "lang on WARC: nothing kept" test ! -s "$TMP/f3.txt"
check "lang on WARC: counted" grep -q "language 3" "$TMP/err"
expect_status "lang: bad code is a usage error" 2 \
  "$("$W" --lang english "$DATA/crawl.warc" > /dev/null 2>&1; echo $?)"

en="The harbour bridge reopened on Tuesday after two years of repairs, and the first buses crossed it early in the morning while people watched from the quay."
de="Die Hafenbrücke wurde am Dienstag nach zwei Jahren Reparatur wieder geöffnet, und die ersten Busse fuhren am frühen Morgen hinüber, während die Leute vom Kai aus zusahen."
{
  printf '{"url":"https://x.example/1","text":"%s"}\n' "$en"
  printf '{"url":"https://x.example/2","text":"%s"}\n' "$de"
  printf '{"url":"https://x.example/3","text":"%s"}\n' "$en"
  printf '{"url":"https://x.example/4","text":"Too short."}\n'
} > "$TMP/f.jsonl"
"$W" --stats --to jsonl --dedupe --min-length 40 "$TMP/f.jsonl" \
  > "$TMP/f4.jsonl" 2> "$TMP/err"
check "jsonl filters: 2 kept" test "$(wc -l < "$TMP/f4.jsonl")" -eq 2
check "jsonl filters: the first of the duplicates is kept" \
  test "$(head -1 "$TMP/f4.jsonl" | grep -o '"url":"[^"]*"')" = '"url":"https://x.example/1"'
check "jsonl filters: counted" grep -q "duplicate 1, too-short 1" "$TMP/err"
"$W" --stats --to jsonl --lang de "$TMP/f.jsonl" > "$TMP/f5.jsonl" 2> "$TMP/err"
check "jsonl lang: the German page only" \
  test "$(grep -o '"url":"[^"]*"' "$TMP/f5.jsonl")" = '"url":"https://x.example/2"'
check "jsonl lang: counted" grep -q "language 3" "$TMP/err"
check "jsonl lang: adds up" test "$(stat_of "$TMP/err" "records read")" -eq 4
"$W" -j 3 --to jsonl --dedupe "$TMP/f.jsonl" "$TMP/f.jsonl" > "$TMP/f6.jsonl"
"$W" -j 1 --to jsonl --dedupe "$TMP/f.jsonl" "$TMP/f.jsonl" > "$TMP/f7.jsonl"
check "dedupe: same output at -j 1 and -j 3" cmp -s "$TMP/f6.jsonl" "$TMP/f7.jsonl"

# --metadata: a header before the text; Markdown starts with the title.
"$W" --metadata --url https://news.example.com/2024/05/harbour \
  "$DATA/crawl/harbour-bridge-reopens.html" > "$TMP/m.txt"
check "metadata header: hostname line" grep -qx "hostname: news.example.com" "$TMP/m.txt"
check "metadata header: ends with a blank line" \
  test "$(grep -n '^$' "$TMP/m.txt" | head -1 | cut -d: -f1)" -gt 1
"$W" --to markdown "$DATA/crawl/harbour-bridge-reopens.html" > "$TMP/m.md"
check "markdown starts with the title" grep -q '^# ' <(head -1 "$TMP/m.md")

# ---- Threads follow the CPU affinity ----------------------------------------

if taskset -c 0 true 2> /dev/null; then
  taskset -c 0 "$W" --stats "$SAMPLES/br-paragraphs.html" > /dev/null 2> "$TMP/err"
  check "taskset -c 0: one thread" test "$(stat_of "$TMP/err" threads)" -eq 1
else
  skip=$((skip + 1))
  echo "skip: taskset" >&2
fi

# ---- The progress line -------------------------------------------------------

# `script` gives winnow a terminal on stdout and stderr. Stdin is a pipe
# that stays silent for 1.5 s, so a progress line would be due.
if command -v script > /dev/null; then
  page=$SAMPLES/br-paragraphs.html
  script -qec "sh -c '(sleep 1.5; cat $page) | $W'" /dev/null \
    > "$TMP/tty.txt" 2>&1
  check "stdout on the terminal: no progress line" \
    bash -c "! grep -q 'records/s' '$TMP/tty.txt'"
  script -qec "sh -c '(sleep 1.5; cat $page) | $W > $TMP/tty-out.txt'" \
    /dev/null > "$TMP/tty2.txt" 2>&1
  check "stdout to a file: progress line on the terminal" \
    grep -q 'records/s' "$TMP/tty2.txt"
else
  skip=$((skip + 1))
  echo "skip: progress line (no script command)" >&2
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
