#pragma once
// Each mountctl command lives in one file of this folder: it declares its options, builds a
// typed request and renders the typed response. main.cpp only wires them up.
#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>

#include "mountctl/client.hpp"

namespace mb::ctl::commands {

struct Globals {
  std::string socket;
  bool json = false;
  double connect_timeout_sec = 10;
};

struct Command {
  CLI::App* app = nullptr;
  std::function<int(const Globals&)> run;
};

Command add_status(CLI::App& parent);
Command add_list(CLI::App& parent);
Command add_mlist(CLI::App& parent);
Command add_version(CLI::App& parent);
Command add_reload(CLI::App& parent);
Command add_mount(CLI::App& parent);
Command add_unmount(CLI::App& parent);
Command add_probe(CLI::App& parent);
Command add_sweep(CLI::App& parent);
Command add_setup(CLI::App& parent);
Command add_doctor(CLI::App& parent);
Command add_monitor(CLI::App& parent);
Command add_metrics(CLI::App& parent);

// What a person sees on a terminal while a command waits: only the wait for a broker to
// accept (quiet), or also the state changes and a running time (progress: long operations).
enum class Show { quiet, progress };

// Sends `body`; on success returns the reply. On failure prints the error (and, with --json,
// the error in the envelope of a reply) and stores the exit status in `exit_code`.
std::optional<Reply> send(const Globals& g, proto::RequestBody body, int& exit_code,
                          Show show = Show::quiet,
                          std::chrono::milliseconds reply_timeout = std::chrono::seconds(60));

}  // namespace mb::ctl::commands
