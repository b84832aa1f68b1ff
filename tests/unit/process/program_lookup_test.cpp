#include "process/program_lookup.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <string>

using namespace mb::process;

TEST_CASE("program_lookup: the child's PATH decides, with the default when it has none") {
  CHECK(search_path_of({"LANG=C", "PATH=/opt/x:/bin"}) == "/opt/x:/bin");
  CHECK(search_path_of({"LANG=C"}) == "/usr/sbin:/usr/bin:/sbin:/bin");
}

TEST_CASE("program_lookup: bare names are found in the search path, relative entries skipped") {
  auto sh = resolve_program("sh", "/nonexistent:relative:/bin");
  REQUIRE(sh);
  CHECK(*sh == "/bin/sh");
  CHECK_FALSE(resolve_program("sh", "bin:relative"));
  auto missing = resolve_program("no-such-program-here", "/bin");
  REQUIRE_FALSE(missing);
  CHECK(missing.error() == "no-such-program-here: not found in PATH /bin");
}

TEST_CASE("program_lookup: absolute paths pass as they are, relative paths are refused") {
  CHECK(*resolve_program("/does/not/exist", "/bin") == "/does/not/exist");
  CHECK_FALSE(resolve_program("bin/sh", "/"));
  CHECK_FALSE(resolve_program("", "/bin"));
  CHECK(is_executable_file("/bin/sh"));
  std::string plain = "/tmp/mb-program-lookup-test-" + std::to_string(::getpid());
  std::ofstream(plain) << "#!/bin/sh\n";
  ::chmod(plain.c_str(), 0644);
  CHECK_FALSE(is_executable_file(plain));  // not executable, even for root
  std::remove(plain.c_str());
  CHECK_FALSE(is_executable_file("/bin"));
}
