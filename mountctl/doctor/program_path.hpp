#pragma once
// Finds a program exactly as the broker's child runner does (process/program_lookup):
// an absolute path as it is, a bare name in the PATH of the child's environment (not doctor's
// own), relative entries skipped.
#include <optional>
#include <string>

namespace mb::ctl::doctor {

struct ProgramLookup {
  std::optional<std::string> found;  // the executable's path
  std::string problem;               // why not, when not found
};

ProgramLookup find_program(const std::string& name, const std::string& search_path);

// The PATH the broker gives its helpers (process::minimal_env()).
std::string broker_path();

}  // namespace mb::ctl::doctor
