#!/usr/bin/env bash
# End-to-end tests of the winnow command: inputs (files, folders, stdin,
# .gz, WARC, JSONL), outputs (text, jsonl, json, -o DIR), exit codes, a
# closed stdout, parallel runs and --stats.
#
#   bash tests/cli_test.sh WINNOW_BINARY SOURCE_DIR
#
# Needs only bash, coreutils, grep, sed, awk, gzip, cmp and script (from
# util-linux, in every Debian; it gives winnow a terminal) (no python: the
# CI machine has build tools only). The pages inside tests/data/crawl.warc
# are stored once more, decoded, in tests/data/crawl/ so that WARC records
# can be compared with the same pages read as files.

set -u

if [ $# -ne 2 ]; then
  echo "usage: bash tests/cli_test.sh WINNOW_BINARY SOURCE_DIR" >&2
  exit 2
fi
W=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
DATA=$SRC/tests/data
SAMPLES=$SRC/samples
TMP=$(mktemp -d "${TMPDIR:-/tmp}/winnow-cli-XXXXXX")
trap 'rm -rf "$TMP"' EXIT

. "$SRC/tests/lib.sh"  # check, expect_status, stat_of

# The HTML responses of crawl.warc, in order, with their addresses.
PAGES=(harbour-bridge-reopens allotment-prize ferry-timetable)
URL_BASE=https://news.example.com/2024/05

# ---- Single pages: stdin and file agree -------------------------------------

page=$SAMPLES/heise-article.html
"$W" "$page" > "$TMP/file.txt"
"$W" < "$page" > "$TMP/stdin.txt"
"$W" - < "$page" > "$TMP/dash.txt"
check "page gives text" test -s "$TMP/file.txt"
check "stdin = file" cmp -s "$TMP/file.txt" "$TMP/stdin.txt"
check "'-' = file" cmp -s "$TMP/file.txt" "$TMP/dash.txt"
url=$(cat "$SAMPLES/heise-article.url")
"$W" --url "$url" "$page" > "$TMP/file-url.txt"
"$W" --url "$url" < "$page" > "$TMP/stdin-url.txt"
check "stdin = file with --url" cmp -s "$TMP/file-url.txt" "$TMP/stdin-url.txt"
gzip -c "$page" > "$TMP/page.html.gz"
"$W" --url "$url" "$TMP/page.html.gz" > "$TMP/gz.txt"
check ".html.gz = .html" cmp -s "$TMP/file-url.txt" "$TMP/gz.txt"
"$W" --url "$url" < "$TMP/page.html.gz" > "$TMP/gz-stdin.txt"
check "gzip on stdin = .html" cmp -s "$TMP/file-url.txt" "$TMP/gz-stdin.txt"
check "one record: no form feed" bash -c "! grep -q $'\f' '$TMP/file.txt'"

# Scraped text without its address: the caption line just before an
# "(Image: ...)" credit goes by structure, not by a heise.de site rule.
"$W" --from text "$SAMPLES/seed-heise.txt" > "$TMP/seed-no-url.txt"
check "text caption before an image credit goes without --url" \
  cmp -s "$TMP/seed-no-url.txt" "$SAMPLES/seed-heise.expected.txt"

# Several records: each ends with a form-feed line.
"$W" "$page" "$SAMPLES/br-paragraphs.html" > "$TMP/two.txt"
{ cat "$TMP/file.txt"; printf '\f\n'; "$W" "$SAMPLES/br-paragraphs.html"; printf '\f\n'; } > "$TMP/two.want"
check "two records framed by form feeds" cmp -s "$TMP/two.txt" "$TMP/two.want"

"$W" --to markdown "$SAMPLES/list-and-headings.html" > "$TMP/md.txt"
check "markdown has headings" grep -q '^#' "$TMP/md.txt"
"$W" explain "$page" > "$TMP/explain.txt"
check "explain lists blocks" grep -q 'label' "$TMP/explain.txt"
"$W" --explain --to jsonl "$page" > "$TMP/explain.jsonl"
check "explain jsonl" grep -q '^{"position":0,' "$TMP/explain.jsonl"
check "explain jsonl: the score's terms" grep -q '"terms":{"[a-z_]*":' "$TMP/explain.jsonl"
check "explain text: the deciding reason and terms" \
  grep -qE '^ +why: (prose|element rule|text rule|link-dense).*; terms: ' "$TMP/explain.txt"
# --model: the built-in weights written out give the same text; a broken
# weights file is a usage error naming FILE:LINE.
"$W" --model "$SRC/rules/model.weights" "$page" > "$TMP/model.txt"
check "--model with the built-in weights = default" cmp -s "$TMP/file.txt" "$TMP/model.txt"
printf 'good_score = high\n' > "$TMP/bad.weights"
"$W" --model "$TMP/bad.weights" "$page" > /dev/null 2> "$TMP/err"
expect_status "--model with a broken file exits 2" 2 $?
check "--model error names the line" grep -qF "bad.weights:1: 'high' is not a number" "$TMP/err"

# ---- Exit codes ---------------------------------------------------------------

"$W" "$page" > /dev/null 2> "$TMP/err"
expect_status "ok exits 0" 0 $?
check "ok is silent on stderr" test ! -s "$TMP/err"

"$W" "$TMP/missing.html" "$page" > "$TMP/missing.out" 2> "$TMP/err"
expect_status "missing file exits 1" 1 $?
check "missing file named on stderr" grep -q "missing.html" "$TMP/err"
check "other inputs still processed" grep -qF "$(head -1 "$TMP/file.txt")" "$TMP/missing.out"

"$W" --from bogus "$page" > /dev/null 2> "$TMP/err"
expect_status "--from bogus exits 2" 2 $?
check "--from bogus explained" grep -q -- "--from" "$TMP/err"
"$W" --to bogus "$page" > /dev/null 2> /dev/null
expect_status "--to bogus exits 2" 2 $?
"$W" --no-such-flag "$page" > /dev/null 2> /dev/null
expect_status "unknown flag exits 2" 2 $?

printf '# a rule file\n\nbad.rule  text  drop  (unclosed\n' > "$TMP/bad.rules"
"$W" --rules "$TMP/bad.rules" "$page" > /dev/null 2> "$TMP/err"
expect_status "broken rule exits 2" 2 $?
check "broken rule named FILE:3" grep -q "bad.rules:3" "$TMP/err"

# ---- A closed stdout ------------------------------------------------------------

# Enough output to fill the pipe: 300 copies of a page.
mkdir -p "$TMP/many"
for i in $(seq -w 1 300); do cp "$page" "$TMP/many/p$i.html"; done
"$W" "$TMP/many" 2> "$TMP/err" | head -c 10 > /dev/null
expect_status "| head -c 10 exits 0" 0 "${PIPESTATUS[0]}"
check "| head -c 10 is quiet" test ! -s "$TMP/err"
"$W" --to jsonl -j 2 --stats "$TMP/many" 2> "$TMP/err" | head -c 10 > /dev/null
expect_status "| head (jsonl) exits 0" 0 "${PIPESTATUS[0]}"
read_n=$(stat_of "$TMP/err" "records read")
check "| head stops reading early" test "${read_n:-300}" -lt 300

# ---- WARC -------------------------------------------------------------------------

"$W" --from warc --to jsonl "$DATA/crawl.warc" > "$TMP/warc.jsonl" 2> "$TMP/err"
expect_status "warc exits 0" 0 $?
check "warc: one record per HTML response" test "$(wc -l < "$TMP/warc.jsonl")" -eq 3
i=0
for p in "${PAGES[@]}"; do
  i=$((i + 1))
  line=$(sed -n "${i}p" "$TMP/warc.jsonl")
  check "warc record $i has its url" grep -qF "\"url\":\"$URL_BASE/$p\"" <<< "$line"
  check "warc record $i has id, capture date and offset" \
    grep -qE '"warc_record_id":"<urn:uuid:[^"]*>","warc_date":"2024-05-14T[^"]*","warc_payload_digest":"sha1:[A-Z2-7]{32}","offset":[0-9]+,' <<< "$line"
  # The same page as a file, with the same address, gives the same object
  # less the WARC fields.
  want=$("$W" --to jsonl --url "$URL_BASE/$p" "$DATA/crawl/$p.html")
  got=$(sed -E 's/,"warc_record_id":"[^"]*","warc_date":"[^"]*","warc_payload_digest":"[^"]*","offset":[0-9]+//' <<< "$line")
  check "warc record $i = its page" test "$got" = "$want"
done

# Text output: every record is what `winnow --url URL page.html` prints.
"$W" "$DATA/crawl.warc" > "$TMP/warc.txt"
for p in "${PAGES[@]}"; do
  "$W" --url "$URL_BASE/$p" "$DATA/crawl/$p.html"
  printf '\f\n'
done > "$TMP/warc.want"
check "warc text = pages' text" cmp -s "$TMP/warc.txt" "$TMP/warc.want"
check "warc text is not empty" grep -q "Harbour bridge" "$TMP/warc.txt"

"$W" --to jsonl "$DATA/crawl.warc.gz" > "$TMP/warcgz.jsonl"
# The same records, but for where they start (compressed offsets).
no_offset() { sed -E 's/,"offset":[0-9]+//' "$@"; }
check ".warc.gz = .warc" cmp -s <(no_offset "$TMP/warc.jsonl") <(no_offset "$TMP/warcgz.jsonl")
cat "$DATA/crawl.warc.gz" | "$W" --from warc --to jsonl > "$TMP/stdin.jsonl"
check "warc.gz on stdin = file" cmp -s "$TMP/warcgz.jsonl" "$TMP/stdin.jsonl"
"$W" --to jsonl < "$DATA/crawl.warc" > "$TMP/stdin-auto.jsonl"
check "warc on stdin, sniffed = file" cmp -s "$TMP/warc.jsonl" "$TMP/stdin-auto.jsonl"
"$W" --url https://elsewhere.example/ --to jsonl "$DATA/crawl.warc" > "$TMP/url.jsonl"
check "--url leaves WARC urls alone" cmp -s "$TMP/warc.jsonl" "$TMP/url.jsonl"
"$W" -j 1 --to jsonl "$DATA/crawl.warc.gz" > "$TMP/j1.jsonl"
"$W" -j 2 --to jsonl "$DATA/crawl.warc.gz" > "$TMP/j2.jsonl"
check "warc -j1 = -j2" cmp -s "$TMP/j1.jsonl" "$TMP/j2.jsonl"

"$W" --to json "$DATA/crawl.warc" > "$TMP/warc.json"
check "json: an array" test "$(head -1 "$TMP/warc.json")$(tail -1 "$TMP/warc.json")" = "[]"
check "json: three objects" test "$(grep -c '^{"url"' "$TMP/warc.json")" -eq 3
"$W" --to json "$SAMPLES/empty-page.html" "$SAMPLES/heise-article.html" \
  > /dev/null 2>&1
expect_status "json exits 0" 0 $?

# Cut short: the complete records before the cut are kept, the damage is
# reported with its byte offset, the status is 1.
head -c 5000 "$DATA/crawl.warc.gz" > "$TMP/cut.warc.gz"
"$W" --to jsonl "$TMP/cut.warc.gz" > "$TMP/cut.jsonl" 2> "$TMP/err"
expect_status "cut .warc.gz exits 1" 1 $?
grep -v '"error"' "$TMP/cut.jsonl" > "$TMP/cut-ok.jsonl"
check "cut .warc.gz keeps 2 records" test "$(wc -l < "$TMP/cut-ok.jsonl")" -eq 2
check "cut .warc.gz: kept records intact" \
  cmp -s <(no_offset "$TMP/cut-ok.jsonl") <(head -2 "$TMP/warc.jsonl" | no_offset)
check "cut .warc.gz: stderr names input, record and byte" \
  grep -qE "^winnow: .*cut\.warc\.gz#[0-9]+@[0-9]+ \(https://[^)]*\): .* at byte [0-9]+" "$TMP/err"
check "cut .warc.gz: error record" grep -q '"error":' "$TMP/cut.jsonl"
head -c 9000 "$DATA/crawl.warc" | "$W" --to jsonl > "$TMP/cut2.jsonl" 2> "$TMP/err"
expect_status "cut .warc on stdin exits 1" 1 "${PIPESTATUS[1]}"
check "cut .warc keeps 3 records" \
  cmp -s <(grep -v '"error"' "$TMP/cut2.jsonl") "$TMP/warc.jsonl"
check "cut .warc: stderr says where" grep -qE "^winnow: <stdin>: .* at byte [0-9]+" "$TMP/err"
head -c 5000 "$DATA/crawl.warc.gz" | "$W" > "$TMP/cut3.txt" 2> /dev/null
# Two records and the damage, whose frame is empty: the k-th frame is the
# k-th record.
check "cut text keeps 2 records" test "$(grep -c $'^\f$' "$TMP/cut3.txt")" -eq 3
check "cut text: the damage's frame is empty" \
  test "$(tail -2 "$TMP/cut3.txt" | tr -d '\n')" = $'\f\f'

# --stats: the counts add up.
"$W" --stats "$DATA/crawl.warc" > /dev/null 2> "$TMP/stats"
r=$(stat_of "$TMP/stats" "records read")
e=$(stat_of "$TMP/stats" "extracted")
s=$(awk '/^ *skipped/ { print $2; exit }' "$TMP/stats")
f=$(stat_of "$TMP/stats" "failed")
check "stats: read = extracted + skipped + failed" test "$r" -eq $((e + s + f))
check "stats: 11 read, 3 extracted, 8 skipped" test "$r/$e/$s/$f" = "11/3/8/0"
check "stats: skip reasons" grep -q "request 4" "$TMP/stats"
check "stats: the reader's CPU seconds" grep -Eq '^reader seconds +[0-9]+\.[0-9]{3}$' "$TMP/stats"
# --stats counts the pages on which the guard stopped setting aside, unsure
# how Gumbo's tokenizer reads the rest (src/parse/README.md); --no-set-aside
# sets nothing aside, with the same output.
"$W" --stats "$DATA/set-aside-fallback.html" > "$TMP/fb1.txt" 2> "$TMP/stats"
check "stats: a page the guard cannot follow is counted" \
  test "$(stat_of "$TMP/stats" "parse fallbacks")" = 1
"$W" --stats --no-set-aside "$DATA/set-aside-fallback.html" > "$TMP/fb2.txt" \
  2> "$TMP/stats"
check "stats: --no-set-aside counts nothing" \
  test "$(stat_of "$TMP/stats" "parse fallbacks")" = 0
check "--no-set-aside: the same text" cmp -s "$TMP/fb1.txt" "$TMP/fb2.txt"
check "the fallback page keeps its text" grep -q "^So the guard cannot be sure" "$TMP/fb1.txt"
"$W" --stats "$TMP/cut.warc.gz" "$TMP/missing.html" > /dev/null 2> "$TMP/stats"
r=$(stat_of "$TMP/stats" "records read")
e=$(stat_of "$TMP/stats" "extracted")
s=$(awk '/^ *skipped/ { print $2; exit }' "$TMP/stats")
f=$(stat_of "$TMP/stats" "failed")
check "stats with failures add up" test "$r" -eq $((e + s + f))
check "stats: 2 failed" test "$f" -eq 2

# ---- JSONL ---------------------------------------------------------------------------

body='<p>The harbour ferry will run every twenty minutes from June, the port authority said on Monday, after a summer of complaints about queues at the quay.</p>'
{
  printf '{"id":17,"html":"<html><head><title>Ferry</title></head><body><article>%s</article></body></html>","url":"https://x.example/a","meta":{"k":[1,2.50]}}\n' "$body"
  printf 'not json\n'
  printf '\n'
  printf '{"id":18,"text":"One paragraph of already scraped text that is long enough to be kept as the body of the page.","url":"https://x.example/b"}\n'
} > "$TMP/pages.jsonl"
"$W" --to jsonl "$TMP/pages.jsonl" > "$TMP/jsonl.out" 2> "$TMP/err"
expect_status "jsonl with a bad line exits 1" 1 $?
check "jsonl: one object per record" test "$(wc -l < "$TMP/jsonl.out")" -eq 3
check "jsonl: passthrough first, then url" \
  grep -qE '^\{"id":17,"meta":\{"k":\[1,2.50\]\},"url":"https://x.example/a","title":"Ferry",.*"text":"The harbour ferry' "$TMP/jsonl.out"
check "jsonl: error record" \
  grep -qE '^\{"url":"","input":"[^"]*pages\.jsonl","error":"[^"]+"\}$' "$TMP/jsonl.out"
check "jsonl: error on stderr with line index" grep -q "pages.jsonl#1@" "$TMP/err"
check "jsonl: text field, no empty title" grep -qE '^\{"id":18,"url":"https://x.example/b","hostname":"x.example",.*"text":"One paragraph' "$TMP/jsonl.out"
sed 's/"html"/"page"/; s/"url"/"link"/' "$TMP/pages.jsonl" | \
  "$W" --to jsonl --html-field page --url-field link 2> /dev/null > "$TMP/fields.out"
check "jsonl: --html-field, --url-field" \
  grep -qF '{"id":17,"meta":{"k":[1,2.50]},"url":"https://x.example/a","title":"Ferry"' "$TMP/fields.out"
"$W" --to jsonl --from jsonl < "$TMP/pages.jsonl" 2> /dev/null > "$TMP/jsonl-stdin.out"
check "jsonl on stdin = file" \
  cmp -s <(sed 's/"input":"[^"]*"/"input":""/' "$TMP/jsonl.out") \
         <(sed 's/"input":"[^"]*"/"input":""/' "$TMP/jsonl-stdin.out")
# Issue 17 (simdjson reads JSONL lines): invalid UTF-8 in a string is
# repaired (U+FFFD), a line a lax parser would take fails with the same
# message as ever, and the lines after it are read.
{
  printf '{"url":"https://x.example/u","html":"<html><body><article><p>The caf\xe9 on the quay opens at six every morning, the harbour master said, and closes when the last ferry is in.</p></article></body></html>","id":1}\n'
  printf '{"url":"https://x.example/bad","html":"<p>b</p>",}\n'
  printf '{"id":3,"text":"Still read after the bad line: one more paragraph of text long enough to be kept."}\n'
} > "$TMP/repair.jsonl"
"$W" --to jsonl "$TMP/repair.jsonl" > "$TMP/repair.out" 2> "$TMP/err"
expect_status "jsonl: a malformed line exits 1" 1 $?
check "jsonl: invalid UTF-8 repaired" \
  grep -q '^{"id":1,"url":"https://x.example/u",.*"text":"The caf'"$(printf '\xef\xbf\xbd')"' on the quay' "$TMP/repair.out"
check "jsonl: the malformed line's message" test "$(cat "$TMP/err")" = \
  "winnow: $TMP/repair.jsonl#1@210 (https://x.example/bad): JSON syntax error at byte 49: expected a key"
check "jsonl: read on after a malformed line" \
  grep -q '^{"id":3,"url":"",.*"text":"Still read after the bad line' "$TMP/repair.out"

# ---- Folders, -j, -o ------------------------------------------------------------------

# The samples without their metadata expectations (NAME.expected.json),
# which a folder run would read as JSONL records without a page.
PAGES=$TMP/sample-pages
mkdir -p "$PAGES" && cp "$SAMPLES"/* "$PAGES"/ && rm -f "$PAGES"/*.json
"$W" -j 1 --to jsonl "$PAGES" > "$TMP/s1.jsonl"
"$W" -j 2 --to jsonl "$PAGES" > "$TMP/s2.jsonl"
check "folder -j1 = -j2" cmp -s "$TMP/s1.jsonl" "$TMP/s2.jsonl"
check "folder gives every page" \
  test "$(wc -l < "$TMP/s1.jsonl")" -eq "$(ls "$PAGES" | wc -l)"
"$W" -j 1 "$TMP/many" > "$TMP/m1.txt"
"$W" -j 2 "$TMP/many" > "$TMP/m2.txt"
check "300 pages -j1 = -j2" cmp -s "$TMP/m1.txt" "$TMP/m2.txt"
check "300 pages, 300 form feeds" test "$(grep -c $'^\f$' "$TMP/m1.txt")" -eq 300

"$W" -o "$TMP/pages-out" "$PAGES" > "$TMP/stdout" 2> "$TMP/err"
expect_status "-o exits 0" 0 $?
check "-o: nothing on stdout" test ! -s "$TMP/stdout"
check "-o: one .txt per page" test -f "$TMP/pages-out/heise-article.txt"
check "-o: same text as the page alone" \
  cmp -s "$TMP/pages-out/heise-article.txt" <("$W" "$SAMPLES/heise-article.html")
check "-o: names differing in extension kept apart" \
  test -f "$TMP/pages-out/heise-article.url.txt"
"$W" -o "$TMP/md" --to markdown "$SAMPLES/list-and-headings.html" "$DATA/crawl.warc.gz"
check "-o markdown: .md" test -f "$TMP/md/list-and-headings.md"
check "-o WARC: one file per record index" \
  test "$(find "$TMP/md" -path '*crawl/*.md' | wc -l)" -eq 3
mkdir -p "$TMP/tree/a/b"
cp "$page" "$TMP/tree/a/b/deep.html"
cp "$page" "$TMP/tree/top.htm"
"$W" -o "$TMP/tree-out" --to json "$TMP/tree"
check "-o mirrors folders" test -f "$TMP/tree-out/a/b/deep.json" -a -f "$TMP/tree-out/top.json"
check "-o json: one object" grep -q '^{"url":' "$TMP/tree-out/top.json"

# ---- Unix manners (issue 13) -----------------------------------------------------

# No input and a terminal on stdin: the usage, exit 2 (it used to wait for
# typed HTML, or end with nothing at EOF). `script` gives the terminal; the
# timeout turns a wait into a failure.
timeout 20 script -qec "'$W'" /dev/null < /dev/null > "$TMP/tty.out" 2>&1
expect_status "no input on a terminal exits 2" 2 $?
check "no input on a terminal prints the usage" \
  grep -q '^usage: winnow \[OPTIONS\] \[INPUT\.\.\.\]' "$TMP/tty.out"
timeout 20 script -qec "'$W' explain" /dev/null < /dev/null > "$TMP/tty.out" 2>&1
expect_status "explain, no input on a terminal exits 2" 2 $?
check "explain, no input on a terminal prints its usage" \
  grep -q '^usage: winnow explain \[OPTIONS\] \[INPUT\.\.\.\]' "$TMP/tty.out"
timeout 20 script -qec "'$W' - < '$page'" /dev/null < /dev/null > "$TMP/tty.out" 2>&1
expect_status "stdin not a terminal still read" 0 $?

# Abbreviations are unknown options, in every sub-command.
abbrev() {  # abbrev NAME WANT_HINT COMMAND...
  local name=$1 hint=$2
  shift 2
  "$@" > /dev/null 2> "$TMP/err"
  expect_status "abbreviation $name exits 2" 2 $?
  check "abbreviation $name: one clear message" test "$(wc -l < "$TMP/err")" -eq 1
  check "abbreviation $name: names the option" \
    grep -qF "unrecognised option '$name'; options are not abbreviated: did you mean $hint?" "$TMP/err"
}
abbrev --stat --stats "$W" --stat "$page"
abbrev --pre --precision "$W" --pre "$page"
abbrev --comm --comments "$W" explain --comm "$page"
abbrev --fail "--failures or --fail-under" "$W" eval --fail "$TMP/no-corpus"
abbrev --upd --update "$W" test --upd "$TMP/no-dir"
abbrev --no-def --no-default-rules "$W" rules list --no-def
abbrev --no-def --no-default-rules "$W" rules check --no-def "$TMP/bad.rules"

# -o FILE, and -o below a file: one message, exit 2, before any work.
printf 'not a folder\n' > "$TMP/plain-file"
"$W" -o "$TMP/plain-file" "$page" "$SAMPLES/br-paragraphs.html" > /dev/null 2> "$TMP/err"
expect_status "-o FILE exits 2" 2 $?
check "-o FILE: one message" test "$(cat "$TMP/err")" = \
  "winnow: -o $TMP/plain-file: exists and is not a folder"
check "-o FILE: the file is untouched" test "$(cat "$TMP/plain-file")" = "not a folder"
"$W" -o "$TMP/plain-file/sub" "$page" "$SAMPLES/br-paragraphs.html" > /dev/null 2> "$TMP/err"
expect_status "-o below a file exits 2" 2 $?
check "-o below a file: one message" test "$(cat "$TMP/err")" = \
  "winnow: -o $TMP/plain-file/sub: a folder above it is a file"
"$W" -o "$TMP/new/deeper" "$page" > /dev/null 2>&1
expect_status "-o creates its folder" 0 $?
check "-o creates its folder and parents" test -f "$TMP/new/deeper/heise-article.txt"

# rules check FILE also checks FILE against the built-in rules.
builtin_id=$("$W" rules list | awk 'NR == 1 { print $1 }')
printf '# mine\n%s  text  drop  ^zzz$\n' "$builtin_id" > "$TMP/clash.rules"
"$W" rules check "$TMP/clash.rules" 2> "$TMP/err"
expect_status "rules check: a built-in ID exits 2" 2 $?
check "rules check: FILE:LINE and the clashing ID" \
  grep -qF "$TMP/clash.rules:2:1: duplicate rule ID '$builtin_id' (first defined at rules/" "$TMP/err"
"$W" rules check --no-default-rules "$TMP/clash.rules" 2> "$TMP/err"
expect_status "rules check --no-default-rules: no clash" 0 $?
# The built-in files themselves, checked in a working tree, are checked in
# place of their built-in copies (318 duplicates were reported).
"$W" rules check "$SRC/rules" > /dev/null 2> "$TMP/err"
expect_status "rules check rules/: the built-in files are no duplicates" 0 $?
mkdir -p "$TMP/tree/rules"
{ cat "$SRC/rules/social.rules"; printf '\nsocial.edited-share  attr  drop  edited-share\n'; } \
  > "$TMP/tree/rules/social.rules"
"$W" rules check "$TMP/tree/rules/social.rules" 2> "$TMP/err"
expect_status "rules check: an edited built-in file replaces its copy" 0 $?

# Help: examples and exit codes; explain's own help.
"$W" --help > "$TMP/help"
check "--help: examples" grep -qF '  winnow -o clean/ saved-pages/' "$TMP/help"
check "--help: exit 2 per case" \
  grep -qF '  2  usage error, an -o that is not a usable folder, or rules that do' "$TMP/help"
check "--help: a closed stdout" grep -qF 'A closed stdout' "$TMP/help"
"$W" explain --help > "$TMP/help"
check "explain --help explains the columns" \
  grep -qF '  label  body (in the text) or chrome (left out)' "$TMP/help"
check "explain --help explains reason" grep -qF 'reason (the decisive cause' "$TMP/help"
check "explain --help is not the extraction help" bash -c "! grep -q 'Examples:' '$TMP/help'"
"$W" eval --help > "$TMP/help"
check "eval --help documents --fail-under" grep -qF -- '--fail-under' "$TMP/help"

# ---- eval: corpus identity, --fail-under, page names ------------------------------

# A snippets corpus whose annotation keys are addresses, not file names.
mkcorpus() {  # mkcorpus DIR PAGE...
  local dir=$1 first=1 name
  shift
  mkdir -p "$dir/html"
  {
    printf '{'
    for name in "$@"; do
      [ $first -eq 1 ] || printf ','
      first=0
      printf '"https://x.example/%s":{"file":"%s.html","with":["The %s will run every twenty minutes from June"],"without":["Subscribe to the %s newsletter"]}' \
        "$name" "$name" "$name" "$name"
      printf '<html><head><title>%s</title></head><body><article><p>The %s will run every twenty minutes from June, the port authority said on Monday, after a summer of complaints about queues at the quay.</p></article></body></html>' \
        "$name" "$name" > "$dir/html/$name.html"
    done
    printf '}\n'
  } > "$dir/annotations.json"
}
mkcorpus "$TMP/corpus" ferry tram
mkcorpus "$TMP/elsewhere/corpus" ferry tram
mkcorpus "$TMP/other" ferry bus
"$W" eval --to json "$TMP/corpus" > "$TMP/base.json" 2> "$TMP/err"
expect_status "eval --to json exits 0" 0 $?
check "eval json: the corpus fingerprint" \
  grep -qE '"fingerprint":"2:[0-9a-f]{16}"' "$TMP/base.json"
check "eval json: pages by file name" \
  grep -qF '"pages":{"ferry.html":{"score":2' "$TMP/base.json"
"$W" eval --baseline "$TMP/base.json" "$TMP/other" > /dev/null 2> "$TMP/err"
expect_status "eval: a baseline of another corpus exits 2" 2 $?
check "eval: another corpus explained" \
  grep -qF "base.json: a baseline of another corpus" "$TMP/err"
"$W" eval --baseline "$TMP/base.json" --fail-under 0 "$TMP/elsewhere/corpus" > "$TMP/eval.out"
expect_status "eval: the same corpus elsewhere is accepted" 0 $?
check "eval: no change" grep -qx '0 pages worse, 0 better' "$TMP/eval.out"
grep -v '"fingerprint"' "$TMP/base.json" | sed 's/"fingerprint":"[^"]*",//' > "$TMP/old.json"
"$W" eval --baseline "$TMP/old.json" "$TMP/corpus" > /dev/null 2> "$TMP/err"
expect_status "eval: a baseline without fingerprint exits 2" 2 $?

# A rule that drops the ferry page's text: F1 falls; --fail-under gates it.
printf 'mine.ferry  text  drop  ^The ferry will\n' > "$TMP/ferry.rules"
"$W" eval --rules "$TMP/ferry.rules" --baseline "$TMP/base.json" --fail-under 0.01 \
  --failures "$TMP/corpus" > "$TMP/eval.out" 2> "$TMP/err"
expect_status "eval --fail-under: a drop beyond DELTA exits 1" 1 $?
check "eval --fail-under: the report is printed" grep -q '^f1 ' "$TMP/eval.out"
check "eval --fail-under: says why" \
  grep -qE "^winnow: F1 dropped by 0\.[0-9]{4} against .*base\.json, more than --fail-under 0\.0100$" "$TMP/err"
check "eval: worse list names the file" grep -qx 'worse   -1.000  ferry.html' "$TMP/eval.out"
check "eval: failures list names the file" \
  grep -qx 'missed  ferry.html  The ferry will run every twenty minutes from June' "$TMP/eval.out"
check "eval: no list names a page by its key" bash -c "! grep -q 'x.example' '$TMP/eval.out'"
"$W" eval --rules "$TMP/ferry.rules" --baseline "$TMP/base.json" --fail-under 0.9 \
  "$TMP/corpus" > /dev/null 2>&1
expect_status "eval --fail-under: a drop within DELTA exits 0" 0 $?
"$W" eval --fail-under 0.01 "$TMP/corpus" > /dev/null 2>&1
expect_status "eval --fail-under without --baseline exits 2" 2 $?
"$W" eval -o "$TMP/plain-file" "$TMP/corpus" > /dev/null 2> "$TMP/err"
expect_status "eval -o FILE exits 2" 2 $?

# Issue 13: damaged input costs the damaged record only.
# A bad CRC in the gzip member of the second HTML response (at byte 3410 of
# crawl.warc.gz, one member per record): that record is an error record
# named by its member, the records before and after it are read as usual.
cp "$DATA/crawl.warc.gz" "$TMP/flip.warc.gz"
printf '\377\377\377\377' | dd of="$TMP/flip.warc.gz" bs=1 seek=4353 conv=notrunc 2> /dev/null
"$W" --to jsonl "$TMP/flip.warc.gz" > "$TMP/flip.jsonl" 2> "$TMP/err"
expect_status "damaged member exits 1" 1 $?
check "damaged member: the other records read" \
  cmp -s <(grep -v '"error"' "$TMP/flip.jsonl" | no_offset) <(sed -n '1p;3p' "$TMP/warc.jsonl" | no_offset)
check "damaged member: an error record in its place" \
  test "$(sed -n 2p "$TMP/flip.jsonl" | grep -c '"error":"damaged gzip member at byte 3410: ')" -eq 1
check "damaged member: stderr names record, offset and cause" \
  grep -qx "winnow: $TMP/flip.warc.gz#7@3410 (https://news.example.com/2024/05/allotment-prize): damaged gzip member at byte 3410: CRC-32 mismatch; reading resumed at byte 4393" "$TMP/err"
# A binary file named directly is passed over, as inside a folder.
printf '\177ELF\002\001\001\000\000\000\000\000\003\000' > "$TMP/prog"
head -c 3000 /dev/zero >> "$TMP/prog"
"$W" "$TMP/prog" > "$TMP/bin.out" 2> /dev/null
expect_status "binary file exits 0" 0 $?
check "binary file: no output" test ! -s "$TMP/bin.out"
"$W" < "$TMP/prog" > "$TMP/bin.out" 2> /dev/null
check "binary stdin: no output" test ! -s "$TMP/bin.out"
# A FIFO in a folder is passed over (it hung the run); named, it is read.
mkdir -p "$TMP/fifo"
cp "$DATA/crawl/ferry-timetable.html" "$TMP/fifo/a.html"
mkfifo "$TMP/fifo/pipe.html"
timeout 20 "$W" "$TMP/fifo" > "$TMP/fifo.out" 2> /dev/null
expect_status "FIFO in a folder: exits 0 without hanging" 0 $?
check "FIFO in a folder: the file is read" \
  cmp -s "$TMP/fifo.out" <("$W" "$DATA/crawl/ferry-timetable.html")
timeout 20 "$W" <(cat "$DATA/crawl/ferry-timetable.html") > "$TMP/fifo2.out" 2> /dev/null
check "FIFO named directly is read" cmp -s "$TMP/fifo.out" "$TMP/fifo2.out"
# Compressions winnow cannot read are refused by their magic bytes.
printf '\3757zXZ\000\000\004\346\326\264F' > "$TMP/crawl.warc.xz"
"$W" "$TMP/crawl.warc.xz" > "$TMP/xz.out" 2> "$TMP/err"
expect_status "xz input exits 1" 1 $?
check "xz input: no output" test ! -s "$TMP/xz.out"
check "xz input: says so and how" grep -qF \
  "$TMP/crawl.warc.xz: xz-compressed input is not supported; decompress it first, e.g. \`xz -dc $TMP/crawl.warc.xz | winnow\`" "$TMP/err"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
