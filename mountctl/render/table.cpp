#include "mountctl/render/table.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace mb::ctl::render {
namespace {

// The last column keeps at least this much, or a cut error says nothing.
constexpr std::size_t kMinLastColumn = 12;
constexpr std::string_view kEllipsis = "\xe2\x80\xa6";  // …

bool continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Display width, counting UTF-8 continuation bytes as nothing (good enough for names/paths).
// Most cells are ASCII: eight bytes at a time tell that, and then the width is the size.
std::size_t width(std::string_view s) {
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, s.data() + i, sizeof word);
    if (word & 0x8080808080808080ULL) break;
  }
  return i +
         static_cast<std::size_t>(std::count_if(s.begin() + static_cast<std::ptrdiff_t>(i), s.end(),
                                                [](char c) { return !continuation(c); }));
}

// The bytes of `s` that fit in `columns` columns, the last one kept for "…" when it is cut.
std::string_view cut_view(std::string_view s, std::size_t columns, bool& cut) {
  cut = width(s) > columns;
  if (!cut || columns == 0) return cut ? std::string_view() : s;
  std::size_t kept = 0, i = 0;
  for (; i < s.size(); ++i) {
    if (continuation(s[i])) continue;
    if (kept == columns - 1) break;
    ++kept;
  }
  return s.substr(0, i);
}

std::string_view shown(std::string_view cell) {
  return cell.empty() ? std::string_view("-") : cell;
}

}  // namespace

std::string cut_to(const std::string& s, std::size_t columns) {
  bool cut = false;
  std::string out(cut_view(s, columns, cut));
  if (cut && columns > 0) out += kEllipsis;
  return out;
}

std::string cells_table(const std::vector<std::string_view>& header,
                        const std::vector<std::string_view>& cells, std::size_t max_width) {
  const std::size_t columns = header.size();
  if (columns == 0) return "";
  // Each cell's width is counted once; the widths of a column's cells pad it.
  std::vector<std::size_t> cell_width(cells.size());
  std::vector<std::size_t> widths(columns);
  for (std::size_t i = 0; i < columns; ++i) widths[i] = width(header[i]);
  for (std::size_t k = 0; k < cells.size(); ++k) {
    cell_width[k] = width(shown(cells[k]));
    widths[k % columns] = std::max(widths[k % columns], cell_width[k]);
  }
  std::size_t before_last = 0;
  for (std::size_t i = 0; i + 1 < columns; ++i) before_last += widths[i] + 2;
  const std::size_t last_room =
      max_width == 0
          ? std::string::npos
          : std::max(kMinLastColumn, max_width > before_last ? max_width - before_last : 0);
  // The text is laid out in one string of the exact size, filled with the padding's spaces
  // first: each cell is then one copy to its place (8,000 cells for 1,000 mounts).
  auto last_cell = [&](std::string_view c, bool& cut) { return cut_view(c, last_room, cut); };
  auto line_bytes = [&](auto cell_at, auto width_at) {
    std::size_t n = 0;
    for (std::size_t i = 0; i + 1 < columns; ++i)
      n += cell_at(i).size() + widths[i] - width_at(i) + 2;
    bool cut = false;
    n += last_cell(cell_at(columns - 1), cut).size() + 1;
    return n + (cut && last_room > 0 ? kEllipsis.size() : 0);
  };
  auto header_at = [&](std::size_t i) { return header[i]; };
  auto header_width = [&](std::size_t i) { return width(header[i]); };
  std::size_t total = line_bytes(header_at, header_width);
  for (std::size_t row = 0; row < cells.size(); row += columns)
    total += line_bytes([&](std::size_t i) { return shown(cells[row + i]); },
                        [&](std::size_t i) { return cell_width[row + i]; });
  std::string out(total, ' ');
  char* at = out.data();
  auto put = [&](std::string_view c, std::size_t w, std::size_t i) {
    if (i + 1 < columns) {
      std::memcpy(at, c.data(), c.size());
      at += c.size() + widths[i] - w + 2;
      return;
    }
    bool cut = false;
    const std::string_view kept = last_cell(c, cut);
    std::memcpy(at, kept.data(), kept.size());
    at += kept.size();
    if (cut && last_room > 0) {
      std::memcpy(at, kEllipsis.data(), kEllipsis.size());
      at += kEllipsis.size();
    }
    *at++ = '\n';
  };
  for (std::size_t i = 0; i < columns; ++i) put(header[i], header_width(i), i);
  for (std::size_t k = 0; k < cells.size(); ++k) put(shown(cells[k]), cell_width[k], k % columns);
  return out;
}

std::string table(const Row& header, const std::vector<Row>& rows, std::size_t max_width) {
  if (header.empty()) return std::string(rows.size() + 1, '\n');
  const std::vector<std::string_view> head(header.begin(), header.end());
  std::vector<std::string_view> cells;
  cells.reserve(rows.size() * header.size());
  for (const Row& r : rows)
    for (std::size_t i = 0; i < header.size(); ++i)
      cells.push_back(i < r.size() ? std::string_view(r[i]) : std::string_view());
  return cells_table(head, cells, max_width);
}

}  // namespace mb::ctl::render
