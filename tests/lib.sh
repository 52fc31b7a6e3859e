# What the shell tests share (sourced): counting checks and reading --stats.
#   check NAME COMMAND...       the command's status decides
#   expect_status NAME WANT GOT
#   stat_of FILE KEY            the number of one --stats line
# They count into $pass and $fail; the caller prints the closing line.

pass=0
fail=0
check() {
  local name=$1
  shift
  if "$@"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL: $name" >&2
  fi
}
expect_status() {
  if [ "$3" -eq "$2" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL: $1: exit status $3, want $2" >&2
  fi
}
# "  skipped  2  (duplicate 2)" -> 2; "records read 11" -> 11.
stat_of() {
  awk -v k="$2" '$0 ~ "^ *" k " " { sub("^ *" k " +", ""); print $1 + 0; exit }' "$1"
}
