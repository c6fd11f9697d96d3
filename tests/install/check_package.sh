#!/bin/bash
# Builds the Debian package of a jingwen build (cpack -G DEB, cmake/package.cmake)
# into a temporary folder and checks it:
#   1. its file list (dpkg-deb -c): every file in its place and nothing else,
#      owned by root, binaries 0755, man pages gzipped;
#   2. the files themselves (dpkg-deb -x): unit configured for /usr, entries
#      and config as in the source tree, programs that run after stripping;
#   3. the control fields (dpkg-deb -f): name, version, architecture, section,
#      a Depends naming the libraries' packages, Recommends systemd;
#   4. the control archive: conffiles, maintainer scripts that parse;
#   5. the maintainer scripts run with systemd's tools stubbed out: what they
#      call on install, upgrade, remove and purge; as root, postinst applied to
#      the unpacked tree with DPKG_ROOT (the jingwen user, the spool folders).
# Needs no network and no root (step 5's second half is skipped without root).
# Exits 77 (ctest: skipped) when dpkg-deb or dpkg-shlibdeps is missing.
#
# usage: check_package.sh BUILD_DIR   (CPACK=/path/to/cpack, VERSION=x.y.z)
set -euo pipefail

if [[ $# -ne 1 || ! -f $1/CPackConfig.cmake ]]; then
  echo "usage: $0 BUILD_DIR (a configured and built jingwen build)" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
cpack=${CPACK:-cpack}
version=${VERSION:-$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")}
for tool in dpkg-deb dpkg-shlibdeps dpkg; do
  if ! command -v "$tool" >/dev/null; then
    echo "skip: $tool not installed (dpkg-dev: scripts/install-deps)"
    exit 77
  fi
done
arch=$(dpkg --print-architecture)
# shellcheck source=tests/install/checks.sh
source "$(dirname "$0")/checks.sh"

# ---- build the package -----------------------------------------------------------
out=$tmp/out
if ! "$cpack" -G DEB -B "$out" --config "$build/CPackConfig.cmake" >"$tmp/cpack.log" 2>&1; then
  cat "$tmp/cpack.log" >&2
  echo "FAIL: cpack -G DEB --config $build/CPackConfig.cmake" >&2
  exit 1
fi
if grep -n -i 'warning' "$tmp/cpack.log"; then fail "cpack warned (above)"; fi
deb=$out/jingwen_${version}_${arch}.deb
if [[ ! -f $deb ]]; then
  echo "FAIL: no $(basename "$deb"); cpack made: $(cd "$out" && ls -- *.deb 2>/dev/null || echo nothing)" >&2
  exit 1
fi
pass "cpack -G DEB made $(basename "$deb") ($(stat -c %s "$deb") bytes)"

# ---- 1. file list ------------------------------------------------------------------
expected_files=(
  etc/jingwen/jingwen.toml
  usr/bin/jingwen
  usr/bin/jingwend
  usr/lib/systemd/system/jingwend.service
  usr/lib/sysusers.d/jingwen.conf
  usr/lib/tmpfiles.d/jingwen.conf
  usr/share/man/man1/jingwen.1.gz
  usr/share/man/man8/jingwend.8.gz
)
dpkg-deb -c "$deb" >"$tmp/contents" || { echo "FAIL: dpkg-deb -c $deb" >&2; exit 1; }
# Lines: MODE OWNER SIZE DATE TIME ./PATH
packaged=$(awk '$1 ~ /^-/ { sub(/^\.\//, "", $6); print $6 }' "$tmp/contents" | sort)
wanted=$(printf '%s\n' "${expected_files[@]}" | sort)
[[ $packaged == "$wanted" ]] || fail "packaged files differ from the list (< missing, > unexpected):
$(diff <(echo "$wanted") <(echo "$packaged") || true)"
while read -r mode owner _ _ _ path; do
  [[ $owner == root/root ]] || fail "$path owned by $owner"
  case $path in
    */) [[ $mode == drwxr-xr-x ]] || fail "$path mode $mode, want drwxr-xr-x" ;;
    ./usr/bin/*) [[ $mode == -rwxr-xr-x ]] || fail "$path mode $mode, want -rwxr-xr-x" ;;
    *) [[ $mode == -rw-r--r-- ]] || fail "$path mode $mode, want -rw-r--r--" ;;
  esac
done <"$tmp/contents"
pass "dpkg-deb -c: ${#expected_files[@]} files in place, root-owned, modes"

# ---- 2. the files ------------------------------------------------------------------
root=$tmp/root
dpkg-deb -x "$deb" "$root"
check_installed_data "$root" "$source_dir"
for page in man1/jingwen.1 man8/jingwend.8; do
  gzip -dc "$root/usr/share/man/$page.gz" 2>/dev/null | cmp -s - "$source_dir/man/${page#*/}" ||
    fail "/usr/share/man/$page.gz is not man/${page#*/} gzipped"
done
version_out=$("$root/usr/bin/jingwend" --version 2>&1) || fail "packaged jingwend --version exited $?: $version_out"
[[ $version_out == "jingwend "[0-9]* ]] || fail "packaged jingwend --version printed '$version_out'"
check_out=$("$root/usr/bin/jingwen" check "$root/etc/jingwen/jingwen.toml" 2>&1) ||
  fail "packaged jingwen check on the packaged config: $check_out"
pass "unit for /usr, entries, config and man pages as in the source; packaged programs run"

# ---- 3. control fields -------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
[[ $(field Package) == jingwen ]] || fail "Package: $(field Package)"
[[ $(field Version) == "$version" ]] || fail "Version: $(field Version), want $version"
[[ $(field Architecture) == "$arch" ]] || fail "Architecture: $(field Architecture), want $arch"
[[ $(field Section) == net ]] || fail "Section: $(field Section), want net"
[[ -n $(field Maintainer) ]] || fail "no Maintainer"
[[ $(field Description) == *NetEase* ]] || fail "Description does not say what jingwen is: $(field Description)"
[[ $(field Recommends) == *systemd* ]] || fail "Recommends: '$(field Recommends)', want systemd"
depends=$(field Depends)
# One entry per package name, from "name (>= v), name2, ..."
depend_names=" $(tr ',' '\n' <<<"$depends" | sed 's/^ *//; s/[ (].*//' | tr '\n' ' ') "
for pattern in libc6 libcurl4 'libsqlite3-[0-9]*' 'libxml2' 'libopencc[0-9.]*' libsystemd0 \
               'libicu[0-9]*' 'libssl[0-9]*' 'libstdc++6'; do
  found=0
  # shellcheck disable=SC2053  # the right side is a pattern on purpose
  for name in $depend_names; do [[ $name == $pattern ]] && found=1; done
  (( found )) || fail "Depends names no $pattern: $depends"
done
pass "control: jingwen $version $arch, section net, Depends: $depends"

# ---- 4. control archive ------------------------------------------------------------
control=$tmp/control
dpkg-deb -e "$deb" "$control"
grep -qx /etc/jingwen/jingwen.toml "$control/conffiles" 2>/dev/null ||
  fail "conffiles does not list /etc/jingwen/jingwen.toml: $(cat "$control/conffiles" 2>/dev/null || echo missing)"
while read -r conffile; do
  [[ -f $root$conffile ]] || fail "conffiles lists $conffile, which the package does not hold"
done <"$control/conffiles"
for script in postinst prerm postrm; do
  if [[ ! -x $control/$script ]]; then fail "no executable $script"; continue; fi
  sh -n "$control/$script" || fail "$script does not parse (sh -n)"
  head -1 "$control/$script" | grep -qx '#!/bin/sh' || fail "$script: first line $(head -1 "$control/$script")"
done
pass "conffiles lists the config; postinst, prerm, postrm parse"

# ---- 5. maintainer scripts -------------------------------------------------------
# Stubs log their arguments; `was-enabled` answers as on a first install.
stubs=$tmp/stubs
mkdir "$stubs"
for tool in systemd-sysusers systemd-tmpfiles deb-systemd-helper deb-systemd-invoke systemctl; do
  cat >"$stubs/$tool" <<EOF
#!/bin/sh
echo "$tool \$*" >>"$tmp/calls"
exit 0
EOF
  chmod +x "$stubs/$tool"
done
run_script() {  # run_script SCRIPT ARGS...: runs it with the stubs; their calls in $calls
  : >"$tmp/calls"
  if ! PATH=$stubs:$PATH sh "$control/$1" "${@:2}" >"$tmp/script.log" 2>&1; then
    fail "$* exited non-zero: $(cat "$tmp/script.log")"
  fi
  calls=$(cat "$tmp/calls")
}
expect_calls() {  # expect_calls WHAT LINE...: each LINE among $calls
  local what=$1 line
  shift
  for line in "$@"; do
    grep -qxF -- "$line" <<<"$calls" || fail "$what did not call '$line'; it called:
${calls:-nothing}"
  done
}
expect_no_service_calls() {  # expect_no_service_calls WHAT: no systemctl/deb-systemd-invoke in $calls
  if grep -E '^(systemctl|deb-systemd-invoke) ' <<<"$calls"; then
    fail "$1 called systemctl/deb-systemd-invoke (above)"
  fi
}
running=0
[[ -d /run/systemd/system ]] && running=1

run_script postinst configure
expect_calls "postinst configure" "systemd-sysusers jingwen.conf" \
  "systemd-tmpfiles --create jingwen.conf" "deb-systemd-helper enable jingwend.service"
if (( running )); then
  expect_calls "postinst configure" "systemctl --system daemon-reload" "deb-systemd-invoke start jingwend.service"
else
  expect_no_service_calls "postinst configure with no systemd running"
fi
run_script postinst configure 0.0.9
if (( running )); then expect_calls "postinst upgrade" "deb-systemd-invoke restart jingwend.service"; fi
run_script prerm remove
if (( running )); then expect_calls "prerm remove" "deb-systemd-invoke stop jingwend.service"; fi
run_script postrm remove
expect_calls "postrm remove" "deb-systemd-helper mask jingwend.service"
run_script postrm purge
expect_calls "postrm purge" "deb-systemd-helper purge jingwend.service"
# With DPKG_ROOT (installing into another root) nothing touches the host's systemd.
DPKG_ROOT=$tmp/elsewhere run_script postinst configure
expect_calls "postinst with DPKG_ROOT" "systemd-sysusers --root=$tmp/elsewhere jingwen.conf" \
  "systemd-tmpfiles --root=$tmp/elsewhere --create jingwen.conf"
expect_no_service_calls "postinst with DPKG_ROOT"
pass "maintainer scripts' calls on install, upgrade, remove, purge (systemd running: $running)"

if [[ $(id -u) -ne 0 ]]; then
  skip "postinst with the real systemd-sysusers/-tmpfiles needs root (running as $(id -un))"
elif ! command -v systemd-sysusers >/dev/null || ! command -v systemd-tmpfiles >/dev/null; then
  skip "systemd-sysusers/systemd-tmpfiles not installed"
else
  # Only the host-touching helpers stay stubbed.
  rm "$stubs/systemd-sysusers" "$stubs/systemd-tmpfiles"
  DPKG_ROOT=$root run_script postinst configure
  grep -q '^jingwen:' "$root/etc/passwd" 2>/dev/null || fail "postinst made no jingwen user in DPKG_ROOT"
  for dir in /var/spool/jingwen/new /var/lib/jingwen; do
    [[ -d $root$dir ]] || fail "postinst did not create $dir in DPKG_ROOT"
  done
  pass "postinst with DPKG_ROOT created the jingwen user and the spool and state folders"
fi

if (( failures > 0 )); then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "all package checks passed"
