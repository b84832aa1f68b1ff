#pragma once
// Overwriting a password in memory once it is no longer needed, in a way the compiler may not
// drop as a dead store.
#include <cstddef>
#include <string>

namespace mb::util {

// Zeros n bytes at p.
void wipe(void* p, std::size_t n);

// Zeros all of s's buffer (its capacity, not only its size), then empties it; the buffer is
// kept, so nothing is freed unwiped.
void wipe(std::string& s);

}  // namespace mb::util
