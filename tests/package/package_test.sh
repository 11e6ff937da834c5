#!/usr/bin/env bash
# The Debian package as an operator meets it: built by cpack, installed with
# `dpkg -i` into a fresh Debian 12 root (its Depends from Debian's archive),
# `xueji serve` started from the installed files as the xueji user, the
# systemd unit checked by `systemd-analyze verify` (no systemd runs there),
# then an upgrade over the running installation that migrates the database,
# and a downgrade the package refuses with the reason.
#
#   tests/package/package_test.sh BUILD_DIR SOURCE_DIR     (ctest: debian_package)
#
# The base root (debootstrap --variant=minbase bookworm, plus systemd) is
# built once and cached as build/package-test/bookworm-minbase.tar, with
# the archives apt downloads; every run starts from a fresh copy. Each
# command in the root runs in its own mount namespace (unshare -m), so its
# /proc and /dev mounts end with it and none outlives the test (the work
# folder is a private mount for the test's length). Needs root.
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
work=$build/package-test
port=${XUEJI_PACKAGE_TEST_PORT:-18600}
[ "$(id -u)" = 0 ] || { echo "package_test: needs root (debootstrap, chroot, dpkg in the root)" >&2; exit 1; }
for tool in cpack debootstrap dpkg-deb curl unshare; do
  command -v "$tool" >/dev/null || { echo "package_test: $tool is missing (scripts/install-deps.sh --with-postgresql)" >&2; exit 1; }
done
mkdir -p "$work/apt-archives/partial"
root=$work/root
# Processes started in the root (the servers), ended by pid. Their root is
# matched by device and inode (-ef), not by the path readlink shows: inside
# an outer chroot (../shared/tools/fresh-debian) that path is the host's,
# so a server started here outlived the test and kept its port.
end_root_processes() {
  for p in /proc/[0-9]*; do
    [ "$p/root" -ef "$root" ] && kill "${p#/proc/}" 2>/dev/null || true
  done
  sleep 1
}
# The work folder is a private mount, so that the mounts each command makes
# in its own namespace below it never propagate back (inside a chroot, as
# in ../shared/tools/fresh-debian, `unshare` cannot make / private itself).
bound=false
if ! mountpoint -q "$work"; then
  mount --bind "$work" "$work"
  bound=true
fi
mount --make-private "$work"
cleanup() {
  end_root_processes
  rm -rf "$root" "$work/base.part"
  if $bound; then umount -l "$work"; fi
}
trap cleanup EXIT

started=$SECONDS
stage() { echo "package_test: $1 ($((SECONDS - started)) s)"; }
fail() { echo "package_test: FAILED: $*" >&2; exit 1; }

