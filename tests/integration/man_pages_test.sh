#!/usr/bin/env bash
# The man pages, configured the way CMake installs them: they lint clean with mandoc and groff,
# and they are complete: every mountctl command and option, every mount-broker option, every
# exit status and every config key the loader accepts is documented.
. "$(dirname "$0")/lib.sh"
mb_setup

PAGES=(mountctl.8 mount-broker.8 mount-broker.toml.5 mount.mount-broker.8)
command -v mandoc >/dev/null || fail "mandoc is not installed (run scripts/install-deps.sh)"
command -v groff >/dev/null || fail "groff is not installed (run scripts/install-deps.sh)"

# The pages as CMake configured them (man/*.in, configure_file @ONLY) for `cmake --install`.
MAN=$MB_BIN/man
for page in "${PAGES[@]}"; do
  [ -f "$MAN/$page" ] || fail "$MAN/$page is missing: CMake configures man/$page.in there"
done

for page in "${PAGES[@]}"; do
  left=$(grep -o '@[A-Za-z_]*@' "$MAN/$page" | sort -u | tr '\n' ' ' || true)
  [ -z "$left" ] || fail "$page: placeholders left unconfigured: $left"
done
ok "the pages are configured, with no @PLACEHOLDER@ left"

for page in "${PAGES[@]}"; do
  out=$(mandoc -T lint -W warning "$MAN/$page" 2>&1) || fail "mandoc -T lint failed on $page: $out"
  [ -z "$out" ] || fail "mandoc -T lint -W warning on $page:"$'\n'"$out"
done
ok "mandoc -T lint -W warning prints nothing for any page"

for page in "${PAGES[@]}"; do
  err=$(groff -ww -mandoc -Tutf8 "$MAN/$page" 2>&1 >/dev/null) || fail "groff failed on $page: $err"
  [ -z "$err" ] || fail "groff -ww -mandoc on $page:"$'\n'"$err"
done
ok "groff -ww -mandoc -Tutf8 renders every page without a warning"

