#!/usr/bin/env bash
# `cmake --install` into a DESTDIR: the expected tree and modes (binaries 0755, config 0644
# root, state and credentials directories 0700, units, man pages, the inetd and cron files),
# a manifest naming every file it installed; a second install keeps an edited config; and the
# installed broker, run from the DESTDIR under the socket holder with the installed example
# config, answers the installed mountctl.
. "$(dirname "$0")/lib.sh"
mb_setup

# The installed layout: config, sbindir, bindir, data_dir, state_dir, credentials_dir, mandir, unit_dir.
# shellcheck source=scripts/install_lib.sh
. "$MB_SRC/scripts/install_lib.sh"
read_layout "$MB_BIN/install-paths.txt"

DEST=$T/root
install_once() { DESTDIR=$DEST cmake --install "$MB_BIN" >"$T/install.log" 2>&1 ||
  fail "cmake --install failed: $(tail -5 "$T/install.log")"; }
install_once
# mode_owner PATH: "MODE OWNER", e.g. "755 root".
mode_owner() { stat -c '%a %U' "$1"; }
expect() { # PATH "MODE OWNER" WHAT
  [ -e "$1" ] || fail "$3 was not installed: $1"
  assert_eq "$(mode_owner "$1")" "$2" "mode and owner of $3 ($1)"
}
expect "$DEST$sbindir/mount-broker" "755 root" "the broker"
expect "$DEST$bindir/mountctl" "755 root" "mountctl"
[ ! -e "$DEST$sbindir/mountctl" ] || fail "mountctl was installed in $sbindir too"
ok "binaries: $sbindir/mount-broker and $bindir/mountctl (in every user's PATH), 0755 root"
expect "$DEST$config" "644 root" "the config"
expect "$(dirname "$DEST$config")" "755 root" "the config directory"
expect "$DEST$credentials_dir" "700 root" "the credentials directory"
expect "$DEST$state_dir" "700 root" "the state directory"
[ -d "$DEST$state_dir" ] && [ -z "$(ls -A "$DEST$state_dir")" ] || fail "the state directory is not empty"
ok "config $config 0644 root; credentials $credentials_dir and state $state_dir directories 0700 root"

cmp -s "$DEST$config" "$MB_BIN/examples/mount-broker.toml" || fail "the config is not the example"
cmp -s "$DEST$data_dir/config.toml.example" "$MB_BIN/examples/mount-broker.toml" || fail "no example in $data_dir"
for f in inetd.conf crontab; do
  cmp -s "$DEST$data_dir/$f" "$MB_BIN/inetd/$f" || fail "$data_dir/$f is not the generated one"
done
read -r c_min c_hour c_mday c_mon c_wday c_user c_prog c_op _ < <(grep -v '^#' "$DEST$data_dir/crontab" | grep .)
assert_eq "$c_min $c_hour $c_mday $c_mon $c_wday $c_user $c_prog $c_op" "* * * * * root $bindir/mountctl sweep" \
  "the cron line (system crontab format: five times, user, command)"
ok "the example config is the config and $data_dir/config.toml.example; $data_dir has the inetd and cron lines"

if [ -n "$unit_dir" ]; then
  for u in mount-broker.socket mount-broker.service mount-broker-sweep.service mount-broker-sweep.timer; do
    expect "$DEST$unit_dir/$u" "644 root" "$u"
  done
  ok "the systemd units are in $unit_dir, 0644"
fi

