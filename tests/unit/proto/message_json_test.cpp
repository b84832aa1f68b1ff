#include "proto/message_json.hpp"

#include <catch2/catch.hpp>
#include <sstream>

using namespace mb::proto;

namespace {

template <class T>
std::string write(const T& value) {
  std::ostringstream os;
  {
    cereal::JSONOutputArchive ar(os, cereal::JSONOutputArchive::Options::NoIndent());
    ar(cereal::make_nvp("v", value));
  }
  std::string out = os.str();
  std::erase(out, '\n');  // cereal's NoIndent still breaks lines
  return out;
}

template <class T>
T read(const std::string& json) {
  mb::util::JsonInputArchive ar(json);
  T value;
  ar(cereal::make_nvp("v", value));
  return value;
}

}  // namespace

TEST_CASE("message_json: a mount's status survives a round trip field by field") {
  MountStatus m;
  m.name = "photos";
  m.type = "smb";
  m.state = "recovering";
  m.desired = "mounted";
  m.finding = "lost";
  m.mountpoint = "/mnt/photos";
  m.source = "//nas/photos";
  m.since = 1700000000;
  m.reason = "probe";
  m.last_error = "probe: stat: Transport endpoint is not connected";
  m.error_class = "network";
  m.recoveries = 2;
  m.next_attempt_at = 1700000015;
  auto back = read<MountStatus>(write(m));
  CHECK(write(back) == write(m));
  CHECK(back.next_attempt_at == 1700000015);
}

TEST_CASE("message_json: only a status's name is required, absent fields keep defaults") {
  auto m = read<MountStatus>(R"({"v": {"name": "x"}})");
  CHECK(m.name == "x");
  CHECK(m.state.empty());
  CHECK(m.recoveries == 0);
  CHECK_THROWS_AS(read<MountStatus>(R"({"v": {"state": "mounted"}})"), FieldError);
  CHECK_THROWS_AS(read<SweepItem>(R"({"v": {"healthy": true}})"), FieldError);
}

TEST_CASE("message_json: a sweep line round-trips, an error is written with its code name") {
  SweepItem i;
  i.name = "scratch";
  i.state = "mounted";
  i.action = "probed";
  i.healthy = true;
  i.detail = "";
  auto back = read<SweepItem>(write(i));
  CHECK(back.name == "scratch");
  CHECK(back.action == "probed");
  CHECK(back.healthy);
  ErrorBody e{ErrorCode::not_saved, "state: not saved: No space left on device"};
  CHECK(write(e) ==
        R"({"v": {"code": "not_saved","message": "state: not saved: No space left on device"}})");
}
