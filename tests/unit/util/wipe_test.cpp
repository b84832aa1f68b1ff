#include "util/wipe.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace mb::util {

TEST_CASE("wipe zeros the whole buffer of a string, short or long") {
  for (std::string s : {std::string("short"), std::string(100, 'p')}) {
    const char* buffer = s.data();
    const std::size_t capacity = s.capacity();
    wipe(s);
    CHECK(s.empty());
    CHECK(s.data() == buffer);  // kept, so nothing was freed unwiped
    for (std::size_t i = 0; i < capacity; ++i) CHECK(buffer[i] == '\0');
  }
}

TEST_CASE("a shared secret takes the bytes, wipes the source, and is shared by every copy") {
  std::string from = "hunter2\tpass";
  const char* source = from.data();
  const std::size_t capacity = from.capacity();
  auto kept = shared_secret(from);
  CHECK(*kept == "hunter2\tpass");
  CHECK(from.empty());
  for (std::size_t i = 0; i < capacity; ++i) CHECK(source[i] == '\0');
  auto copy = kept;  // a copied callback shares the one buffer: no second copy to wipe
  CHECK(copy->data() == kept->data());
}

}  // namespace mb::util
