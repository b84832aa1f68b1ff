#!/usr/bin/env bash
# The Debian package: scripts/package-deb.sh builds mount-broker_VERSION_ARCH.deb in
# $MB_BIN/package-deb (a build of its own: prefix /usr, Debian's hardening flags), run by ctest
# as the fixture "package: deb" (this script with --build: a full compile does not fit in this
# test's time limit; the directory is kept, so a rebuild is incremental). Its contents are the
# installed tree; lintian reports no error (its output is printed). Then, under a real systemd
# as PID 1 (systemd-nspawn over this whole machine behind a throwaway overlay, so dpkg works on
# a copy of its own database; the machine's own is checked untouched afterwards):
# - dpkg -i enables and starts the socket and the timer, starts no broker, and `mountctl
#   status` reaches a broker through the socket (version says systemd);
# - dpkg -r removes the programs and units and stops the socket, and keeps the config (with
#   an administrator's change), the credentials and the state;
# - dpkg -P removes the config, the credentials and the state.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/nspawn_lib.sh"

# ---------------------------------------------------------------- inside the container
pkg_state() { dpkg-query -W -f='${db:Status-Abbrev}' mount-broker 2>/dev/null || echo "not known"; }
prop() { systemctl show -p "$2" --value "$1"; }

inside() {
  mb_setup
  unset MOUNT_BROKER_SOCKET
  # dpkg runs only on the throwaway overlay, never on the machine's own root.
  assert_eq "$(findmnt -no FSTYPE /)" overlay "the container's root file system"
  touch /root/.mb-overlay-marker
  # This machine's policy (no service starts while packages install, scripts/install-deps.sh)
  # would keep the package from starting its units; the overlay is thrown away afterwards.
  rm -f /usr/sbin/policy-rc.d
  rm -rf /etc/mount-broker /var/lib/mount-broker
  dpkg -s mount-broker >/dev/null 2>&1 && fail "mount-broker is installed on this machine already"

  deb=$(ls /inside/mount-broker_*.deb)
  dpkg -i "$deb" >"$T/install.log" 2>&1 || fail "dpkg -i failed: $(cat "$T/install.log")"
  assert_eq "$(pkg_state)" "ii " "the package's state after dpkg -i"
  for u in mount-broker.socket mount-broker-sweep.timer; do
    assert_eq "$(systemctl is-enabled $u)" enabled "$u after dpkg -i"
    assert_eq "$(systemctl is-active $u)" active "$u after dpkg -i"
  done
  [ -S /run/mount-broker.sock ] || fail "no socket at /run/mount-broker.sock after dpkg -i"
  assert_eq "$(prop mount-broker.service ActiveState)" inactive "the service after dpkg -i"
  ! pgrep -x mount-broker >/dev/null || fail "a broker runs right after dpkg -i"
  cmp -s /etc/mount-broker/config.toml /usr/share/mount-broker/config.toml.example ||
    fail "/etc/mount-broker/config.toml is not the example config"
  [ "$(stat -c %a /etc/mount-broker/credentials)" = 700 ] || fail "the credentials directory is not 0700"
  [ "$(stat -c %a /var/lib/mount-broker)" = 700 ] || fail "the state directory is not 0700"
  for f in /usr/lib/NetworkManager/dispatcher.d/90-mount-broker /usr/lib/systemd/system-sleep/mount-broker; do
    [ -x "$f" ] && grep -q 'systemctl start --no-block mount-broker-sweep-now.service' "$f" ||
      fail "$f is not the installed hook"
  done
  ok "dpkg -i: socket and timer enabled and active, no broker yet, the example config, credentials and state directories 0700, hooks in place"

  out=$(timeout 30 mountctl version) || fail "mountctl version after dpkg -i: $out"
  assert_contains "$out" "systemd (listening)" "version after dpkg -i"
  out=$(timeout 30 mountctl status) || fail "mountctl status after dpkg -i: $out"
  # The example's mounts are commented out (a fresh install's doctor is green), so the
  # answer is the table's header and no mount.
  assert_contains "$out" "NAME" "status of the example config"
  assert_eq "$(grep -c . <<<"$out")" 1 "lines of status with the example config"
  assert_eq "$(command -v mountctl)" /usr/bin/mountctl "mountctl's path"
  ok "mountctl status through /run/mount-broker.sock starts the packaged broker (systemd activation)"

  # What remove must keep: a changed config, a password, the state.
  echo "# changed by the administrator" >>/etc/mount-broker/config.toml
  (umask 077; echo "secret" >/etc/mount-broker/credentials/photos)
  [ -f /etc/mount-broker/credentials/photos ] || fail "no credentials file"
  timeout 30 mountctl status >/dev/null
  [ -d /var/lib/mount-broker ] || fail "no state directory after a broker ran"
  touch /var/lib/mount-broker/kept
  dpkg -r mount-broker >"$T/remove.log" 2>&1 || fail "dpkg -r failed: $(cat "$T/remove.log")"
  assert_eq "$(pkg_state)" "rc " "the package's state after dpkg -r"
  for f in /usr/sbin/mount-broker /usr/bin/mountctl /usr/lib/systemd/system/mount-broker.socket; do
    [ ! -e "$f" ] || fail "$f is left after dpkg -r"
  done
  for u in mount-broker.socket mount-broker-sweep.timer; do
    state=$(systemctl is-enabled $u 2>&1) && fail "$u is still enabled after dpkg -r: $state"
    state=$(systemctl is-active $u 2>&1) && fail "$u is still active after dpkg -r: $state"
  done
  [ ! -e /run/mount-broker.sock ] || fail "the socket is left after dpkg -r"
  ! pgrep -x mount-broker >/dev/null || fail "a broker runs after dpkg -r"
  grep -q "changed by the administrator" /etc/mount-broker/config.toml || fail "dpkg -r lost the config"
  # Not assert_eq: a password, even a test's, is not printed.
  [ "$(cat /etc/mount-broker/credentials/photos 2>/dev/null)" = secret ] || fail "dpkg -r lost or changed the credentials file"
  [ -e /var/lib/mount-broker/kept ] || fail "dpkg -r removed the state"
  ok "dpkg -r: programs and units gone, socket stopped; config (as changed), credentials and state kept"
  # The packaged broker's activations, for people reading the test's output.
  journalctl --sync
  journalctl -u mount-broker.service -o short-iso-precise >/inside/activation.txt 2>&1 || true

  dpkg -P mount-broker >"$T/purge.log" 2>&1 || fail "dpkg -P failed: $(cat "$T/purge.log")"
  assert_eq "$(pkg_state)" "not known" "the package's state after dpkg -P"
  for d in /etc/mount-broker /var/lib/mount-broker; do
    [ ! -e "$d" ] || fail "$d is left after dpkg -P: $(ls -la "$d")"
  done
  ok "dpkg -P: config, credentials and state removed"
}

