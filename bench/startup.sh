#!/usr/bin/env bash
# Start-up: the wall time of whole processes that each clean one small page,
# as a pipeline pays it per page. Prints the median, the fastest and the
# slowest of N runs in milliseconds, and the median peak RSS.
#
#   bench/startup.sh [WINNOW] [PAGE] [N]
#   bench/startup.sh build/winnow samples/br-paragraphs.html 20
#
# Each run is timed by GNU time (/usr/bin/time, Debian's `time` package);
# without it, by bash's clock (EPOCHREALTIME) around the process.
set -euo pipefail
winnow=${1:-build/winnow}
page=${2:-samples/br-paragraphs.html}
n=${3:-20}
[[ -x $winnow ]] || { echo "startup.sh: no executable $winnow" >&2; exit 2; }
[[ -r $page ]] || { echo "startup.sh: cannot read $page" >&2; exit 2; }
"$winnow" "$page" >/dev/null  # warm the page cache
ms=() rss=()
for ((i = 0; i < n; i++)); do
  if [[ -x /usr/bin/time ]]; then
    out=$(/usr/bin/time -f '%e %M' "$winnow" "$page" 2>&1 >/dev/null | tail -1)
    # %e has 10 ms steps: take bash's clock for the wall time instead.
    rss+=("${out#* }")
  fi
  start=$EPOCHREALTIME
  "$winnow" "$page" >/dev/null
  end=$EPOCHREALTIME
  ms+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", (b - a) * 1000 }')")
done
sorted=$(printf '%s\n' "${ms[@]}" | sort -g)
median=$(printf '%s\n' "$sorted" | awk '{ v[NR] = $1 } END {
  print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
printf 'start-up, %s runs of %s %s: median %s ms (fastest %s, slowest %s)' \
  "$n" "$winnow" "$page" "$median" "$(head -1 <<<"$sorted")" \
  "$(tail -1 <<<"$sorted")"
if ((${#rss[@]})); then
  printf ', peak RSS %s KB' "$(printf '%s\n' "${rss[@]}" | sort -n |
    awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
fi
printf '\n'
