#!/usr/bin/env bash
# scripts/install.sh and scripts/uninstall.sh, on a machine where systemd is not running:
#  1. into a DESTDIR: install says it skipped enabling the units and prints the commands;
#     uninstall removes every file install put there, keeps the config, credentials and
#     state (and says so); uninstall --purge removes those too, leaving nothing.
#  2. without DESTDIR, into the real paths, but in this test's private mount namespace with
#     private /usr/local, /etc, /var/lib and /run (so no systemd, and nothing on the machine
#     is touched): the same, and install prints the inetd and cron lines instead; a prefix
#     someone other than root can write is refused.
#  3. the same with /run/systemd/system present and a fake systemctl that logs its arguments:
#     install runs daemon-reload, then enable --now of the socket and the timer, and stops on
#     a failing enable; uninstall disables and stops them.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
mb_setup

INSTALL=$MB_SRC/scripts/install.sh
UNINSTALL=$MB_SRC/scripts/uninstall.sh
# The installed layout: config, sbindir, bindir, data_dir, state_dir, credentials_dir, mandir, unit_dir.
# shellcheck source=scripts/install_lib.sh
. "$MB_SRC/scripts/install_lib.sh"
read_layout "$MB_BIN/install-paths.txt"

# run_script LOG SCRIPT ARGS...: runs it (DESTDIR from the environment), output into LOG.
run_script() {
  local log=$1 rc=0
  shift
  timeout 120 "$@" --build-dir "$MB_BIN" >"$log" 2>&1 || rc=$?
  [ $rc = 0 ] || fail "$(basename "$2") exited $rc: $(cat "$log")"
}
said() { grep -qF -- "$2" "$1" || fail "$(basename "$1") does not say \"$2\": $(cat "$1")"; }
# files_under ROOT: every file and symlink below ROOT, as absolute paths without ROOT.
files_under() { (cd "$1" && find . \( -type f -o -type l \) | sed 's/^\.//' | sort); }

# --- 1. DESTDIR ---------------------------------------------------------------------------
D=$T/stage
export DESTDIR=$D
run_script "$T/install.out" "$INSTALL" --no-build
said "$T/install.out" "DESTDIR is set: skipped enabling the systemd units"
said "$T/install.out" "systemctl daemon-reload"
said "$T/install.out" "systemctl enable --now mount-broker.socket mount-broker-sweep.timer"
for f in "$sbindir/mount-broker" "$bindir/mountctl" "$config" "$unit_dir/mount-broker.socket"; do
  [ -f "$D$f" ] || fail "install.sh did not install $f"
done
[ -d "$D$state_dir" ] && [ -d "$D$credentials_dir" ] || fail "install.sh did not create the state and credentials directories"
ok "install.sh into a DESTDIR installs, says it skipped enabling the units and prints the commands"

cp "$D$data_dir/install-manifest.txt" "$T/manifest"
# The administrator's data: an edited config, a credential, a state file.
echo "# edited" >>"$D$config"
(umask 077 && printf 'not-a-real-password' >"$D$credentials_dir/photos")
echo '{}' >"$D$state_dir/state.json"
run_script "$T/uninstall.out" "$UNINSTALL"
said "$T/uninstall.out" "DESTDIR is set: skipped stopping the systemd units"
said "$T/uninstall.out" "systemctl disable --now mount-broker.socket mount-broker-sweep.timer"
said "$T/uninstall.out" "removed $D$sbindir/mount-broker"
said "$T/uninstall.out" "kept $D$config (config)"
while IFS= read -r f; do
  [ ! -e "$D$f" ] || fail "uninstall left $f, which install put there"
done < <(sed -n 's/^file=//p' "$T/manifest")
left=$(files_under "$D" | tr '\n' ' ')
assert_eq "$left" "$config $credentials_dir/photos $state_dir/state.json " "files left after uninstall"
ok "uninstall.sh removes every installed file, keeps config, credential and state, and says so"

run_script "$T/install2.out" "$INSTALL" --no-build
said "$T/install2.out" "Keeping: $D$config"
run_script "$T/purge.out" "$UNINSTALL" --purge
for p in "$config" "$credentials_dir/" "$state_dir/"; do said "$T/purge.out" "removed $D$p"; done
[ -z "$(files_under "$D")" ] || fail "files left after --purge: $(files_under "$D")"
for d in "$state_dir" "$credentials_dir" "$(dirname "$config")" "$data_dir"; do
  [ ! -e "$D$d" ] || fail "--purge left $d"
done
ok "reinstall keeps the config; uninstall --purge removes config, credentials and state: no file is left"
unset DESTDIR

# --- 2. the real paths, in private copies ---------------------------------------------------
# Private /run hides /run/systemd/system and systemd's private socket, so the scripts can
# neither see nor reach a service manager (on a machine that runs systemd, too).
cp -a /etc "$T/etc"
mount --bind "$T/etc" /etc || fail "cannot bind a private /etc"
for d in /usr/local /var/lib /run; do
  mount -t tmpfs -o mode=0755 mb-install-test "$d" || fail "cannot mount a private $d"
done
[ ! -e /run/systemd/system ] || fail "/run/systemd/system is still visible"

