#include "mountctl/doctor/program_path.hpp"

#include "process/child_runner.hpp"
#include "process/program_lookup.hpp"

namespace mb::ctl::doctor {

std::string broker_path() {
  return process::search_path_of(process::minimal_env());
}

ProgramLookup find_program(const std::string& name, const std::string& search_path) {
  if (name.empty()) return {std::nullopt, "the command is empty"};
  // The child runner would try to run a missing absolute path and fail at spawn: say so now.
  if (name.front() == '/' && !process::is_executable_file(name))
    return {std::nullopt, "not an executable file"};
  if (name.front() != '/' && name.find('/') != std::string::npos)
    return {std::nullopt,
            "a relative path; the broker needs an absolute path or a bare name looked up in PATH"};
  auto found = process::resolve_program(name, search_path);
  if (!found) return {std::nullopt, "not in the broker's PATH " + search_path};
  return {*found, ""};
}

}  // namespace mb::ctl::doctor
