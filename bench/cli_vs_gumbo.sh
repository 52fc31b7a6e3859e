#!/bin/bash
# Copyright winnow authors. Licensed under the MIT licence.
#
# The issue's acceptance run: the command line over a folder of pages,
# `winnow --from html --to jsonl -j 1` and `-j 2` (output to /dev/null),
# beside Gumbo's bare parse of the same files (corpus_throughput
# --gumbo-only: the parse loop alone, files already in memory), alternating,
# REPS times (default 3). Prints each run, then medians, the ratios and the
# peak RSS of the command. Wall-clock times of whole processes: start-up,
# reading the files and writing JSON count against winnow.
#
#   bench/cli_vs_gumbo.sh BUILD_DIR CORPUS_DIR [REPS]
#
# BUILD_DIR needs winnow and corpus_throughput (-DWINNOW_BENCH=ON).

set -euo pipefail
if [[ $# -lt 2 ]]; then
  echo "usage: $0 BUILD_DIR CORPUS_DIR [REPS]" >&2
  exit 2
fi
build=$1
corpus=$2
reps=${3:-3}
time_cmd=/usr/bin/time
[[ -x $time_cmd ]] || { echo "$0: needs GNU time ($time_cmd)" >&2; exit 2; }

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

gumbo=() j1=() j2=() rss1=() rss2=()
for ((r = 1; r <= reps; ++r)); do
  g=$("$build/corpus_throughput" --reps 1 --gumbo-only "$corpus" |
      awk '$1 == "gumbo" {print $2}')
  for j in 1 2; do
    out=$({ "$time_cmd" -f '%e %M' "$build/winnow" --from html --to jsonl \
              -j "$j" "$corpus" > /dev/null; } 2>&1 | tail -1)
    read -r wall rss <<< "$out"
    if [[ $j == 1 ]]; then j1+=("$wall"); rss1+=("$rss"); else j2+=("$wall"); rss2+=("$rss"); fi
  done
  gumbo+=("$g")
  echo "rep $r: gumbo parse ${g} s, winnow -j 1 ${j1[-1]} s (${rss1[-1]} KB), -j 2 ${j2[-1]} s (${rss2[-1]} KB)"
done

mg=$(printf '%s\n' "${gumbo[@]}" | median)
m1=$(printf '%s\n' "${j1[@]}" | median)
m2=$(printf '%s\n' "${j2[@]}" | median)
r1=$(printf '%s\n' "${rss1[@]}" "${rss2[@]}" | sort -n | tail -1)
awk -v g="$mg" -v a="$m1" -v b="$m2" -v rss="$r1" 'BEGIN {
  printf "median   gumbo bare parse %.2f s; winnow -j 1 %.2f s; -j 2 %.2f s\n", g, a, b
  printf "ratio    -j 1 vs Gumbo: %.2fx faster (goal >= 1.5)\n", g / a
  printf "ratio    -j 2 vs -j 1:  %.2fx faster (goal >= 1.7)\n", a / b
  printf "peak RSS %.0f MB (goal <= 256)\n", rss / 1024
}'
