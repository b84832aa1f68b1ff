#include "mountctl/render/table.hpp"

#include <algorithm>

namespace mb::ctl::render {
namespace {

// Display width, counting UTF-8 continuation bytes as nothing (good enough for names/paths).
size_t width(const std::string& s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::string table(const Row& header, const std::vector<Row>& rows) {
  std::vector<size_t> widths(header.size());
  auto cell = [](const Row& r, size_t i) -> std::string {
    return i < r.size() && !r[i].empty() ? r[i] : "-";
  };
  for (size_t i = 0; i < header.size(); ++i) {
    widths[i] = width(header[i]);
    for (const auto& r : rows) widths[i] = std::max(widths[i], width(cell(r, i)));
  }
  std::string out;
  auto line = [&](const Row& r, bool is_header) {
    for (size_t i = 0; i < header.size(); ++i) {
      std::string c = is_header ? header[i] : cell(r, i);
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