# A prefix someone other than root can write (Homebrew's /usr/local on Intel Macs: the user's,
# group admin writable) would let them replace what the service manager runs as root.
# refused_install LOG FIX: install.sh must fail, say FIX, and install nothing.
refused_install() {
  local rc=0
  timeout 120 "$INSTALL" --no-build --build-dir "$MB_BIN" >"$1" 2>&1 || rc=$?
  [ $rc != 0 ] || fail "install.sh installed under an unsafe /usr/local: $(cat "$1")"
  said "$1" "refusing to install"
  said "$1" "$2"
  [ -z "$(find /usr/local -mindepth 1 -print -quit)" ] || fail "the refused install left: $(find /usr/local -mindepth 1)"
  [ ! -e "$(dirname "$config")" ] || fail "the refused install created $(dirname "$config")"
}
chmod 0775 /usr/local
refused_install "$T/group-writable.out" "sudo chown root '/usr/local' && sudo chmod go-w '/usr/local'"
said "$T/group-writable.out" "/usr/local: writable by its group or others (mode 0775)"
chmod 0755 /usr/local
chown nobody /usr/local
refused_install "$T/not-root.out" "/usr/local: owned by uid $(id -u nobody), not root"
chown root /usr/local
ok "install.sh refuses a prefix that is group-writable or not root's, says how to fix it, and installs nothing"

run_script "$T/real-install.out" "$INSTALL" --no-build
said "$T/real-install.out" "systemd is not running here: skipped enabling the systemd units"
said "$T/real-install.out" "systemctl enable --now mount-broker.socket mount-broker-sweep.timer"
line=$(grep -v '^#' "$MB_BIN/inetd/inetd.conf" | grep .)
said "$T/real-install.out" "$line"
said "$T/real-install.out" "$(grep -v '^#' "$MB_BIN/inetd/crontab" | grep .)"
assert_eq "$(stat -c '%a %U' "$config" "$state_dir" "$credentials_dir" | tr '\n' ' ')" "644 root 700 root 700 root " \
  "modes of config, state and credentials"
out=$("$sbindir/mount-broker" --check-config "$config" 2>&1) || fail "installed config invalid: $out"
ok "install.sh without DESTDIR installs into the real paths, says systemd is not running, prints the inetd and cron lines"

run_script "$T/real-purge.out" "$UNINSTALL" --purge
said "$T/real-purge.out" "systemd is not running here: skipped stopping the systemd units"
for f in "$sbindir/mount-broker" "$bindir/mountctl" "$config" "$unit_dir/mount-broker.service"; do
  [ ! -e "$f" ] || fail "uninstall --purge left $f"
done
[ ! -e "$state_dir" ] && [ ! -e "$credentials_dir" ] || fail "uninstall --purge left the state or credentials"
ok "uninstall.sh --purge removes it all again"

# --- 3. a (fake) running systemd -------------------------------------------------------------
mkdir -p /run/systemd/system "$T/fakebin"
cat >"$T/fakebin/systemctl" <<EOF
#!/bin/sh
echo "\$*" >>"$T/systemctl.log"
if [ "\$1" = "\${FAKE_SYSTEMCTL_FAIL:-}" ]; then
  echo "Failed to \$1 unit: fake failure" >&2
  exit 1
fi
EOF
chmod 0755 "$T/fakebin/systemctl"
export PATH=$T/fakebin:$PATH
run_script "$T/sd-install.out" "$INSTALL" --no-build
assert_eq "$(tr '\n' ';' <"$T/systemctl.log")" "daemon-reload;enable --now mount-broker.socket mount-broker-sweep.timer;" \
  "systemctl calls of install.sh"
said "$T/sd-install.out" "ran: systemctl enable --now mount-broker.socket mount-broker-sweep.timer"
ok "with systemd running, install.sh runs systemctl daemon-reload, then enable --now the socket and the timer"

rm -f "$T/systemctl.log"
rc=0
FAKE_SYSTEMCTL_FAIL=enable timeout 120 "$INSTALL" --no-build --build-dir "$MB_BIN" >"$T/sd-fail.out" 2>&1 || rc=$?
[ $rc != 0 ] || fail "install.sh succeeded although systemctl enable failed: $(cat "$T/sd-fail.out")"
said "$T/sd-fail.out" "systemctl enable --now mount-broker.socket mount-broker-sweep.timer failed: Failed to enable unit: fake failure"
! grep -qx "install: done" "$T/sd-fail.out" || fail "install.sh went on after the failed enable: $(cat "$T/sd-fail.out")"
ok "a failing systemctl enable stops install.sh with systemctl's message"

rm -f "$T/systemctl.log"
run_script "$T/sd-uninstall.out" "$UNINSTALL" --purge
assert_eq "$(tr '\n' ';' <"$T/systemctl.log")" \
  "disable --now mount-broker.socket mount-broker-sweep.timer;stop mount-broker.service mount-broker-sweep.service;daemon-reload;" \
  "systemctl calls of uninstall.sh"
[ ! -e "$sbindir/mount-broker" ] && [ ! -e "$unit_dir/mount-broker.service" ] || fail "uninstall.sh left files"
ok "uninstall.sh runs systemctl disable --now the socket and the timer, stop the services, daemon-reload"
