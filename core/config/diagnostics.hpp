#pragma once
// Collects every problem found in a config file so that one run reports all of them.
// Each entry renders as "PATH:LINE: message" ("PATH: message" when there is no line).
#include <string>
#include <string_view>
#include <vector>

namespace mb::core::config {

class Diagnostics {
 public:
  explicit Diagnostics(std::string path);

  void add(int line, std::string message);
  bool empty() const { return entries_.empty(); }
  // All messages ordered by line, one per line, no trailing newline.
  std::string text() const;

 private:
  struct Entry {
    int line;
    std::string message;
  };
  std::string path_;
  std::vector<Entry> entries_;
};

// `text` in double quotes, control characters escaped so one message stays one line, long
// values shortened.
std::string quoted(std::string_view text);
// An unqualified quoted(s) also finds std::quoted by argument-dependent lookup, which is an
// exact match for a std::string or a C string and returns a stream proxy that libc++ cannot
// add to a string (macOS). These non-template overloads win over it.
inline std::string quoted(const std::string& text) {
  return quoted(std::string_view(text));
}
inline std::string quoted(const char* text) {
  return quoted(std::string_view(text));
}

}  // namespace mb::core::config