if [ "${MB_IN_NSPAWN:-}" = 1 ]; then
  inside
  exit 0
fi

# ---------------------------------------------------------------- on the host
# Where the package can be built: one line on why not, else nothing.
cannot_build() {
  local tool
  for tool in cpack dpkg-buildflags dpkg-deb dpkg-shlibdeps; do
    command -v $tool >/dev/null || { echo "$tool is not installed (scripts/install-deps.sh)"; return; }
  done
}

# --build: the fixture. Configures and builds $MB_BIN/package-deb, runs cpack there.
if [ "${1:-}" = --build ]; then
  mb_setup
  why=$(cannot_build)
  [ -z "$why" ] || { echo "SKIP: the Debian package: $why"; exit 0; }
  # The package build reuses this build's compiler launcher (ccache), if it has one.
  launcher=$(sed -n 's/^CMAKE_CXX_COMPILER_LAUNCHER:[A-Z]*=//p' "$MB_BIN/CMakeCache.txt")
  args=()
  [ -n "$launcher" ] && args=(-DCMAKE_CXX_COMPILER_LAUNCHER="$launcher")
  deb=$("$MB_SRC/scripts/package-deb.sh" "$MB_BIN/package-deb" "${args[@]}" 2>"$T/package.log") ||
    fail "scripts/package-deb.sh failed: $(tail -n 30 "$T/package.log")"
  ok "scripts/package-deb.sh built $deb"
  exit 0
fi

mb_setup
nspawn_skip_unless_usable
why=$(cannot_build)
[ -z "$why" ] || { echo "SKIP: the Debian package: $why"; exit 0; }
command -v lintian >/dev/null || { echo "SKIP: lintian is not installed (scripts/install-deps.sh)"; exit 0; }
version=$(sed -n 's/^version=//p' "$MB_BIN/install-paths.txt")
arch=$(dpkg --print-architecture)
deb=$(ls "$MB_BIN"/package-deb/mount-broker_*.deb 2>/dev/null) ||
  fail "no package in $MB_BIN/package-deb: its fixture (ctest's \"package: deb\") failed or did not run"
