#pragma once
// The part of a child's output worth showing a person: its last non-empty stderr lines.
#include <string>

#include "broker/process/child_runner.hpp"

namespace mb::broker::effects {
std::string helper_message(const process::Outcome& o);
}  // namespace mb::broker::effects