pages=0
for tpl in "$MB_SRC"/man/*.in; do
  [ -e "$tpl" ] || continue
  page=$(basename "$tpl" .in)
  expect "$DEST$mandir/man${page##*.}/$page" "644 root" "the man page $page"
  ! grep -q '@[A-Z_]*@' "$DEST$mandir/man${page##*.}/$page" || fail "$page: a placeholder was left"
  pages=$((pages + 1))
done
ok "$pages man page(s) from man/*.in are installed in $mandir/manN, placeholders filled in"

# mount(8)'s helper for the type mount-broker: mountctl under another name, in sbin.
helper=$sbindir/mount.mount-broker
[ -L "$DEST$helper" ] || fail "$helper is not a symbolic link"
assert_eq "$(readlink -f "$DEST$helper")" "$(readlink -f "$DEST$bindir/mountctl")" "$helper points at mountctl"
ok "$helper links to mountctl (mount(8) runs it for -t mount-broker)"

# The manifest names every file installed (and nothing else); the config, credentials and
# state are the administrator's and are not in it.
sed -n 's/^file=//p' "$DEST$data_dir/install-manifest.txt" | sort >"$T/manifest"
(cd "$DEST" && find . \( -type f -o -type l \) | sed 's/^\.//' | grep -vxF "$config" | sort) >"$T/tree"
diff "$T/manifest" "$T/tree" >"$T/manifest.diff" || fail "manifest and tree differ: $(cat "$T/manifest.diff")"
ok "the install manifest lists exactly the $(wc -l <"$T/manifest") files installed, without the config"

# An edited config survives a second install.
echo "# edited by the administrator" >>"$DEST$config"
cp "$DEST$config" "$T/edited.toml"
install_once
cmp -s "$DEST$config" "$T/edited.toml" || fail "the second install overwrote the edited config"
grep -qF "Keeping: $DEST$config" "$T/install.log" || fail "the install did not say it kept the config: $(cat "$T/install.log")"
expect "$DEST$state_dir" "700 root" "the state directory after a second install"
ok "a second install keeps the edited config and says so"

# The installed broker starts with the installed example config: it is valid, mounts
# nothing (the example mounts are commented out), and answers.
BROKER=$DEST$sbindir/mount-broker
CONFIG=$DEST$config
out=$("$BROKER" --check-config "$CONFIG" 2>&1) || fail "the example config is invalid: $out"
assert_contains "$out" "ok" "check-config"
# The commented-out examples, uncommented as a person would, are valid too.
sed -E 's/^#(\[\[mount\]\]|[a-z_]+ = )/\1/' "$CONFIG" >"$T/uncommented.toml"
[ "$(grep -c '^\[\[mount\]\]' "$T/uncommented.toml")" -ge 4 ] || fail "the examples did not uncomment"
out=$("$BROKER" --check-config "$T/uncommented.toml" 2>&1) || fail "the uncommented examples are invalid: $out"
ok "the example config is valid as installed and with its example mounts uncommented"
STATE=$T/state/ # start_holder runs the broker with --config $CONFIG --state-dir $STATE
start_holder
out=$(timeout 30 "$DEST$bindir/mountctl" --socket "$SOCK" status) || fail "installed mountctl status failed: $out"
assert_contains "$out" "NAME" "status prints a table"
assert_eq "$(wc -l <<<"$out")" 1 "a first run has no mounts: only the header"
# A first run is green: doctor, with the installed config and the broker answering, finds
# nothing to fix (the default admin_group exists here; nothing to mount yet).
rc=0
doc=$(timeout 60 "$DEST$bindir/mountctl" --socket "$SOCK" doctor --config "$CONFIG" 2>&1) || rc=$?
[ $rc = 0 ] || fail "doctor on a fresh install exited $rc: $doc"
grep -q "^ok *admin_group *$(sed -n 's/^admin_group = "\(.*\)"$/\1/p' "$CONFIG")" <<<"$doc" ||
  fail "doctor does not confirm the admin_group: $doc"
ok "a fresh install is green: status answers with no mounts, doctor exits 0 (admin_group exists)"
v=$(timeout 30 "$DEST$bindir/mountctl" --socket "$SOCK" version) || fail "version failed"
assert_contains "$v" "systemd (listening)" "the installed broker was socket-activated"
ok "the installed broker, under the socket holder with the installed example config, was socket-activated"

# `cmake --install --prefix` elsewhere would install units and plists that name binaries
# which are not there: it is refused before anything is installed.
rc=0
DESTDIR=$T/elsewhere cmake --install "$MB_BIN" --prefix /opt/mb-elsewhere >"$T/elsewhere.log" 2>&1 || rc=$?
[ $rc != 0 ] || fail "cmake --install --prefix /opt/mb-elsewhere succeeded: $(cat "$T/elsewhere.log")"
grep -q "cannot install under /opt/mb-elsewhere" "$T/elsewhere.log" || fail "no reason given: $(cat "$T/elsewhere.log")"
[ ! -e "$T/elsewhere" ] || fail "the refused install left files: $(find "$T/elsewhere" -type f)"
ok "cmake --install --prefix other than the configured one is refused, and installs nothing"

# The units go where systemd reads them: under /usr and /usr/local the prefix's
# lib/systemd/system, under any other prefix /etc/systemd/system (systemd never reads
# /opt/.../lib/systemd/system); the default follows a changed prefix, a chosen dir stays.
CFG=$T/configure
unit_dir_for() { # CMAKE ARGS...: configures $CFG, prints its systemd_unit_dir
  cmake -S "$MB_SRC" -B "$CFG" -DMB_BUILD_TESTS=OFF -DMB_INSTALL_SYSTEMD_UNITS=ON "$@" >"$T/configure.log" 2>&1 ||
    fail "cmake $* failed: $(tail -5 "$T/configure.log")"
  sed -n 's/^systemd_unit_dir=//p' "$CFG/install-paths.txt"
}
assert_eq "$(unit_dir_for -DCMAKE_INSTALL_PREFIX=/opt/mb)" "/etc/systemd/system" "units under prefix /opt/mb"
assert_eq "$(unit_dir_for -DCMAKE_INSTALL_PREFIX=/usr)" "/usr/lib/systemd/system" "units under prefix /usr"
assert_eq "$(unit_dir_for -DCMAKE_INSTALL_PREFIX=/usr/local)" "/usr/local/lib/systemd/system" "units under prefix /usr/local"
assert_eq "$(unit_dir_for -DMB_SYSTEMD_UNIT_DIR=/srv/units)" "/srv/units" "a chosen unit directory"
assert_eq "$(unit_dir_for -DCMAKE_INSTALL_PREFIX=/opt/mb)" "/srv/units" "a chosen unit directory after a new prefix"
ok "systemd units go to /etc/systemd/system under a prefix systemd does not read; a chosen directory is kept"
