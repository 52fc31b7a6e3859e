#!/bin/bash
# Copyright winnow authors. Licensed under the MIT licence.
#
# The issue's acceptance run: the command line over a folder of pages,
# `winnow --from html --to jsonl -j 1` and `-j 2` (output to /dev/null),
# beside Gumbo's bare parse of the same files (corpus_throughput
# --gumbo-only: the parse loop alone, files already in memory), alternating,
# REPS times (default 3). Prints each run, then medians, the ratios and the
# peak RSS of the command, and last the start-up time (bench/startup.sh).
# Times of whole processes: start-up, reading the
# files and writing JSON count against winnow. CPU times (user + system)
# are printed too: on a machine shared with other work they are the
# steadier comparison, as the clock also counts waiting for a core.
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

gumbo=() gcpu=() j1=() j2=() c1=() c2=() rss=()
for ((r = 1; r <= reps; ++r)); do
  read -r g gc < <("$build/corpus_throughput" --reps 1 --gumbo-only "$corpus" |
                   awk '$1 == "gumbo" {print $2, $(NF - 2)}' | tr -d '(')
  gumbo+=("$g"); gcpu+=("$gc")
  line="rep $r: gumbo parse $g s ($gc s CPU)"
  for j in 1 2; do
    out=$({ "$time_cmd" -f '%e %U %S %M' "$build/winnow" --from html \
              --to jsonl -j "$j" "$corpus" > /dev/null; } 2>&1 | tail -1)
    read -r wall user sys kb <<< "$out"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')
    if [[ $j == 1 ]]; then j1+=("$wall"); c1+=("$cpu"); else j2+=("$wall"); c2+=("$cpu"); fi
    rss+=("$kb")
    line+=", winnow -j $j $wall s ($cpu s CPU, $kb KB)"
  done
  echo "$line"
done

m() { printf '%s\n' "$@" | median; }
awk -v g="$(m "${gumbo[@]}")" -v gc="$(m "${gcpu[@]}")" \
    -v a="$(m "${j1[@]}")" -v ac="$(m "${c1[@]}")" \
    -v b="$(m "${j2[@]}")" -v bc="$(m "${c2[@]}")" \
    -v kb="$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)" 'BEGIN {
  printf "median   gumbo bare parse %.2f s (%.2f s CPU); winnow -j 1 %.2f s (%.2f s CPU); -j 2 %.2f s (%.2f s CPU)\n", g, gc, a, ac, b, bc
  printf "ratio    -j 1 vs Gumbo: %.2fx faster by the clock, %.2fx by CPU time (issue 17: >= 3.5)\n", g / a, gc / ac
  printf "ratio    -j 2 vs -j 1:  %.2fx faster (issue 17: >= 1.8)\n", a / b
  printf "peak RSS %.0f MB (issue 17: no higher than about 80 MB)\n", kb / 1024
}'
# Start-up, in the same session: one small page per process (issue 17: a
# median <= 25 ms of 20 runs).
"$(dirname "$0")/startup.sh" "$build/winnow" \
  "$(dirname "$0")/../samples/br-paragraphs.html" 20
