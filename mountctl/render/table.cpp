#include "mountctl/render/table.hpp"

#include <algorithm>

namespace mb::ctl::render {
namespace {

// The last column keeps at least this much, or a cut error says nothing.
constexpr std::size_t kMinLastColumn = 12;

bool continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Display width, counting UTF-8 continuation bytes as nothing (good enough for names/paths).
size_t width(const std::string& s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return !continuation(c); }));
}

}  // namespace

std::string cut_to(const std::string& s, std::size_t columns) {
  if (width(s) <= columns) return s;
  if (columns == 0) return "";
  std::size_t kept = 0, i = 0;
  for (; i < s.size(); ++i) {
    if (continuation(s[i])) continue;
    if (kept == columns - 1) break;
    ++kept;
  }
  return s.substr(0, i) + "\xe2\x80\xa6";  // …
}

std::string table(const Row& header, const std::vector<Row>& rows, std::size_t max_width) {
  std::vector<size_t> widths(header.size());
  auto cell = [](const Row& r, size_t i) -> std::string {
    return i < r.size() && !r[i].empty() ? r[i] : "-";
  };
  for (size_t i = 0; i < header.size(); ++i) {
    widths[i] = width(header[i]);
    for (const auto& r : rows) widths[i] = std::max(widths[i], width(cell(r, i)));
  }
  std::size_t before_last = 0;
  for (size_t i = 0; i + 1 < header.size(); ++i) before_last += widths[i] + 2;
  const std::size_t last_room =
      max_width == 0
          ? std::string::npos
          : std::max(kMinLastColumn, max_width > before_last ? max_width - before_last : 0);
  std::string out;
  auto line = [&](const Row& r, bool is_header) {
    for (size_t i = 0; i < header.size(); ++i) {
      std::string c = is_header ? header[i] : cell(r, i);
      if (i + 1 == header.size()) c = cut_to(c, last_room);
      out += c;
      if (i + 1 < header.size()) out += std::string(widths[i] - width(c) + 2, ' ');
    }
    out += '\n';
  };
  line(header, true);
  for (const auto& r : rows) line(r, false);
  return out;
}

}  // namespace mb::ctl::render
