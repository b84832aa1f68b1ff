#include "mountctl/doctor/helper_check.hpp"

#include <catch2/catch.hpp>

using namespace mb::ctl::doctor;

TEST_CASE("a helper found where the broker looks is ok, naming the mounts that use it") {
  auto f = judge_program("mount.cifs", {"a", "b"}, {"/usr/sbin/mount.cifs", ""}, "",
                         "apt-get install cifs-utils", "/etc/c.toml");
  CHECK(f.status == Status::ok);
  CHECK(f.message == "/usr/sbin/mount.cifs (used by \"a\", \"b\")");
}

TEST_CASE("a missing helper is a problem, the fix installs it or points the config at it") {
  const ProgramLookup missing{std::nullopt, "not in the broker's PATH /usr/sbin:/usr/bin"};
  auto install = judge_program("sshfs", {"s"}, missing, "", "apt-get install sshfs", "/c.toml");
  CHECK(install.status == Status::problem);
  CHECK(install.fix == "apt-get install sshfs");
  auto elsewhere = judge_program("rclone", {"r"}, missing, "/usr/local/bin/rclone", "", "/c.toml");
  CHECK_THAT(elsewhere.message, Catch::EndsWith("it is at /usr/local/bin/rclone"));
  CHECK_THAT(elsewhere.fix, Catch::StartsWith("${EDITOR:-vi} /c.toml"));
  auto unknown = judge_program("myfs", {"m"}, missing, "", "", "/c.toml");
  CHECK(unknown.status == Status::problem);
  CHECK_FALSE(unknown.fix.empty());
}

TEST_CASE("programs are found as the broker's child runner finds them") {
  CHECK(find_program("sh", "/nonexistent:/bin:/usr/bin").found.has_value());
  CHECK_FALSE(find_program("sh", "bin:relative").found.has_value());  // relative entries skipped
  CHECK(find_program("/bin/sh", "").found == std::optional<std::string>("/bin/sh"));
  CHECK_FALSE(find_program("bin/sh", "/").found.has_value());
  CHECK_FALSE(find_program("no-such-program-here", "/bin:/usr/bin").found.has_value());
  CHECK(broker_path().find("/usr/sbin") != std::string::npos);
}
