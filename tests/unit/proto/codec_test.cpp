// The wire format is pinned by golden files (tests/golden/proto/*.json): encoding a value must
// give the file byte for byte, and decoding the file must give the value back. To change the
// protocol on purpose, run the tests with MB_ACCEPT_GOLDEN=1 and commit the changed files.
#include "proto/codec.hpp"

#include <catch2/catch.hpp>

#include "tests/support/golden.hpp"

using namespace mb::proto;

namespace {

std::string read_golden(const std::string& name) {
  return mb::test::read_golden("proto", name);
}

void check_golden(const std::string& name, const std::string& encoded) {
  mb::test::check_golden("proto", name, encoded);
}

MountStatus sample_mount() {
  MountStatus m;
  m.name = "photos";
  m.type = "smb";
  m.state = "mounted";
  m.desired = "mounted";
  m.finding = "adopted";
  m.mountpoint = "/Volumes/photos";
  m.source = "//nas.local/photos";
  m.since = 1795290604;
  m.reason = "adopted";
  m.recoveries = 2;
  m.error_class = "network";
  m.options = {"soft", "nodev", "nosuid"};
  m.last_probe_at = 1795290660;
  m.last_probe_ms = 14;
  return m;
}

Event state_event(std::uint64_t id, MountStatus m) {
  Event e;
  e.id = id;
  e.mount = std::move(m);
  return e;
}

StatusResponse listing(std::vector<MountStatus> mounts, std::vector<std::string> warnings) {
  StatusResponse s;
  s.mounts = std::move(mounts);
  s.warnings = std::move(warnings);
  return s;
}

MountStatus odd_mount() {
  MountStatus m;
  m.name = "odd_1";
  m.type = "command";
  m.state = "unmounted";
  m.desired = "unmounted";
  m.finding = "conflict";
  m.mountpoint = "/mnt/with space/\xc3\xbc\"quote\"\\back";
  m.source = "tmpfs";
  m.since = 1;
  m.reason = "conflict";
  m.last_error = "\"other\" (tmpfs) is mounted at /mnt/x, not ours: left alone\nsecond line";
  m.next_attempt_at = 1795290700;
  return m;
}

const std::vector<std::pair<std::string, Request>>& request_cases() {
  static const std::vector<std::pair<std::string, Request>> cases{
      {"request_status", Request{7, StatusRequest{}}},
      {"request_status_name", Request{7, StatusRequest{"photos"}}},
      {"request_version", Request{8, VersionRequest{}}},
      {"request_reload", Request{9, ReloadRequest{}}},
      {"request_mount", Request{10, MountRequest{"photos", true, 45}}},
      {"request_unmount", Request{11, UnmountRequest{"photos", true}}},
      {"request_probe", Request{12, ProbeRequest{"photos"}}},
      {"request_sweep", Request{13, SweepRequest{}}},
      {"request_monitor", Request{14, MonitorRequest{}}},
      {"request_sweep_now", Request{15, SweepRequest{true}}},
      {"request_metrics", Request{16, MetricsRequest{}}},
  };
  return cases;
}

struct ResponseCase {
  std::string name;
  Op op;
  Response value;
};

const std::vector<ResponseCase>& response_cases() {
  static const std::vector<ResponseCase> cases{
      {"response_status", Op::status,
       Response{7, listing({sample_mount(), odd_mount()}, {"running on the last good config"})}},
      {"response_status_empty", Op::status, Response{7, StatusResponse{}}},
      {"response_status_name", Op::status,
       Response{7, StatusResponse{{sample_mount()},
                                  {},
                                  "/var/log/mount-broker.log",
                                  {"2026-11-21T20:18:45.120+00:00 mount-broker[4242] info: photos: "
                                   "mounting -> mounted"}}}},
      {"response_version", Op::version,
       Response{8, VersionResponse{"0.1.0", 1, 4242, "systemd (listening)"}}},
      {"response_reload", Op::reload, Response{9, ReloadResponse{{"new"}, {"old"}, {"photos"}}}},
      {"response_error_not_found", Op::status,
       Response{10, ErrorBody{ErrorCode::not_found, "no mount named \"x\""}}},
      {"response_error_permission_denied", Op::reload,
       Response{11, ErrorBody{ErrorCode::permission_denied,
                              "\"reload\" changes the broker's state: it needs root or "
                              "membership in the group \"wheel\""}}},
      {"response_error_bad_request", Op::status,
       Response{0, ErrorBody{ErrorCode::bad_request, "missing field \"v\""}}},
      {"response_mount", Op::mount, Response{10, MountResponse{sample_mount()}}},
      {"response_unmount", Op::unmount, Response{11, MountResponse{odd_mount()}}},
      {"response_probe", Op::probe,
       Response{12, ProbeResponse{"definite", "opendir: Transport endpoint is not connected", 3,
                                  true, sample_mount()}}},
      {"response_sweep", Op::sweep,
       Response{13, SweepResponse{{{"photos", "mounted", "recovered", true, ""},
                                   {"odd_1", "failed", "retry scheduled", false,
                                    "mount.cifs: mount error(112): Host is down"}},
                                  false,
                                  5021}}},
      {"response_error_failed", Op::mount,
       Response{14,
                ErrorBody{ErrorCode::failed, "photos: auth: mount error(13): Permission denied"}}},
      {"response_error_not_saved", Op::unmount,
       Response{15, ErrorBody{ErrorCode::not_saved,
                              "done, but not saved to disk: write .state.json.tmp-7: No space "
                              "left on device"}}},
      {"response_monitor", Op::monitor, Response{16, MonitorResponse{"the broker was stopped"}}},
      // A label value with a quote, the escapes the text format needs inside a JSON string.
      {"response_metrics", Op::metrics,
       Response{17, MetricsResponse{"# HELP mount_broker_mount_up 1 while mounted.\n"
                                    "# TYPE mount_broker_mount_up gauge\n"
                                    "mount_broker_mount_up{mount=\"photos\"} 1\n"}}},
  };
  return cases;
}

}  // namespace

