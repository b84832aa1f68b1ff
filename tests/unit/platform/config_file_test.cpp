// platform/config_file: reading config.toml from disk (owner and mode checks, local users
// resolved against this machine). The parsing rules are tested in core/config.
#include "platform/config_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>

#include "tests/support/temp_dir.hpp"

namespace cfg = mb::platform;
using mb::test::TempDir;

namespace {

// Two mounts: the file is read, parsed and every mount kept.
constexpr std::string_view kExample = R"([[mount]]
name = "photos"
type = "smb"
server = "nas.local"
share = "photos"
mountpoint = "/Volumes/photos"
options = ["soft"]

[[mount]]
name = "scratch"
type = "command"
mountpoint = "/mnt/scratch"
command = ["bindfs", "/srv/scratch", "{mountpoint}"]
)";

std::string smb_with(const std::string& local_user, const std::string& type = "smb") {
  return "[[mount]]\nname = \"photos\"\ntype = \"" + type +
         "\"\nserver = \"nas.local\"\nshare = \"" + (type == "nfs" ? "/photos" : "photos") +
         "\"\nmountpoint = \"/mnt/photos\"\noptions = [\"soft\"]\nlocal_user = \"" + local_user +
         "\"\n";
}

}  // namespace

TEST_CASE("load reads a good file") {
  TempDir dir;
  const std::string path = dir.write("config.toml", std::string(kExample), 0644);
  auto result = cfg::load_config(path);
  INFO((result.ok() ? std::string() : result.error()));
  REQUIRE(result.ok());
  CHECK(result->path == path);
  CHECK(result->mounts.size() == 2);
}

TEST_CASE("load refuses a missing file with the reason") {
  TempDir dir;
  const std::string path = dir.path() + "/absent.toml";
  auto result = cfg::load_config(path);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error() == path + ": cannot open config file: No such file or directory");
}

TEST_CASE("load refuses something that is not a regular file") {
  TempDir dir;
  auto result = cfg::load_config(dir.path(), {.check_owner = false});
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().find(dir.path() + ": not a regular file") != std::string::npos);
}

TEST_CASE("load refuses a world-writable file and says how to fix it") {
  TempDir dir;
  const std::string path = dir.write("config.toml", "", 0666);
  auto result = cfg::load_config(path);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().find(path + ": mode 0666 is world-writable") != std::string::npos);
  CHECK(result.error().find("run: chmod go-w " + path) != std::string::npos);
  // Without the owner check the same file is read.
  CHECK(cfg::load_config(path, {.check_owner = false}).ok());
}

TEST_CASE("load refuses a file writable by a group other than root") {
  TempDir dir;
  const std::string path = dir.write("config.toml", "", 0664);
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  if (st.st_gid == 0) REQUIRE(::chown(path.c_str(), static_cast<uid_t>(-1), 12345) == 0);
  REQUIRE(::stat(path.c_str(), &st) == 0);
  auto result = cfg::load_config(path);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error() == path + ": mode 0664 is group-writable by gid " +
                              std::to_string(st.st_gid) + ", which is not root; run: chmod go-w " +
                              path);
}

TEST_CASE("load accepts a file group-writable by root's group") {
  if (::geteuid() != 0) {
    WARN("needs root to give the file to group 0; skipped");
    return;
  }
  TempDir dir;
  const std::string path = dir.write("config.toml", "", 0664);
  REQUIRE(::chown(path.c_str(), 0, 0) == 0);
  CHECK(cfg::load_config(path).ok());
}

TEST_CASE("load refuses a file owned by another user") {
  if (::geteuid() != 0) {
    WARN("needs root to give the file away; skipped");
    return;
  }
  TempDir dir;
  const std::string path = dir.write("config.toml", "", 0644);
  REQUIRE(::chown(path.c_str(), 12345, 0) == 0);
  auto result = cfg::load_config(path);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().find(path + ": owned by uid 12345") != std::string::npos);
  CHECK(result.error().find("run: chown root " + path) != std::string::npos);
}

TEST_CASE("load refuses a local_user this machine does not have", "[config_file][local_user]") {
  mb::test::TempDir dir;
  auto absent = cfg::load_config(dir.write("absent.toml", smb_with("mb-no-such-user-x"), 0644));
  REQUIRE_FALSE(absent);
  CHECK_THAT(absent.error(), Catch::Contains("local_user \"mb-no-such-user-x\" does not exist"));

  auto root = cfg::load_config(dir.write("root.toml", smb_with("root"), 0644));
  INFO((root ? std::string() : root.error()));
  REQUIRE(root);
  CHECK(root->mounts[0].local_uid == 0);
  CHECK(root->mounts[0].local_gid == 0);
}
