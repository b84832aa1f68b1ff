#include "util/errno_text.hpp"

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstring>
#include <string>

TEST_CASE("errno_text: what was tried, then the system's words for the error") {
  CHECK(mb::util::errno_text("open /x", ENOENT) ==
        std::string("open /x: ") + std::strerror(ENOENT));
  CHECK(mb::util::errno_text("", EACCES) == std::string(": ") + std::strerror(EACCES));
}
