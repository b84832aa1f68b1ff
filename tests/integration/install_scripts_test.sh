#!/usr/bin/env bash
# scripts/install.sh and scripts/uninstall.sh, on a machine where systemd is not running:
#  1. into a DESTDIR: install says it skipped enabling the units and prints the commands;
#     uninstall removes every file install put there, keeps the config, credentials and
#     state (and says so); uninstall --purge removes those too, leaving nothing.
#  2. without DESTDIR, into the real paths, but in this test's private mount namespace with
#     private /usr/local, /etc, /var/lib and /run (so no systemd, and nothing on the machine
#     is touched): the same, and install prints the inetd and cron lines instead.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
mb_setup

INSTALL=$MB_SRC/scripts/install.sh
UNINSTALL=$MB_SRC/scripts/uninstall.sh
# The installed layout: config, sbindir, data_dir, state_dir, credentials_dir, mandir, unit_dir.
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
for f in "$sbindir/mount-broker" "$sbindir/mountctl" "$config" "$unit_dir/mount-broker.socket"; do
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
for f in "$sbindir/mount-broker" "$sbindir/mountctl" "$config" "$unit_dir/mount-broker.service"; do
  [ ! -e "$f" ] || fail "uninstall --purge left $f"
done
[ ! -e "$state_dir" ] && [ ! -e "$credentials_dir" ] || fail "uninstall --purge left the state or credentials"
ok "uninstall.sh --purge removes it all again"
