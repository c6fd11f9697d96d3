# Sourced by the install and package checks: a temp dir removed on exit, and
# the failure counting their groups of checks share.
#   fail MSG   one failed check (counted, printed on stderr)
#   pass MSG   ends a group: prints "ok: MSG" when none of the group failed
#   skip MSG   a check that cannot run here
#   check_installed_data ROOT SOURCE_DIR
#              the unit, sysusers, tmpfiles and config files installed under
#              ROOT are the ones in the source tree
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

check_installed_data() {
  local root=$1 source_dir=$2
  local unit=$root/usr/lib/systemd/system/jingwend.service
  grep -qx 'ExecStart=/usr/bin/jingwend --config /etc/jingwen/jingwen.toml' "$unit" ||
    fail "unit ExecStart: $(grep '^ExecStart=' "$unit" || echo none)"
  if grep -n '@[A-Za-z_]*@' "$unit"; then fail "unit has unconfigured @VARIABLES@"; fi
  cmp -s "$root/usr/lib/sysusers.d/jingwen.conf" "$source_dir/systemd/jingwen.sysusers" ||
    fail "sysusers entry differs from systemd/jingwen.sysusers"
  cmp -s "$root/usr/lib/tmpfiles.d/jingwen.conf" "$source_dir/systemd/jingwen.tmpfiles" ||
    fail "tmpfiles entry differs from systemd/jingwen.tmpfiles"
  cmp -s "$root/etc/jingwen/jingwen.toml" "$source_dir/config/jingwen.example.toml" ||
    fail "/etc/jingwen/jingwen.toml differs from config/jingwen.example.toml"
}
