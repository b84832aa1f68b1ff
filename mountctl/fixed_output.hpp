#pragma once
// `mountctl --help`, `mountctl -h` and a bare `mountctl` print the same text every time, so it
// is compiled in (from tests/golden/cli/help.txt, which a unit test keeps equal to what CLI11
// renders): the commonest start-ups skip building the CLI11 app with its commands and
// formatting its help, which were most of the instructions a `mountctl --help` ran.
#include <optional>
#include <ostream>
#include <span>

namespace mb::ctl {

// For exactly those argument vectors: prints what CLI11 would print, where it would, and
// returns the exit status. Any other vector (`--json --help`, `status --help`): nullopt, and
// nothing printed; CLI11 handles it.
std::optional<int> fixed_output(std::span<const char* const> argv, std::ostream& out,
                                std::ostream& err);

}  // namespace mb::ctl
