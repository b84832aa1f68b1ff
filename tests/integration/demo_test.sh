#!/usr/bin/env bash
# scripts/demo.sh as a newcomer runs it, its output piped (as into a log): it builds only the
# three programs it runs, says what the build costs before it starts, prints no colour escape
# and no stray shell error, and ends with the recovered share healthy in `status scratch`.
. "$(dirname "$0")/lib.sh"
command -v bindfs >/dev/null || { echo "SKIP: bindfs is not installed"; exit 0; }
mb_setup

rc=0
MB_BUILD_DIR=$MB_BIN timeout 150 bash "$MB_SRC/scripts/demo.sh" >"$T/demo.out" 2>&1 || rc=$?
out=$(cat "$T/demo.out")
[ $rc = 0 ] || fail "demo.sh exited $rc: $(tail -n 40 "$T/demo.out")"
assert_contains "$out" "\$ cmake --build $MB_BIN --target mount-broker mountctl socket_holder" "the build command"
grep -Eq '^Building mount-broker mountctl socket_holder: (already built\.|[0-9]+ files to compile, roughly [0-9]+ min on [0-9]+ cores\.)$' <<<"$out" ||
  fail "no word on the build's cost before it: $(head -n 5 "$T/demo.out")"
ok "the demo builds only mount-broker, mountctl and socket_holder, and says what that costs first"

! grep -q $'\033' "$T/demo.out" || fail "colour escapes in piped output: $(grep -n $'\033' "$T/demo.out" | cat -v | head -3)"
! grep -Eiq 'no such file or directory|command not found|unbound variable|syntax error' "$T/demo.out" ||
  fail "a stray shell error: $(grep -Ein 'no such file|command not found|unbound variable|syntax error' "$T/demo.out")"
ok "piped, the demo prints no colour escape and no stray shell error"

assert_contains "$out" "== the periodic sweep notices" "the recovery step"
assert_contains "$out" "\$ $MB_BIN/mountctl status scratch" "status NAME in the demo"
grep -Eq '^  phase: +mounted since' <<<"$out" || fail "status scratch does not show it mounted: $out"
grep -Eq '^  recoveries: +1$' <<<"$out" || fail "status scratch does not count the recovery"
ok "the demo shows status scratch: mounted, one recovery"

grep -Eq '^[0-9:]{8} scratch: mounted -> ' <<<"$out" || fail "the monitor's lines are not shown: $out"
grep -Fxq 'mount_broker_mount_up{mount="scratch"} 1' <<<"$out" || fail "no metrics with scratch up: $out"
grep -Fxq 'mount_broker_mount_recoveries_total{mount="scratch"} 1' <<<"$out" ||
  fail "the metrics do not count the recovery"
ok "the demo shows the monitor's lines of the recovery and the metrics"
