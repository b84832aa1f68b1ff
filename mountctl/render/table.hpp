#pragma once
// Aligned columns for people. Scripts use --json or mlist instead.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mb::ctl::render {

using Row = std::vector<std::string>;
// Columns are padded to their widest cell; the last column is not padded. Empty cells show "-".
// With `max_width` (a terminal's columns; 0 = no limit) the last column, where long errors go,
// is cut to fit, ending in "…"; it keeps at least a few characters however narrow the terminal.
std::string table(const Row& header, const std::vector<Row>& rows, std::size_t max_width = 0);
// The same from cells that point into strings the caller keeps: `cells` holds the rows one
// after the other, header.size() cells each. A status of 1,000 mounts is 8,000 cells; copying
// each into a string of its own cost more than the rest of the rendering.
std::string cells_table(const std::vector<std::string_view>& header,
                        const std::vector<std::string_view>& cells, std::size_t max_width = 0);

// `s` cut to at most `columns` characters (UTF-8 aware), the last one "…" when cut.
std::string cut_to(const std::string& s, std::size_t columns);

}  // namespace mb::ctl::render