assert_eq "$(basename "$deb")" "mount-broker_${version}_${arch}.deb" "the package's file name"

dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$T/contents"
for f in /usr/sbin/mount-broker /usr/bin/mountctl /usr/share/man/man8/mountctl.8.gz \
  /usr/share/man/man8/mount-broker.8.gz /usr/share/man/man5/mount-broker.toml.5.gz \
  /usr/lib/systemd/system/mount-broker.socket /usr/lib/systemd/system/mount-broker.service \
  /usr/lib/systemd/system/mount-broker-sweep.service /usr/lib/systemd/system/mount-broker-sweep.timer \
  /usr/lib/systemd/system/mount-broker-sweep-now.service \
  /usr/lib/NetworkManager/dispatcher.d/90-mount-broker /usr/lib/systemd/system-sleep/mount-broker \
  /usr/share/mount-broker/config.toml.example /etc/mount-broker/config.toml \
  /usr/share/doc/mount-broker/copyright /usr/share/doc/mount-broker/changelog.gz; do
  grep -qxF "$f" "$T/contents" || fail "the package lacks $f: $(cat "$T/contents")"
done
! grep -q '^/usr/local' "$T/contents" || fail "the package installs under /usr/local"
! grep -q 'install-manifest' "$T/contents" || fail "the package carries uninstall.sh's manifest"
# Root-only directories are the postinst's to make (a package's own are 0755 for lintian, and
# dpkg would remove them on remove).
! grep -Eq '^/(etc/mount-broker/credentials|var/lib/mount-broker)/?$' "$T/contents" ||
  fail "the package ships the credentials or state directory: $(grep -E 'credentials|/var/' "$T/contents")"
dpkg-deb -e "$deb" "$T/control"
grep -qx /etc/mount-broker/config.toml "$T/control/conffiles" || fail "the config is not a conffile"
grep -q '^Depends:.*libc6' "$T/control/control" || fail "no Depends on libc6: $(cat "$T/control/control")"
grep -q "ExecStart=/usr/sbin/mount-broker" <(dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/lib/systemd/system/mount-broker.service) ||
  fail "the packaged service does not run /usr/sbin/mount-broker"
ok "$(basename "$deb"): binaries, man pages, units, hooks, example config (a conffile), copyright, changelog; nothing under /usr/local, no root-only directories"

lintian --tag-display-limit 0 "$deb" >"$T/lintian.out" 2>&1 || true
echo "--- lintian $(basename "$deb")"
cat "$T/lintian.out"
! grep -q '^E: ' "$T/lintian.out" || fail "lintian reports errors"
ok "lintian reports no error"

# What dpkg -i/-r/-P would change on this machine, were the overlay to leak: compared after.
host_footprint() {
  local f
  dpkg-query -W -f='${db:Status-Abbrev}' mount-broker 2>&1 || true
  ls -d /var/lib/dpkg/info/mount-broker.* 2>&1 || true
  for f in /usr/sbin/mount-broker /usr/bin/mountctl /usr/lib/systemd/system/mount-broker.socket \
    /etc/systemd/system/sockets.target.wants/mount-broker.socket /etc/mount-broker \
    /var/lib/mount-broker /run/mount-broker.sock /var/lib/systemd/deb-systemd-helper-enabled/mount-broker.socket.dsh-also \
    /root/.mb-overlay-marker; do
    stat -c '%n %F %a %Y' "$f" 2>&1 || true
  done
}
host_footprint >"$T/host.before"
cp "$deb" "$T/inside/"
nspawn_run overlay 90
host_footprint >"$T/host.after"
diff "$T/host.before" "$T/host.after" >"$T/host.diff" || fail "the machine changed: $(cat "$T/host.diff")"
grep -q 'mb-overlay-marker.*No such file' "$T/host.after" || fail "the container's marker is on the machine"
ok "the machine is untouched: no package in its dpkg database, none of the package's files, units or directories"
echo "--- the journal of the packaged broker (journalctl -u mount-broker)"
cat "$T/inside/activation.txt"