# 1. The package.
rm -rf "$work/out"
(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack"; }
deb=$(ls "$work"/out/xueji_*.deb)
dpkg-deb -f "$deb" Depends | grep -q 'libsoci' || fail "Depends lacks the computed shared libraries: $(dpkg-deb -f "$deb" Depends)"
version=$(dpkg-deb -f "$deb" Version)
stage "built $(basename "$deb"): Depends $(dpkg-deb -f "$deb" Depends)"

# 2. The fresh root, from the cached base.
base=$work/bookworm-minbase.tar
if [ ! -s "$base" ]; then
  # The mirror this machine's apt uses (as ../shared/tools/fresh-debian).
  mirror=$(grep -hoE '^URIs: *[^ ]+' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1 | awk '{print $2}' || true)
  [ -n "$mirror" ] || mirror=$(grep -hoE '^deb +[^ ]+' /etc/apt/sources.list 2>/dev/null | head -1 | awk '{print $2}' || true)
  [ -n "$mirror" ] || mirror=http://deb.debian.org/debian
  tmp=$work/base.part
  rm -rf "$tmp"
  unshare -m --propagation unchanged -- debootstrap --variant=minbase --include=systemd,adduser \
    --cache-dir="$work/apt-archives" bookworm "$tmp" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap (see $work/debootstrap.log)"; }
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    cp /etc/apt/sources.list.d/debian.sources "$tmp/etc/apt/sources.list.d/"
    rm -f "$tmp/etc/apt/sources.list"
  fi
  # Services do not start on package install, as in a container image.
  printf '#!/bin/sh\nexit 101\n' >"$tmp/usr/sbin/policy-rc.d"
  chmod +x "$tmp/usr/sbin/policy-rc.d"
  tar -C "$tmp" -cf "$base.part" . && mv "$base.part" "$base"
  rm -rf "$tmp"
  stage "debootstrapped the base root"
fi
rm -rf "$root"
mkdir -p "$root"
tar -C "$root" -xf "$base"
chmod 755 "$root"
cp /etc/resolv.conf "$root/etc/" 2>/dev/null || true

# A command inside the root, as root, with /proc, /dev and apt's archive
# cache mounted in a namespace of its own.
in_root() {
  unshare -m --propagation unchanged -- /bin/bash -c '
    r=$1; shift
    mount -t proc proc "$r/proc" && mount --rbind /dev "$r/dev" &&
      mount --bind "$0" "$r/var/cache/apt/archives" || exit 70
    exec chroot "$r" /usr/bin/env -i HOME=/root LANG=C.UTF-8 \
      PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"' \
    "$work/apt-archives" "$root" "$@"
}
stage "fresh root ready"

# 3. dpkg -i, then the Depends from Debian's archive.
cp "$deb" "$root/tmp/xueji.deb"
in_root dpkg -i /tmp/xueji.deb >"$work/install.log" 2>&1 || true
in_root apt-get update -qq >>"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "apt-get update"; }
DEBIAN_FRONTEND=noninteractive in_root apt-get install -f -y -qq --no-install-recommends \
  >>"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "apt-get install -f"; }
in_root dpkg-query -W -f='${Status} ${Version}\n' xueji | grep -qx "install ok installed $version" ||
  { cat "$work/install.log" >&2; fail "xueji $version is not installed"; }
grep -q 'xueji: migrated: 11 applied\|xueji: migrated: [1-9][0-9]* applied' "$work/install.log" ||
  { cat "$work/install.log" >&2; fail "the postinst did not migrate the new database"; }
for f in /usr/bin/xueji /usr/share/xueji/workflows /usr/share/xueji/config/calendars/national \
  /usr/share/xueji/migrations/0001_initial.sql /usr/share/xueji/console /etc/xueji/xueji.yaml \
  /lib/systemd/system/xueji.service /usr/share/doc/xueji/operations.md; do
  [ -e "$root$f" ] || fail "$f is not installed"
done
in_root dpkg-query -W -f='${Conffiles}\n' xueji | grep -q '/etc/xueji/xueji.yaml' || fail "/etc/xueji/xueji.yaml is not a conffile"
in_root getent passwd xueji >/dev/null || fail "the postinst made no xueji user"
[ "$(in_root stat -c %U /var/lib/xueji/xueji.db)" = xueji ] || fail "/var/lib/xueji/xueji.db is not the xueji user's"
# The installed program finds its shipped data beside itself (no source
# tree in the root): the calendars, for the README's first answer.
answer=$(in_root /usr/bin/xueji calendar add-working-days 2025-09-26 10 2>&1) || true
[ "$answer" = 2025-10-16 ] || fail "the installed xueji does not find /usr/share/xueji: $answer"
stage "installed with dpkg -i ($(grep -o 'migrated: [0-9]* applied' "$work/install.log" | head -1))"

# 4. `xueji serve` from the installed files, as the xueji user.
serve_log=$work/serve.log
start_server() {
  in_root runuser -u xueji -- /usr/bin/xueji serve --config /etc/xueji/xueji.yaml \
    --listen "127.0.0.1:$port" >>"$serve_log" 2>&1 &
  for _ in $(seq 1 100); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")" = 200 ] && return 0
    sleep 0.2
  done
  tail -20 "$serve_log" >&2
  fail "the installed server is not ready on port $port"
}
: >"$serve_log"
start_server
# No demo accounts in an installation (demo_accounts: false).
code=$(curl -s -o "$work/answer.json" -w '%{http_code}' -X POST "http://127.0.0.1:$port/v1/sessions" \
  -d '{"name":"reg.4501020001","password":"Xueji-Demo-2025"}')
[ "$code" = 401 ] || fail "a demo account signed in (HTTP $code): $(cat "$work/answer.json")"
grep -q 'application/problem+json\|urn:xueji:problem' "$work/answer.json" ||
  curl -s -D - -o /dev/null -X POST "http://127.0.0.1:$port/v1/sessions" -d '{"name":"reg.4501020001","password":"Xueji-Demo-2025"}' |
  grep -qi 'content-type: application/problem+json' || fail "the refused sign-in is not a problem: $(cat "$work/answer.json")"
# The operator's first administrator, in the configured database; the
# server signs it in, so it serves that database.
echo 'Operator-First-2026' | in_root runuser -u xueji -- /usr/bin/xueji accounts create \
  --db sqlite:/var/lib/xueji/xueji.db --name admin.000000 --org 000000 --password-stdin >"$work/account.log" 2>&1 ||
  { cat "$work/account.log" >&2; fail "xueji accounts create"; }
