#include "core/config/server_key.hpp"

#include <catch2/catch.hpp>

using mb::core::config::MountConfig;
using mb::core::config::server_key;

namespace {
MountConfig with(std::string server, std::string source) {
  MountConfig m;
  m.server = std::move(server);
  m.source = std::move(source);
  return m;
}
}  // namespace

TEST_CASE("the server key is the server when the config names one") {
  CHECK(server_key(with("nas.local", "//nas.local/photos")) == "nas.local");
}

TEST_CASE("the server key of a command mount comes from its source") {
  CHECK(server_key(with("", "//127.0.0.1/share")) == "127.0.0.1");
  CHECK(server_key(with("", "//nas")) == "nas");
  CHECK(server_key(with("", "nas:/export")) == "nas");
  CHECK(server_key(with("", "alice@gate.example:/home/alice")) == "gate.example");
  CHECK(server_key(with("", "myremote:")) == "myremote");
  CHECK(server_key(with("", "/srv/data")) == "/srv/data");
  CHECK(server_key(with("", "")).empty());
}
