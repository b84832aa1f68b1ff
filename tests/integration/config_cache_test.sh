#!/usr/bin/env bash
# A cold start does not parse an unchanged config.toml again: the broker saves the validated
# config in a compact form (config.cache in the state directory, made from the file's exact
# bytes, its path and the broker binary) and the next start takes it from there. Any edit of
# the file is seen, even one that keeps its size and modification time; a corrupt or
# truncated cache is ignored and replaced. Every status here is cold (idle exit 1 s, the
# socket holder starts a broker per request).
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
mb_setup

mounts() {
  local n
  for n in "$@"; do
    mkdir -p "$T/mnt/$n"
    printf '%s\n' '[[mount]]' "name = \"$n\"" 'type = "command"' "mountpoint = \"$T/mnt/$n\"" \
      'command = ["true", "{mountpoint}"]' 'auto_mount = false'
  done
}
IDLE_EXIT=1 write_config "$(mounts m1 m2 m3)"
CACHE=$STATE/config.cache
start_holder

# cold_names: the mount names a freshly started broker reports, on one line.
cold_names() {
  wait_until 20 no_broker_running || fail "the previous broker did not idle out"
  mctl list | tr '\n' ' '
}
identity() { stat -c '%i %y %s' "$CACHE"; }

assert_eq "$(cold_names)" "m1 m2 m3 " "mounts of the first start"
[ -s "$CACHE" ] || fail "no $CACHE after a start with a valid config"
first=$(identity)
assert_eq "$(cold_names)" "m1 m2 m3 " "mounts of the second start"
assert_eq "$(identity)" "$first" "the cache after a start with the same config (rewritten: not used)"
ok "a start saves the parsed config; the next start with the same file uses it as it is"

# The same size and the same modification time, one byte different: only the bytes tell.
cp -p "$CONFIG" "$T/config.before"
sed -i 's/name = "m3"/name = "m9"/' "$CONFIG"
touch -r "$T/config.before" "$CONFIG"
assert_eq "$(stat -c '%s %Y' "$CONFIG")" "$(stat -c '%s %Y' "$T/config.before")" "size and mtime"
assert_eq "$(cold_names)" "m1 m2 m9 " "mounts after renaming m3 (same size and mtime)"
[ "$(identity)" != "$first" ] || fail "the cache was not replaced after the config changed"
ok "an edit that keeps the file's size and mtime is seen, and the cache is replaced"

printf 'not a cache' >"$CACHE"
assert_eq "$(cold_names)" "m1 m2 m9 " "mounts with a corrupt cache"
head -c 26 "$CACHE" | grep -q '^mount-broker config cache' || fail "the corrupt cache was not replaced"
size=$(stat -c %s "$CACHE")
head -c $((size - 5)) "$CACHE" >"$T/cut" && cat "$T/cut" >"$CACHE"
assert_eq "$(cold_names)" "m1 m2 m9 " "mounts with a truncated cache"
assert_eq "$(stat -c %s "$CACHE")" "$size" "the truncated cache's size after a start"
ok "a corrupt or truncated cache is ignored and replaced"

# A cache the config in force was made from, left over after the file broke: never used for
# the broken file (the last good config is, and says so).
echo 'this is not toml' >>"$CONFIG"
wait_until 20 no_broker_running || fail "the previous broker did not idle out"
out=$(mctl status 2>&1 || true)
assert_contains "$out" "last good config"
ok "an invalid config is reported as invalid even with a cache of its earlier bytes"
