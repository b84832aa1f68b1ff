#include "core/backends/helper_log.hpp"

#include <catch2/catch.hpp>

using mb::core::backends::helper_log_path;
using Argv = std::vector<std::string>;

TEST_CASE("a helper's --log-file is found in both spellings, the last one winning") {
  struct Case {
    Argv argv;
    std::optional<std::string> path;
  };
  const Case cases[] = {
      {{"rclone", "mount", "remote:x", "/mnt/x", "--log-file", "/var/log/rc.log"},
       "/var/log/rc.log"},
      {{"rclone", "mount", "--log-file=/var/log/rc.log", "remote:x", "/mnt/x"}, "/var/log/rc.log"},
      {{"rclone", "--log-file", "/a", "--log-file=/b"}, "/b"},
      {{"rclone", "--log-file", "rel.log"}, "/rel.log"},  // the helper runs in "/"
      {{"rclone", "mount", "remote:x", "/mnt/x"}, std::nullopt},
      {{"rclone", "--log-file"}, std::nullopt},  // no value: rclone refuses to start anyway
      {{"rclone", "--log-file="}, std::nullopt},
      {{"rclone", "--log-file", "-"}, std::nullopt},
      {{"rclone", "--log-filex=/a"}, std::nullopt},
      {{"rclone", "--", "--log-file", "/a"}, std::nullopt},  // an operand after --
      {{"--log-file", "/a"}, std::nullopt},                  // argv[0] is the program
  };
  for (const auto& [argv, path] : cases) {
    INFO(argv.back());
    CHECK(helper_log_path(argv) == path);
  }
}