TEST_CASE("every request encodes to its golden file and decodes back to the same value") {
  for (const auto& [name, value] : request_cases()) {
    SECTION(name) {
      check_golden(name, encode(value));
      auto decoded = decode_request(read_golden(name));
      REQUIRE(std::holds_alternative<Request>(decoded));
      CHECK(std::get<Request>(decoded) == value);
    }
  }
}

TEST_CASE("every response encodes to its golden file and decodes back to the same value") {
  for (const auto& c : response_cases()) {
    SECTION(c.name) {
      check_golden(c.name, encode(c.value));
      auto decoded = decode_response(read_golden(c.name), c.op);
      REQUIRE(std::holds_alternative<Response>(decoded));
      CHECK(std::get<Response>(decoded) == c.value);
    }
  }
}

TEST_CASE("a state event encodes to its golden file and decodes as an event, not a response") {
  Event e = state_event(10, sample_mount());
  check_golden("event_state", encode(e));
  auto decoded = decode_reply(read_golden("event_state"), Op::mount);
  REQUIRE(std::holds_alternative<Event>(decoded));
  CHECK(std::get<Event>(decoded) == e);
  auto final_line = decode_reply(read_golden("response_mount"), Op::mount);
  REQUIRE(std::holds_alternative<Response>(final_line));
}

namespace {

Event monitor_event(const std::string& kind) {
  Event e;
  e.id = 14;
  e.kind = kind;
  e.time = 1795290700;
  return e;
}

}  // namespace

TEST_CASE("every monitor event kind encodes to its golden file and decodes back") {
  Event state = monitor_event("state");
  state.mount = sample_mount();
  state.mount.state = "recovering";
  state.mount.last_error = "probe: stat: Transport endpoint is not connected";
  state.from = "mounted";
  state.changes = {"phase", "error"};
  Event hello = monitor_event("hello");
  hello.pid = 4242;
  hello.version = "0.1.0";
  Event sweep_end = monitor_event("sweep-end");
  sweep_end.duration_ms = 812;
  sweep_end.healthy = false;
  const std::vector<std::pair<std::string, Event>> cases{
      {"event_monitor_state", state},
      {"event_monitor_hello", hello},
      {"event_monitor_sweep_start", monitor_event("sweep-start")},
      {"event_monitor_sweep_end", sweep_end}};
  for (const auto& [name, value] : cases) {
    SECTION(name) {
      check_golden(name, encode(value));
      auto decoded = decode_reply(read_golden(name), Op::monitor);
      REQUIRE(std::holds_alternative<Event>(decoded));
      CHECK(std::get<Event>(decoded) == value);
    }
  }
}

TEST_CASE("a mount --wait state event carries no monitor fields") {
  std::string line = encode(state_event(3, sample_mount()));
  CHECK(line.find("\"time\"") == std::string::npos);
  CHECK(line.find("\"changes\"") == std::string::npos);
}

TEST_CASE("a mount request without a name is refused") {
  auto r = decode_request("{\"v\":1,\"id\":3,\"op\":\"mount\"}");
  REQUIRE(std::holds_alternative<DecodeError>(r));
  CHECK(std::get<DecodeError>(r).code == ErrorCode::bad_request);
  CHECK_THAT(std::get<DecodeError>(r).message, Catch::Contains("name"));
}

