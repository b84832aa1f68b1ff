#include "broker/mount_table/resolve_mountpoint.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "tests/support/temp_dir.hpp"

namespace mt = mb::broker::mount_table;
namespace fs = std::filesystem;

namespace {

using mb::test::TempDir;

}  // namespace

TEST_CASE("a mount point under a symlinked parent resolves through the symlink",
          "[resolve_mountpoint]") {
  TempDir tmp;
  REQUIRE(!tmp.path().empty());
  fs::create_directory(tmp.path() + "/real");
  fs::create_directory_symlink(tmp.path() + "/real", tmp.path() + "/link");

  CHECK(mt::resolve_mountpoint(tmp.path() + "/link/share") == tmp.path() + "/real/share");
  CHECK(mt::resolve_mountpoint(tmp.path() + "/link/share/") == tmp.path() + "/real/share");
  CHECK(mt::resolve_mountpoint(tmp.path() + "/link/../real/share") == tmp.path() + "/real/share");
}

TEST_CASE("the final component is never resolved, even when it is a symlink",
          "[resolve_mountpoint]") {
  TempDir tmp;
  REQUIRE(!tmp.path().empty());
  fs::create_directory(tmp.path() + "/target");
  fs::create_directory_symlink(tmp.path() + "/target", tmp.path() + "/mp");
  CHECK(mt::resolve_mountpoint(tmp.path() + "/mp") == tmp.path() + "/mp");
}

TEST_CASE("a mount point whose own directory does not exist yet still resolves",
          "[resolve_mountpoint]") {
  TempDir tmp;
  REQUIRE(!tmp.path().empty());
  CHECK(mt::resolve_mountpoint(tmp.path() + "/not-created") == tmp.path() + "/not-created");
}

TEST_CASE("a path whose parent cannot be resolved is returned unchanged", "[resolve_mountpoint]") {
  auto path =
      GENERATE(as<std::string>{}, "/nonexistent-mb-parent/x/share", "/nonexistent-mb-parent/share/",
               "relative/share", "", "/", "/tmp/.", "/tmp/..");
  CHECK(mt::resolve_mountpoint(path) == path);
}

TEST_CASE("a mount point directly under the root gets a single slash", "[resolve_mountpoint]") {
  CHECK(mt::resolve_mountpoint("/share") == "/share");
  CHECK(mt::resolve_mountpoint("//share") == "/share");
}
