#!/usr/bin/env bash
# Authorization from peer credentials: read-only operations for everyone, reload for root and
# members of admin_group only, with the documented exit status.
. "$(dirname "$0")/lib.sh"
mb_setup
chmod 0755 "$T"  # let nobody reach the socket
ADMIN_GROUP=adm write_config
start_holder

out=$(runuser -u nobody -- timeout 30 "$MOUNTCTL" --socket "$SOCK" status) ||
  fail "status as nobody failed"
assert_contains "$out" "NAME" "status table"
ok "status works as nobody"

rc=0
err=$(runuser -u nobody -- timeout 30 "$MOUNTCTL" --socket "$SOCK" reload 2>&1) || rc=$?
assert_eq "$rc" 5 "exit status of a refused reload"
assert_contains "$err" "permission_denied" "the error names the code"
assert_contains "$err" '"adm"' "the error names the admin group"
ok "reload as nobody is refused with exit status 5"

rc=0
setpriv --reuid=nobody --regid=nogroup --groups="$(getent group adm | cut -d: -f3)" \
  timeout 30 "$MOUNTCTL" --socket "$SOCK" reload >/dev/null 2>&1 || rc=$?
assert_eq "$rc" 0 "reload by a member of admin_group"
ok "reload by a member of admin_group (supplementary group) is allowed"

mctl reload >/dev/null || fail "reload as root failed"
ok "reload as root is allowed"
