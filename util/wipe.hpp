#pragma once
// Overwriting a password in memory once it is no longer needed, in a way the compiler may not
// drop as a dead store.
#include <cstddef>
#include <memory>
#include <string>

namespace mb::util {

// Zeros n bytes at p.
void wipe(void* p, std::size_t n);

// Zeros all of s's buffer (its capacity, not only its size), then empties it; the buffer is
// kept, so nothing is freed unwiped.
void wipe(std::string& s);

// Moves a secret into one heap buffer that every copy of a callback can share, and wipes
// `from`. The buffer is wiped when the last owner lets go, however many copies were made.
std::shared_ptr<const std::string> shared_secret(std::string& from);

}  // namespace mb::util
