#include "mountctl/doctor/socket_check.hpp"

#include <catch2/catch.hpp>

using namespace mb::ctl::doctor;
using Kind = SocketFacts::Kind;

namespace {
const std::string kFix = "systemctl enable --now mount-broker.socket";
SocketFacts facts(Kind k, std::string activation = "") {
  SocketFacts f;
  f.path = "/run/mount-broker.sock";
  f.kind = k;
  f.detail = "Connection refused";
  if (k == Kind::answered) f.version = mb::proto::VersionResponse{"0.1.0", 1, 42, activation};
  return f;
}
}  // namespace

TEST_CASE("a socket activated by the service manager is ok") {
  auto f = judge_socket(facts(Kind::answered, "systemd (listening)"), kFix, "sudo mountctl doctor");
  CHECK(f.status == Status::ok);
  CHECK(f.subject == "/run/mount-broker.sock");
  CHECK_THAT(f.message, Catch::Contains("systemd (listening)") && Catch::Contains("pid 42"));
}

TEST_CASE("a broker that bound the socket itself is resident: a warning") {
  auto f = judge_socket(facts(Kind::answered, "self /run/mount-broker.sock (listening)"), kFix,
                        "sudo mountctl doctor");
  CHECK(f.status == Status::warn);
  CHECK(f.fix == "kill 42 && " + kFix);
}

TEST_CASE("no socket or nobody answering is a problem naming the socket, with the fix") {
  for (Kind k : {Kind::missing, Kind::unreachable, Kind::timeout, Kind::refused}) {
    auto f = judge_socket(facts(k), kFix, "sudo mountctl doctor");
    CHECK(f.status == Status::problem);
    CHECK(f.subject == "/run/mount-broker.sock");
    CHECK(f.fix == kFix);
  }
  auto not_socket = judge_socket(facts(Kind::not_a_socket), kFix, "sudo mountctl doctor");
  CHECK(not_socket.fix == "rm /run/mount-broker.sock && " + kFix);
  auto denied = judge_socket(facts(Kind::denied), kFix, "sudo mountctl doctor");
  CHECK(denied.fix == "chmod 0666 /run/mount-broker.sock");
}

TEST_CASE("a socket hidden from a user who is not root is skipped, not a problem") {
  auto f = judge_socket(facts(Kind::hidden), kFix, "sudo mountctl doctor");
  CHECK(f.status == Status::skipped);
  CHECK(f.fix == "sudo mountctl doctor");
}