token=$(curl -s -X POST "http://127.0.0.1:$port/v1/sessions" -d '{"name":"admin.000000","password":"Operator-First-2026"}' |
  sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || fail "the administrator cannot sign in"
code=$(curl -s -o "$work/answer.json" -w '%{http_code}' -H "Authorization: Bearer $token" \
  "http://127.0.0.1:$port/v1/accounts/admin.000000")
[ "$code" = 200 ] || fail "a signed-in request answered $code: $(cat "$work/answer.json")"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1/accounts/admin.000000")
[ "$code" = 401 ] || fail "an unsigned request answered $code, not 401"
code=$(curl -s -o "$work/console.html" -w '%{http_code}' "http://127.0.0.1:$port/")
[ "$code" = 200 ] && grep -qi '<html' "$work/console.html" || fail "the installed console is not served (HTTP $code)"
stage "served from the installed files as the xueji user"

# 5. The unit, checked where it is installed.
in_root systemd-analyze verify /lib/systemd/system/xueji.service >"$work/verify.log" 2>&1 ||
  { cat "$work/verify.log" >&2; fail "systemd-analyze verify"; }
if grep -i 'xueji' "$work/verify.log"; then fail "systemd-analyze verify warns about the unit"; fi
grep -q '^User=xueji' "$root/lib/systemd/system/xueji.service" || fail "the unit does not run as xueji"
stage "systemd-analyze verify: clean"

# 6. An upgrade over the running installation: the same package one
# version on, with one more (harmless) migration.
repack() {  # repack VERSION MIGRATION_FILE|'' OUT
  local dir=$work/repack
  rm -rf "$dir"
  dpkg-deb -R "$deb" "$dir"
  sed -i "s/^Version: .*/Version: $1/" "$dir/DEBIAN/control"
  [ -z "$2" ] || echo "CREATE TABLE package_test_upgrade (id INTEGER PRIMARY KEY);" >"$dir/usr/share/xueji/migrations/$2"
  (cd "$dir" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | sort -z | xargs -0 md5sum >DEBIAN/md5sums)
  dpkg-deb -b --root-owner-group "$dir" "$3" >/dev/null
  rm -rf "$dir"
}
next_version="$version+1"
repack "$next_version" 9000_package_test_upgrade.sql "$root/tmp/xueji-next.deb"
in_root dpkg -i /tmp/xueji-next.deb >"$work/upgrade.log" 2>&1 || { cat "$work/upgrade.log" >&2; fail "the upgrade"; }
grep -q "xueji: migrating sqlite:/var/lib/xueji/xueji.db (was $version)" "$work/upgrade.log" &&
  grep -q 'xueji: migrated: 1 applied' "$work/upgrade.log" || { cat "$work/upgrade.log" >&2; fail "the upgrade did not migrate"; }
end_root_processes
start_server
token=$(curl -s -X POST "http://127.0.0.1:$port/v1/sessions" -d '{"name":"admin.000000","password":"Operator-First-2026"}' |
  sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || fail "the administrator cannot sign in after the upgrade"
stage "upgraded $version -> $next_version over the running server: migrated, restarted, data kept"

# 7. The refusal: the first version over a database the second migrated.
if in_root dpkg -i /tmp/xueji.deb >"$work/downgrade.log" 2>&1; then
  cat "$work/downgrade.log" >&2; fail "a downgrade over a newer schema was accepted"
fi
grep -q '^xueji: migrate: the database is at schema version 9000, newer than this Xueji knows (' "$work/downgrade.log" &&
  grep -q 'was NOT migrated' "$work/downgrade.log" || { cat "$work/downgrade.log" >&2; fail "the refusal does not say why"; }
in_root dpkg-query -W -f='${Status}\n' xueji | grep -q 'half-configured' || fail "the refused package is not left half-configured"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")" = 200 ] || fail "the running server did not survive the refused downgrade"
if in_root runuser -u xueji -- /usr/bin/xueji serve --config /etc/xueji/xueji.yaml \
  --listen "127.0.0.1:$((port + 1))" >"$work/refused-serve.log" 2>&1; then
  fail "the old server started on the newer schema"
fi
grep -q 'schema version 9000' "$work/refused-serve.log" || { cat "$work/refused-serve.log" >&2; fail "the old server's refusal does not say why"; }
stage "downgrade refused: $(grep -m1 -o 'the database is at schema version [^:]*' "$work/downgrade.log")"
echo "package_test: passed in $((SECONDS - started)) s"
