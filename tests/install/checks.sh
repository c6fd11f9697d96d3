# Sourced by the install and package checks: a temp dir removed on exit, and
# the failure counting their groups of checks share.
#   fail MSG   one failed check (counted, printed on stderr)
#   pass MSG   ends a group: prints "ok: MSG" when none of the group failed
#   skip MSG   a check that cannot run here
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
mark=0  # failures when the last group of checks ended

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() {
  if (( failures == mark )); then echo "ok: $*"; fi
  mark=$failures
}
skip() { echo "skip: $*"; }
