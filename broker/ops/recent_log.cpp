#include "broker/ops/recent_log.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/unique_fd.hpp"

namespace mb::broker::ops {
namespace {

// Enough for the last few hundred lines; reading all of a 10 MiB log for each status is not.
constexpr off_t kTailBytes = 256 * 1024;

// The message of a log line: what follows "mount-broker[PID] LEVEL: ".
std::string_view message_of(std::string_view line) {
  auto tag = line.find("mount-broker[");
  if (tag == std::string_view::npos) return {};
  auto colon = line.find(": ", tag);
  return colon == std::string_view::npos ? std::string_view{} : line.substr(colon + 2);
}

}  // namespace

std::vector<std::string> lines_about(std::string_view text, std::string_view name,
                                     std::size_t max) {
  const std::string prefix = std::string(name) + ": ";
  std::vector<std::string> out;
  while (!text.empty()) {
    auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (message_of(line).starts_with(prefix)) out.emplace_back(line);
  }
  if (out.size() > max) out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(max));
  return out;
}

std::vector<std::string> recent_log(const std::string& path, std::string_view name,
                                    std::size_t max) {
  util::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
  struct stat st {};
  if (!fd.valid() || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return {};
  const off_t from = st.st_size > kTailBytes ? st.st_size - kTailBytes : 0;
  std::string text(static_cast<std::size_t>(st.st_size - from), '\0');
  ssize_t n = ::pread(fd.get(), text.data(), text.size(), from);
  if (n <= 0) return {};
  text.resize(static_cast<std::size_t>(n));
  std::string_view view = text;
  // A read that starts mid-file starts mid-line: that partial line is not one to show.
  if (from > 0) view.remove_prefix(std::min(view.size(), view.find('\n') + 1));
  return lines_about(view, name, max);
}

}  // namespace mb::broker::ops
