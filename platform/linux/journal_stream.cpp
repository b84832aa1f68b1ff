#include "platform/journal_stream.hpp"

#include <sys/stat.h>

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace mb::platform {
namespace {

bool parse_u64(std::string_view s, std::uint64_t& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

bool stderr_is_journal() {
  const char* env = std::getenv("JOURNAL_STREAM");
  if (!env) return false;
  const std::string_view value(env);
  const std::size_t colon = value.find(':');
  std::uint64_t dev = 0, ino = 0;
  if (colon == std::string_view::npos || !parse_u64(value.substr(0, colon), dev) ||
      !parse_u64(value.substr(colon + 1), ino))
    return false;
  struct stat st {};
  if (::fstat(2, &st) != 0) return false;
  return static_cast<std::uint64_t>(st.st_dev) == dev &&
         static_cast<std::uint64_t>(st.st_ino) == ino;
}

}  // namespace mb::platform