TEST_CASE("responses may exceed the request limit (a status of many mounts)") {
  StatusResponse big;
  for (int i = 0; i < 400; ++i) {
    auto m = sample_mount();
    m.name = "m" + std::to_string(i);
    big.mounts.push_back(m);
  }
  std::string line = encode(Response{1, big});
  REQUIRE(line.size() > kMaxMessage);
  auto decoded = decode_response(line, Op::status);
  REQUIRE(std::holds_alternative<Response>(decoded));
}

TEST_CASE("an encoded message is exactly one line, even when strings hold newlines") {
  std::string line = encode(Response{1, listing({odd_mount()}, {"a\nb"})});
  CHECK(line.back() == '\n');
  CHECK(std::count(line.begin(), line.end(), '\n') == 1);
}

namespace {
DecodeError decode_error(std::string_view line) {
  auto r = decode_request(line);
  REQUIRE(std::holds_alternative<DecodeError>(r));
  return std::get<DecodeError>(r);
}
}  // namespace

TEST_CASE("malformed requests become bad_request errors, never exceptions") {
  for (const char* line : {"", "garbage", "{", "[1,2]", "null", "42", "{\"v\":1,\"id\":1}",
                           "{\"v\":\"1\",\"id\":1,\"op\":\"status\"}",
                           "{\"v\":1,\"id\":-1,\"op\":\"status\"}", "{\"v\":1,\"id\":1,\"op\":7}",
                           "{\"v\":1,\"id\":1,\"op\":\"status\"} trailing", "\xff\xfe{\"v\":1}"}) {
    INFO("input: " << line);
    CHECK(decode_error(line).code == ErrorCode::bad_request);
  }
}

TEST_CASE("a request for another protocol version is refused with unsupported_version") {
  auto e = decode_error("{\"v\":2,\"id\":5,\"op\":\"status\"}");
  CHECK(e.code == ErrorCode::unsupported_version);
  CHECK(e.id == 5);
}

TEST_CASE("an unknown operation is refused with unknown_op and keeps the request id") {
  auto e = decode_error("{\"v\":1,\"id\":6,\"op\":\"format-disk\"}");
  CHECK(e.code == ErrorCode::unknown_op);
  CHECK(e.id == 6);
  CHECK_THAT(e.message, Catch::Contains("format-disk"));
}

TEST_CASE("an operation name that is not UTF-8 is echoed as U+FFFD so the reply stays JSON") {
  auto e = decode_error("{\"v\":1,\"id\":6,\"op\":\"st\xff\xc0\xafus\xe2\x82\"}");
  CHECK(e.code == ErrorCode::unknown_op);
  CHECK(encode(error_response(e)) ==
        "{\"v\": 1,\"id\": 6,\"ok\": false,\"error\": {\"code\": \"unknown_op\",\"message\": "
        "\"unknown operation \\\"st\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdus\xef\xbf\xbd\\\"\"}}\n");
}

TEST_CASE(
    "every string of a response reaches the wire as UTF-8: names and paths and helper output") {
  MountStatus m = sample_mount();
  m.name = "n\xff";
  m.mountpoint = "/mnt/\xc3\xbc\xfe";
  m.last_error = "helper said \xed\xa0\x80";
  std::string line = encode(Response{1, listing({m}, {"warn \x80"})});
  for (const char* bad : {"\xff", "\xfe", "\xed\xa0", "\x80\""})
    CHECK(line.find(bad) == std::string::npos);
  auto decoded = decode_response(line, Op::status);
  REQUIRE(std::holds_alternative<Response>(decoded));
  const auto& s = std::get<StatusResponse>(std::get<Response>(decoded).body);
  CHECK(s.mounts.at(0).name == "n\xef\xbf\xbd");
  CHECK(s.mounts.at(0).mountpoint == "/mnt/\xc3\xbc\xef\xbf\xbd");
  CHECK(s.warnings.at(0) == "warn \xef\xbf\xbd");
  std::string event = encode(state_event(2, m));
  CHECK(event.find("\xff") == std::string::npos);
}

TEST_CASE("a message over 64 KiB is refused with oversize") {
  std::string big =
      "{\"v\":1,\"id\":1,\"op\":\"status\",\"pad\":\"" + std::string(70000, 'x') + "\"}";
  CHECK(decode_error(big).code == ErrorCode::oversize);
}

TEST_CASE("deeply nested JSON is refused without recursing") {
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  CHECK(decode_error(deep.substr(0, kMaxMessage - 1)).code == ErrorCode::bad_request);
}

