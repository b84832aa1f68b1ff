#include "broker/internal/helper_gate.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <iostream>
#include <thread>

#include "platform/state_store.hpp"
#include "util/durable_file.hpp"
#include "util/errno_text.hpp"

namespace mb::broker::internal {
namespace {

// Long enough for a save on a slow disk; a state that cannot be saved must not get a mount
// it does not know of.
constexpr auto kGiveUp = std::chrono::seconds(5);
constexpr auto kPoll = std::chrono::milliseconds(5);

bool recorded(const std::string& state_file, const std::string& name) {
  auto text = util::read_file_if_exists(state_file);
  return text && *text && gate_open(**text, name, static_cast<long>(::getpid()));
}

}  // namespace

bool gate_open(const std::string& state_text, const std::string& name, long pid) {
  auto s = core::state::from_json(state_text);
  if (!s) return false;
  const core::state::MountRecord* r = s->find(name);
  return r && r->helper_pid == pid;
}

int helper_gate(const std::string& state_file, const std::string& name,
                const std::vector<std::string>& argv) {
  if (argv.empty()) return kGateRefused;
  const pid_t parent = ::getppid();
  const auto give_up = std::chrono::steady_clock::now() + kGiveUp;
  while (!recorded(state_file, name)) {
    if (::getppid() != parent) {
      std::cerr << "mount-broker exited before it recorded the helper; nothing mounted\n";
      return kGateRefused;
    }
    if (std::chrono::steady_clock::now() >= give_up) {
      std::cerr << "the state file " << state_file
                << " did not record the mount helper within 5 s (can the state be saved?); "
                   "nothing mounted\n";
      return kGateRefused;
    }
    std::this_thread::sleep_for(kPoll);
  }
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  ::execv(args[0], args.data());
  std::cerr << util::errno_text(argv[0], errno) << "\n";
  return 127;
}

}  // namespace mb::broker::internal
