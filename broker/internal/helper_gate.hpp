#pragma once
// `mount-broker --internal gate STATE_FILE NAME -- PROGRAM ARGS...`: what a mount helper is
// started through. It execs PROGRAM (same pid) only once STATE_FILE records this pid as the
// running helper of mount NAME, so a broker killed at any moment leaves either no helper or a
// helper the next broker knows of and waits for: never a second mount stacked on the path.
#include <string>
#include <vector>

namespace mb::broker::internal {

inline constexpr int kGateRefused = 125;  // never became the helper (nothing was mounted)

// Whether the state file's text records `pid` as the helper of mount `name`.
bool gate_open(const std::string& state_text, const std::string& name, long pid);

int helper_gate(const std::string& state_file, const std::string& name,
                const std::vector<std::string>& argv);

}  // namespace mb::broker::internal
