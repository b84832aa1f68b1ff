#pragma once
// The optional log file: an spdlog sink that appends each line to a file with one write(2)
// and renames the file aside when it would grow past a size, keeping a fixed number of old
// files (PATH.1 newest ... PATH.N oldest, the names logrotate uses).
//
// Not spdlog's rotating_file_sink: that one creates files with the umask's mode, opens a FIFO
// put at the path with a blocking open, sleeps inside the event loop when a rename fails, and
// crashes on the next line when reopening after a rotation fails. This one never blocks on
// the path, never throws from a write, and keeps appending when it cannot rotate.
#include <spdlog/sinks/base_sink.h>

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>

#include "util/result.hpp"
#include "util/unique_fd.hpp"

namespace mb::broker::logging {

struct FileSettings {
  std::string path;           // "" = no log file
  std::size_t max_bytes = 0;  // rotate before a line would take the file past this
  int max_files = 0;          // old files kept: PATH.1 ... PATH.max_files

  bool operator==(const FileSettings&) const = default;
};

// "PATH.N"; N = 0 is PATH itself.
std::string rotated_name(const std::string& path, int index);

class RotatingFile final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  // Opens (creating it 0640, or narrower under a stricter umask) and locks (flock, held while
  // open) or refuses: a relative path, a symlink, anything but a regular file, no permission,
  // a network or FUSE file system, a file another process holds locked. Old files past
  // max_files (left by a larger setting) are removed.
  static util::Result<std::shared_ptr<RotatingFile>> open(const FileSettings& settings);

  const FileSettings& settings() const { return settings_; }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override {}  // every line is written at once; nothing is buffered

 private:
  RotatingFile(FileSettings settings, util::UniqueFd fd, std::size_t size);
  void rotate();
  void remove_extra_files() const;

  FileSettings settings_;
  util::UniqueFd fd_;
  std::size_t size_ = 0;
  std::size_t limit_ = 0;  // max_bytes; raised after a rotation that failed
};

}  // namespace mb::broker::logging
