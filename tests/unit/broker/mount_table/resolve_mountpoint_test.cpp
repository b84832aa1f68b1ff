#include "broker/mount_table/resolve_mountpoint.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

namespace mt = mb::broker::mount_table;
namespace fs = std::filesystem;

namespace {

// A fresh directory under /tmp, removed with everything in it at scope exit.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/mb-resolve-XXXXXX";
    const char* made = ::mkdtemp(tmpl);
    // realpath: /tmp itself may be a symlink on some systems.
    path_ = made ? fs::canonical(made).string() : std::string();
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

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
