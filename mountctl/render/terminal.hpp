#pragma once
// What mountctl knows about the terminal it writes to.
#include <cstddef>

namespace mb::ctl::render {

// Columns of the terminal on `fd`; 0 when `fd` is not a terminal (a pipe, a file): output for
// scripts is never cut.
std::size_t terminal_columns(int fd);

}  // namespace mb::ctl::render
