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

TEST_CASE("server peers: each mount's others on the same server, none for a lone or keyless one") {
  mb::core::config::Config cfg;
  auto add = [&](std::string name, std::string server, std::string source) {
    MountConfig m = with(std::move(server), std::move(source));
    m.name = std::move(name);
    cfg.mounts.push_back(m);
  };
  add("a", "nas", "//nas/a");
  add("b", "", "//nas/b");
  add("c", "", "nas:/c");
  add("lone", "", "/srv/data");
  add("keyless", "", "");
  add("keyless2", "", "");
  auto peers = mb::core::config::server_peers(cfg);
  CHECK(peers["a"] == std::vector<std::string>{"b", "c"});
  CHECK(peers["b"] == std::vector<std::string>{"a", "c"});
  CHECK(peers["c"] == std::vector<std::string>{"a", "b"});
  CHECK(peers.count("lone") == 0);
  CHECK(peers.count("keyless") == 0);  // an empty key shares nothing
}
