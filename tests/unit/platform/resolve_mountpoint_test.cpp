#include "platform/resolve_mountpoint.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "tests/support/temp_dir.hpp"

namespace mt = mb::platform;
namespace fs = std::filesystem;

TEST_CASE("a mount point is normalised by its spelling only: slashes", "[resolve_mountpoint]") {
  CHECK(mt::resolve_mountpoint("/share") == "/share");
  CHECK(mt::resolve_mountpoint("//share") == "/share");
  CHECK(mt::resolve_mountpoint("/srv//shares///photos/") == "/srv/shares/photos");
  CHECK(mt::resolve_mountpoint("/") == "/");
  CHECK(mt::resolve_mountpoint("") == "");
}

TEST_CASE("a symlinked parent is not followed: the mount child refuses it instead",
          "[resolve_mountpoint]") {
  // Following it would stat the parent in the broker (which hangs on a dead share) and let
  // whoever owns the link choose where a root mount lands.
  mb::test::TempDir tmp;
  REQUIRE(!tmp.path().empty());
  fs::create_directory(tmp.path() + "/real");
  fs::create_directory_symlink(tmp.path() + "/real", tmp.path() + "/link");
  CHECK(mt::resolve_mountpoint(tmp.path() + "/link/share") == tmp.path() + "/link/share");
  CHECK(mt::resolve_mountpoint(tmp.path() + "/link/../real/share") ==
        tmp.path() + "/link/../real/share");
}
