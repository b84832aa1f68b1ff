#include "process/child_spec.hpp"

#include "process/program_lookup.hpp"

namespace mb::process {

std::vector<std::string> minimal_env() {
  return {"PATH=" + search_path_of({}), "LANG=C", "LC_ALL=C"};
}

}  // namespace mb::process