TEST_CASE("fields may come in any order and unknown fields are ignored") {
  auto r = decode_request("{\"op\":\"version\",\"extra\":{\"x\":[1]},\"id\":3,\"v\":1}\n");
  REQUIRE(std::holds_alternative<Request>(r));
  CHECK(std::get<Request>(r) == Request{3, VersionRequest{}});
}

TEST_CASE("a response with an error code this client does not know still reads as a failure") {
  auto r = decode_response(
      "{\"v\":1,\"id\":2,\"ok\":false,\"error\":{\"code\":\"from_the_future\",\"message\":\"m\"}}",
      Op::status);
  REQUIRE(std::holds_alternative<Response>(r));
  auto& body = std::get<ErrorBody>(std::get<Response>(r).body);
  CHECK(body.code == ErrorCode::failed);
  CHECK(body.message == "m");
}

TEST_CASE("error codes round-trip through their wire names") {
  for (int i = 0; i <= static_cast<int>(ErrorCode::bad_response); ++i) {
    auto c = static_cast<ErrorCode>(i);
    CHECK(error_code_from_string(to_string(c)) == c);
  }
}

TEST_CASE("nesting is counted outside strings: 16 levels are read, the 17th is refused") {
  const auto with_x = [](const std::string& x) {
    return R"({"v":1,"id":4,"op":"version","x":)" + x + "}";
  };
  const auto nested = [](int n) { return std::string(n, '[') + std::string(n, ']'); };
  CHECK(std::holds_alternative<Request>(decode_request(with_x(nested(15)))));
  auto e = decode_error(with_x(nested(16)));
  CHECK(e.code == ErrorCode::bad_request);
  CHECK(e.message == "JSON nested too deeply");
  std::string objects;
  for (int i = 0; i < 17; ++i) objects += "{\"a\":";
  CHECK(decode_error(objects).message == "JSON nested too deeply");
  // Brackets in a string, after an escaped quote or an escaped backslash, are text.
  for (const std::string& s : std::vector<std::string>{
           "\"" + std::string(100, '[') + "\"", "\"\\\"" + std::string(100, '{') + "\"",
           "\"\\\\\\\"" + std::string(100, '[') + "\""}) {
    INFO(s);
    CHECK(std::holds_alternative<Request>(decode_request(with_x(s))));
  }
}

TEST_CASE("the text after a message's object is refused, a NUL byte ends it as before") {
  CHECK(decode_error(R"({"v":1,"id":1,"op":"status"} x)").code == ErrorCode::bad_request);
  CHECK(decode_error(R"({"v":1,"id":1,"op":"status"}{})").code == ErrorCode::bad_request);
  const std::string nul("{\"v\":1,\"id\":1,\"op\":\"status\"}\0x", 30);
  CHECK(std::holds_alternative<Request>(decode_request(nul)));
}

// The broker reads requests from any local user: whatever the bytes, a value or a DecodeError.
TEST_CASE("truncated and garbled messages decode to a value or a DecodeError, never throw") {
  std::vector<std::string> lines;
  for (const auto& [name, value] : request_cases()) lines.push_back(read_golden(name));
  for (const auto& c : response_cases()) lines.push_back(read_golden(c.name));
  const auto decode_all = [](const std::string& line) {
    CHECK_NOTHROW(decode_request(line));
    CHECK_NOTHROW(decode_response(line, Op::status));
    CHECK_NOTHROW(decode_reply(line, Op::sweep));
  };
  std::size_t decoded = 0;
  for (const std::string& line : lines) {
    for (std::size_t n = 0; n < line.size(); ++n) decode_all(line.substr(0, n));
    for (std::size_t i = 0; i < line.size(); i += 3) {
      for (char c : {'"', '\\', '{', '[', ']', '}', ',', ':', '\0', '\x01', '\xff', '-', 'e'}) {
        std::string garbled = line;
        garbled[i] = c;
        decode_all(garbled);
        ++decoded;
      }
    }
  }
  CHECK(decoded > 1000);
}

TEST_CASE("huge numbers, long strings and deep garbage decode to a DecodeError") {
  for (const std::string& line : std::vector<std::string>{
           R"({"v":1,"id":)" + std::string(400, '9') + R"(,"op":"status"})",
           R"({"v":1,"id":1e999,"op":"status"})",
           R"({"v":1,"id":1,"op":")" + std::string(60000, 'x'), std::string(60000, '['),
           std::string(30000, '"'), "{\"v\":1," + std::string(30000, '{'),
           R"({"v":1,"id":1,"op":"status","name":"\ud800"})"}) {
    INFO(line.substr(0, 60));
    CHECK(decode_error(line).code == ErrorCode::bad_request);
  }
}