for page in "${PAGES[@]}"; do
  name=${page%.*}
  section=${page##*.}
  title=$(mandoc -T utf8 "$MAN/$page" | col -b | sed -n 1p)
  grep -qiF "${name}($section)" <<<"$title" || fail "$page renders with the title [$title]"
done
ok "each page renders with its name and section"

# --- mountctl(8): every command, option and exit status of the real binary ---------------------
help=$("$MOUNTCTL" --help) || fail "mountctl --help failed"
# "  unmount, umount   ...": a command and its aliases; the aliases must be named in the page too.
commands=$(awk 'tolower($0) ~ /^subcommands:/ {on = 1; next} on && /^[^ ]/ {on = 0} on && NF {sub(/,$/, "", $1); print $1}' <<<"$help")
aliases=$(awk 'tolower($0) ~ /^subcommands:/ {on = 1; next} on && /^[^ ]/ {on = 0} on && $1 ~ /,$/ {print $2}' <<<"$help")
for a in $aliases; do
  grep -qE "^\.Cm $a( |$)|^\.Cm [a-z]+ \| $a( |$)" "$MAN/mountctl.8" || fail "mountctl.8 does not name the alias '$a'"
done
[ "$(wc -w <<<"$commands")" -ge 9 ] || fail "could not read the commands from mountctl --help: [$commands]"
for c in $commands; do
  grep -qE "^\.It Cm $c( |$)" "$MAN/mountctl.8" || fail "mountctl.8 does not describe the command '$c'"
done
ok "every command listed by mountctl --help has an entry in mountctl.8 ($(echo $commands))"

# Long options as CLI11 prints them ("  --wait", "  -f,--force"), for the program and each command.
long_options() { grep -oE '^ +(-[a-zA-Z], ?)?--[a-z][a-z-]*' | grep -oE -- '--[a-z][a-z-]*' | grep -vx -- '--help'; }
checked=0
for opt in $(long_options <<<"$help"); do
  grep -qE "Fl -${opt#--}( |$)" "$MAN/mountctl.8" || fail "mountctl.8 does not describe the option $opt"
  checked=$((checked + 1))
done
for c in $commands; do
  sub=$("$MOUNTCTL" "$c" --help) || fail "mountctl $c --help failed"
  for opt in $(long_options <<<"$sub"); do
    grep -qE "Fl -${opt#--}( |$)" "$MAN/mountctl.8" || fail "mountctl.8 does not describe '$c $opt'"
    checked=$((checked + 1))
  done
done
[ $checked -ge 6 ] || fail "found only $checked mountctl options in --help"
ok "every option of mountctl and of its commands appears in mountctl.8 ($checked)"

codes=$(awk '/^Exit status:/ {on = 1; next} on && /^ +[0-9]+ / {print $1}' <<<"$help")
[ -n "$codes" ] || fail "no exit statuses in mountctl --help"
for code in $codes; do
  grep -qE "^\.It $code$" "$MAN/mountctl.8" || fail "mountctl.8 EXIT STATUS does not list $code"
done
ok "every exit status in mountctl --help is listed in mountctl.8 ($(echo $codes))"

# --- mount-broker(8): every option ---------------------------------------------------------------
bhelp=$("$BROKER" --help) || fail "mount-broker --help failed"
n=0
for opt in $(long_options <<<"$bhelp"); do
  grep -qE "Fl -${opt#--}( |$)" "$MAN/mount-broker.8" || fail "mount-broker.8 does not describe $opt"
  n=$((n + 1))
done
[ $n -ge 6 ] || fail "found only $n options in mount-broker --help"
for mode in launchd systemd inetd nowait "--listen" SIGTERM SIGHUP; do
  grep -qF -- "$mode" "$MAN/mount-broker.8" || fail "mount-broker.8 does not mention $mode"
done
ok "every mount-broker option ($n), each activation mode and the signals appear in mount-broker.8"

# --- mount-broker.toml(5): every key the loader accepts ------------------------------------------
# The loader refuses every key not in these lists (TableReader::reject_unknown), so they
# are exactly the keys it accepts. The declared array size guards the extraction.
loader_keys() {
  local header=$1 array=$2 block size keys
  block=$(sed -n "/$array{/,/};/p" "$MB_SRC/$header")
  size=$(sed -n "s/.*std::array<std::string_view, *\([0-9]*\)> *$array{.*/\1/p" "$MB_SRC/$header")
  keys=$(grep -oE '"[a-z_]+"' <<<"$block" | tr -d '"')
  [ -n "$size" ] && [ "$(wc -w <<<"$keys")" = "$size" ] ||
    fail "could not read $array from $header (declared ${size:-?}, read $(wc -w <<<"$keys"))"
  echo "$keys"
}
all_keys=$(
  loader_keys core/config/broker_settings.hpp kBrokerKeys
  loader_keys core/config/settings.hpp kSettingKeys
  loader_keys core/config/mounts.hpp kMountKeys
  loader_keys core/config/tunnel.hpp kTunnelKeys
) || exit 1
[ "$(wc -w <<<"$all_keys")" -ge 25 ] || fail "too few config keys read: [$all_keys]"
for key in $all_keys; do
  grep -qE "^\.It Ic $key( |$)" "$MAN/mount-broker.toml.5" ||
    fail "mount-broker.toml.5 does not describe the key '$key'"
  grep -qF "| \`$key\` |" "$MB_SRC/docs/CONFIG.md" || fail "docs/CONFIG.md has no table row for '$key'"
done
ok "every config key the loader accepts ($(wc -w <<<"$all_keys")) has an entry in mount-broker.toml.5 and docs/CONFIG.md"

# Each key is accepted by the real loader exactly where the page puts it: a file using every
# [broker] and mount key passes --check-config.
cat >"$T/every_key.toml" <<EOF
[broker]
socket = "$T/x.sock"
state_dir = "$T/state"
credentials_dir = "$T/cred"
idle_exit_sec = 15
admin_group = "wheel"
log_level = "info"
max_parallel_probes = 4
log_file = "$T/broker.log"
log_max_size_mb = 0.5
log_max_files = 3
metrics_file = "$T/mount-broker.prom"

[defaults]
options = ["soft"]
auto_mount = false
probe_interval_sec = 60
probe_timeout_sec = 5
probe_failure_threshold = 3
recover_backoff_sec = [2, 5]
failed_retry_sec = 30
mount_timeout_sec = 30
idle_unmount_min = 0.5
probe_path = ".probe"

[[mount]]
name = "c"
type = "command"
server = "h"
share = "/s"
username = "u"
mountpoint = "$T/mnt"
credential = "none"
command = ["rclone", "mount", "r:", "{mountpoint}", "--smb-host", "{server}", "--smb-port", "{port}"]
source = "r:"
local_user = "root"
tunnel = "ssh://tun@gw.example"
tunnel_identity = "/etc/mount-broker/tunnel_ed25519"
tunnel_known_hosts = "/etc/mount-broker/known_hosts"
tunnel_port = 445
EOF
chmod 0644 "$T/every_key.toml"
out=$("$BROKER" --check-config "$T/every_key.toml" 2>&1) || fail "a file with every key is refused: $out"
n=$(grep -cE '^[a-z_]+ = ' "$T/every_key.toml")
assert_eq "$n" "$(wc -w <<<"$all_keys")" "the every-key file uses each loader key once"
ok "a config that uses every documented key passes mount-broker --check-config"

# The example of mount-broker.toml(5) is a config the broker accepts as it stands.
awk '/^\.Sh EXAMPLES/ {on = 1} on && /^\.Bd -literal/ {f = 1; next} f && /^\.Ed/ {exit} f' \
  "$MAN/mount-broker.toml.5" >"$T/page_example.toml"
grep -q '^\[\[mount\]\]' "$T/page_example.toml" || fail "no config example found in mount-broker.toml.5"
chmod 0644 "$T/page_example.toml"
out=$("$BROKER" --check-config "$T/page_example.toml" 2>&1) || fail "the page's example is refused: $out"
ok "the example in mount-broker.toml.5 passes mount-broker --check-config ($out)"
