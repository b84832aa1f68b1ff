#pragma once
// Aligned columns for people. Scripts use --json or mlist instead.
#include <string>
#include <vector>

namespace mb::ctl::render {

using Row = std::vector<std::string>;
// Columns are padded to their widest cell; the last column is not padded. Empty cells show "-".
std::string table(const Row& header, const std::vector<Row>& rows);

}  // namespace mb::ctl::render
