#pragma once
// Golden files (tests/golden/<folder>/<name>.json, or another extension) pin a format byte for
// byte. To change a
// format on purpose, run the tests with MB_ACCEPT_GOLDEN=1 and commit the changed files after
// reviewing their diff.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace mb::test {

inline std::string golden_path(const std::string& folder, const std::string& name,
                               const std::string& ext = ".json") {
  return std::string(MB_GOLDEN_DIR) + "/" + folder + "/" + name + ext;
}

inline std::string read_golden(const std::string& folder, const std::string& name,
                               const std::string& ext = ".json") {
  std::ifstream in(golden_path(folder, name, ext), std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Under MB_ACCEPT_GOLDEN the file takes the new bytes first, so the check passes.
inline void check_golden(const std::string& folder, const std::string& name,
                         const std::string& encoded, const std::string& ext = ".json") {
  if (std::getenv("MB_ACCEPT_GOLDEN")) {
    std::ofstream(golden_path(folder, name, ext), std::ios::binary) << encoded;
  }
  INFO("golden file " << golden_path(folder, name, ext));
  CHECK(encoded == read_golden(folder, name, ext));
}

}  // namespace mb::test
