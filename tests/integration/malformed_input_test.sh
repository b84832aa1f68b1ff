#!/usr/bin/env bash
# Raw bytes on the socket: malformed, oversize, wrong-version and unknown-op requests each get
# an error response and a closed connection; the broker keeps serving everyone else. Every
# reply is UTF-8 JSON, also when the request echoed in it was not UTF-8.
. "$(dirname "$0")/lib.sh"
mb_setup
IDLE_EXIT=5 write_config
start_holder
mstatus >/dev/null || fail "cold status"
pid_before=$(mctl --json version | sed 's/.*"pid": \([0-9]*\).*/\1/')

python3 - "$SOCK" <<'PY' || fail "raw protocol checks"
import json, socket, sys
path = sys.argv[1]

def exchange(payload, hold_open=None):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(10)
    s.connect(path)
    if hold_open is not None:
        hold_open.append(s)
    try:
        s.sendall(payload)
        s.shutdown(socket.SHUT_WR)  # a valid request keeps the connection open until EOF
    except (BrokenPipeError, ConnectionResetError):
        pass  # the broker may close before reading an oversize line to its end
    data = b""
    while True:
        try:
            chunk = s.recv(65536)
        except ConnectionResetError:
            break
        if not chunk:
            break  # the broker closed the connection
        data += chunk
    s.close()
    lines = data.split(b"\n")
    assert len(lines) == 2 and lines[1] == b"", f"expected one response line, got {data!r}"
    # Strict: json.loads(bytes) alone would let encoded surrogates through.
    return json.loads(lines[0].decode("utf-8", errors="strict"))

# A well-behaved client kept open across the bad ones.
good = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
good.settimeout(10)
good.connect(path)

cases = [
    (b"this is not json\n", "bad_request"),
    (b"{\"v\":1,\"id\":\n", "bad_request"),
    (b"[" * 5000 + b"\n", "bad_request"),
    (b"\x00\xff\xfe garbage\n", "bad_request"),
    (b"{\"v\":2,\"id\":4,\"op\":\"status\"}\n", "unsupported_version"),
    (b"{\"v\":1,\"id\":5,\"op\":\"rm-rf\"}\n", "unknown_op"),
    (b"{\"v\":1,\"id\":6,\"op\":\"status\",\"pad\":\"" + b"x" * 70000 + b"\"}\n", "oversize"),
    (b"x" * 200000, "oversize"),
]
# Bytes that are not UTF-8 where the reply echoes them: echoed as U+FFFD.
not_utf8 = [
    (b"{\"v\":1,\"id\":7,\"op\":\"st\xff\xfeat\xc3\"}\n", "unknown_op"),
    (b"{\"v\":1,\"id\":8,\"op\":\"\xed\xa0\x80\xc0\xaf\\\"\"}\n", "unknown_op"),
    (b"{\"v\":1,\"id\":11,\"op\":\"mount\",\"name\":\"ph\xf4\x90\x80\x80\"}\n", "not_found"),
    (b"{\"v\":1,\"id\":12,\"op\":\"probe\",\"name\":\"\x80\xbf\"}\n", "not_found"),
]
for payload, code in cases + not_utf8:
    resp = exchange(payload)
    assert resp["ok"] is False, resp
    assert resp["error"]["code"] == code, (payload[:40], resp)
    if (payload, code) in not_utf8:
        assert "\ufffd" in resp["error"]["message"], resp
    print("ok:", code, "for", payload[:30])

good.sendall(b"{\"v\":1,\"id\":9,\"op\":\"status\"}\n")
line = good.makefile("rb").readline()
assert json.loads(line)["ok"] is True
print("ok: the open client is still served")

# A request without a trailing newline, then EOF, is still answered.
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(10)
s.connect(path)
s.sendall(b"{\"v\":1,\"id\":10,\"op\":\"version\"}")
s.shutdown(socket.SHUT_WR)
resp = json.loads(s.makefile("rb").readline())
assert resp["ok"] and resp["id"] == 10, resp
print("ok: a last request without newline is answered")
PY
ok "bad input gets an error response and a closed connection"

pid_after=$(mctl --json version | sed 's/.*"pid": \([0-9]*\).*/\1/')
assert_eq "$pid_after" "$pid_before" "the same broker instance"
ok "the broker kept running and serving after bad input"
