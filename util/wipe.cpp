#include "util/wipe.hpp"

namespace mb::util {

void wipe(void* p, std::size_t n) {
  // explicit_bzero exists on Linux and the BSDs, memset_s on macOS; stores through a volatile
  // pointer compile everywhere and may not be optimized away.
  volatile unsigned char* v = static_cast<volatile unsigned char*>(p);
  for (std::size_t i = 0; i < n; ++i) v[i] = 0;
}

void wipe(std::string& s) {
  s.resize(s.capacity());  // within the capacity: no reallocation, and the tail becomes ours
  wipe(s.data(), s.size());
  s.clear();
}

std::shared_ptr<const std::string> shared_secret(std::string& from) {
  std::shared_ptr<std::string> kept(new std::string(from), [](std::string* s) {
    wipe(*s);
    delete s;
  });
  wipe(from);
  return kept;
}

}  // namespace mb::util
