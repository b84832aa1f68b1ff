// A private temporary directory for one test, removed with everything in it when the test ends.
#pragma once

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>

namespace mb::test {

class TempDir {
 public:
  // mkdtemp under the system temporary directory. The path is canonical (the temporary
  // directory itself may be reached through a symlink), so tests may compare resolved paths.
  TempDir() {
    namespace fs = std::filesystem;
    std::string tmpl = (fs::temp_directory_path() / "mb-test-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path_ = fs::canonical(tmpl).string();
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

  // path()/name, which need not exist.
  std::string file(const std::string& name) const { return path_ + "/" + name; }

  // path()/name holding `content` (its parent directories made as needed); with `mode`, set
  // by chmod so the umask does not interfere. Returns the file's path.
  std::string write(const std::string& name, const std::string& content,
                    std::optional<mode_t> mode = std::nullopt) const {
    const std::string p = file(name);
    std::filesystem::create_directories(std::filesystem::path(p).parent_path());
    const int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    REQUIRE(fd >= 0);
    const auto written = ::write(fd, content.data(), content.size());
    ::close(fd);
    REQUIRE(written == static_cast<ssize_t>(content.size()));
    if (mode) REQUIRE(::chmod(p.c_str(), *mode) == 0);
    return p;
  }

 private:
  std::string path_;
};

}  // namespace mb::test
