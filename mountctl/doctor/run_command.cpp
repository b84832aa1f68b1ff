#include "mountctl/doctor/run_command.hpp"

#include <boost/asio/io_context.hpp>
#include <optional>

#include "process/child_runner.hpp"

namespace mb::ctl::doctor {

CommandResult run_command(const std::vector<std::string>& argv,
                          std::chrono::milliseconds deadline) {
  boost::asio::io_context io;
  process::ChildRunner runner(io);
  process::Spec spec;
  spec.argv = argv;
  spec.deadline = deadline;
  spec.kill_grace = std::chrono::milliseconds(500);
  spec.abandon_after = std::chrono::seconds(1);
  spec.capture_limit = 16 * 1024;
  std::optional<process::Outcome> outcome;
  (void)runner.run(std::move(spec), [&](process::Outcome o) { outcome = std::move(o); });
  io.run();
  CommandResult r;
  if (!outcome) {
    r.error = "no result";
    return r;
  }
  r.out = outcome->out;
  if (outcome->ending == process::Ending::exited && !outcome->timed_out) {
    r.ran = true;
    r.exit_code = outcome->exit_code;
  } else {
    r.error = outcome->describe();
  }
  return r;
}

CommandRunner default_runner() {
  return [](const std::vector<std::string>& argv) {
    return run_command(argv, std::chrono::seconds(5));
  };
}

}  // namespace mb::ctl::doctor
