#include "core/config/diagnostics.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace mb::core::config;

TEST_CASE("diagnostics: messages are PATH:LINE, ordered by line, stable within a line") {
  Diagnostics d("/etc/mount-broker/config.toml");
  CHECK(d.empty());
  CHECK(d.text().empty());
  d.add(9, "mount \"b\": type: missing");
  d.add(2, "[broker] idle_exit_sec: must be an integer");
  d.add(9, "mount \"b\": name: missing");
  d.add(0, "no [[mount]] tables");
  CHECK_FALSE(d.empty());
  CHECK(d.text() ==
        "/etc/mount-broker/config.toml: no [[mount]] tables\n"
        "/etc/mount-broker/config.toml:2: [broker] idle_exit_sec: must be an integer\n"
        "/etc/mount-broker/config.toml:9: mount \"b\": type: missing\n"
        "/etc/mount-broker/config.toml:9: mount \"b\": name: missing");
}

TEST_CASE("diagnostics: a config read from a string is named <string>") {
  Diagnostics d("");
  d.add(1, "x");
  CHECK(d.text() == "<string>:1: x");
}

TEST_CASE("diagnostics: quoted keeps one message on one line and short") {
  CHECK(quoted("photos") == "\"photos\"");
  CHECK(quoted(std::string("a\nb\tc")) == "\"a\\x0ab\\x09c\"");
  CHECK(quoted("say \"hi\" \\ bye") == "\"say \\x22hi\\x22 \\x5c bye\"");
  CHECK(quoted(std::string("\x7f")) == "\"\\x7f\"");
  const std::string blob(200, 'x');
  CHECK(quoted(blob) == "\"" + std::string(80, 'x') + "...\"");
  CHECK(quoted(std::string(80, 'y')) == "\"" + std::string(80, 'y') + "\"");  // not cut
  CHECK(quoted(std::string("caf\xC3\xA9")) == "\"caf\xC3\xA9\"");             // UTF-8 passes
}
