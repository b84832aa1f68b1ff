// mount-broker: started by the service manager when a client connects; answers, then exits
// when idle. See docs/ARCHITECTURE.md.
#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <iostream>

#include "broker/activation/activation.hpp"
#include "broker/activation/hold.hpp"
#include "broker/internal/internal_commands.hpp"
#include "broker/logging/logging.hpp"
#include "broker/ops/dispatcher.hpp"
#include "broker/server/idle_exit.hpp"
#include "broker/server/refusing_handler.hpp"
#include "broker/server/server.hpp"
#include "broker/service/instance.hpp"
#include "broker/service/state_writer.hpp"
#include "broker/service/supervisor_shell.hpp"
#include "core/config/broker_settings.hpp"
#include "core/config/config_loader.hpp"
#include "platform/config_file.hpp"
#include "platform/fork_server.hpp"
#include "platform/no_core_dump.hpp"
#include "platform/self_exe.hpp"
#include "process/child_runner.hpp"
#include "process/fork_client.hpp"
#include "util/build_config.hpp"

namespace {

using namespace mb;

struct Args {
  std::string config = util::kDefaultConfig;
  std::optional<std::string> state_dir;
  std::optional<std::string> listen;
  std::optional<std::string> hold;
  std::optional<int> idle_exit;
  std::string check_config;
  std::string log_level;
};

int check_config(const std::string& path) {
  auto cfg = platform::load_config(path);
  if (!cfg) {
    std::cerr << cfg.error() << "\n";
    return 1;
  }
  std::cout << path << ": ok, " << cfg->mounts.size() << " mount(s)\n";
  return 0;
}

// The broker could not start but was handed a socket: answer what is queued with the reason,
// briefly, then exit non-zero (the service manager's throttle limits the relaunches).
int refuse_all(broker::activation::Activation act, const std::string& why) {
  boost::asio::io_context io;
  broker::server::RefusingHandler handler(why);
  std::unique_ptr<broker::server::Server> server;
  auto window = act.listening ? std::chrono::milliseconds(500) : std::chrono::milliseconds(0);
  broker::server::IdleExit idle(io, window, [&] { server->stop_accepting(); });
  server =
      std::make_unique<broker::server::Server>(io, handler, idle, broker::server::ServerOptions{});
  if (act.listening)
    server->listen(std::move(act.fd));
  else
    server->serve_one(std::move(act.fd));
  idle.start();
  io.run_for(std::chrono::seconds(10));  // bounded, whatever the clients do
  return 1;
}

int run(const Args& args) {
  // Before anything opens a descriptor: fds 0-2 or 3+ may be the socket we were given.
  // An explicit --listen wins over a socket on stdin (a harness may hand us a socketpair).
  auto inherited = broker::activation::inherited(!args.listen.has_value());
  bool inetd = inherited && *inherited && (*inherited)->source == broker::activation::Source::inetd;
  broker::logging::setup(
      inetd ? broker::logging::Target::syslog : broker::logging::Target::stderr_,
      args.log_level.empty() ? core::config::default_broker().log_level : args.log_level);
  if (!inherited) {
    spdlog::critical("activation: {}", inherited.error());
    return 1;
  }

  // Before any password is read: a crash, a SIGQUIT or a ptrace by a process of the same user
  // must not reveal one (the broker reads credential files and keeps copies while a helper runs).
  if (auto st = platform::disable_core_dumps(); !st) {
    std::string why = "cannot keep passwords out of core dumps: " + st.error();
    spdlog::critical("{}", why);
    if (*inherited) return refuse_all(std::move(**inherited), why);
    return 1;
  }

  broker::service::BrokerOptions options;
  options.config_path = args.config;
  options.state_dir = args.state_dir;
  auto broker = broker::service::Instance::start(options, platform::make_system_mount_table());
  if (!broker) {
    spdlog::critical("{}", broker.error());
    if (*inherited) return refuse_all(std::move(**inherited), broker.error());
    return 1;
  }
  auto& b = **broker;
  if (args.log_level.empty() && b.config()) broker::logging::set_level(b.settings().log_level);

  broker::activation::Activation act;
  if (*inherited) {
    act = std::move(**inherited);
  } else {
    std::string path = args.listen.value_or(b.settings().socket);
    auto bound = broker::activation::bind_self(path);
    if (!bound) {
      spdlog::critical("activation: {}", bound.error());
      return 1;
    }
    act = std::move(*bound);
  }
  b.set_activation(broker::activation::describe(act));

  namespace asio = boost::asio;
  asio::io_context io;
  asio::signal_set signals(io, SIGTERM, SIGINT, SIGHUP);
  // Served by the service manager's accept: exit as soon as that one client is done.
  std::chrono::milliseconds window =
      act.listening ? std::chrono::seconds(args.idle_exit.value_or(b.idle_exit_sec()))
                    : std::chrono::milliseconds(0);
  std::unique_ptr<broker::server::Server> server;
  std::unique_ptr<broker::service::SupervisorShell> supervision;
  std::unique_ptr<broker::service::StateWriter> state_writer;
  std::unique_ptr<broker::ops::Monitors> monitors;
  bool signalled = false;
  broker::server::IdleExit idle(io, window, [&] {
    if (act.listening && !signalled) spdlog::info("idle for {} ms: exiting", window.count());
    server->stop_accepting();
    // Retries further out are in the state file; the next sweep takes them up.
    supervision->stop_timers();
    state_writer->stop();
    // Monitors would hold the broker forever: they get a last word and may reconnect.
    monitors->end_all(signalled ? "the broker was stopped" : "the broker is exiting");
    signals.cancel();  // the last piece of work: io.run() returns once clients are done
  });
  state_writer = std::make_unique<broker::service::StateWriter>(io, b, idle);
  // The fork server, which forks the `--internal` children without an exec, is forked on
  // first need: the first such child, a mount (which may read a password) or the state
  // writer's first thread, whichever comes first. So it never holds a password and is forked
  // single threaded, and a broker that only answers `status` never pays for it. It closes
  // every descriptor it inherits but its channel.
  process::ForkClient forks(io, [] { return platform::start_fork_server(&broker::internal::run); });
  state_writer->before_first_thread([&forks] { forks.start(); });
  process::ChildRunner runner(io);  // uses `forks`, which outlives it
  runner.use(&forks);
  // note_helper, state_file and configured_mount_point: SupervisorShell fills them in.
  broker::effects::Context effects{
      io, runner, *b.table(), platform::self_executable(), b.settings().credentials_dir,
      {}, {},     {}};
  supervision = std::make_unique<broker::service::SupervisorShell>(io, b, idle, effects, window);
  supervision->schedule_retries();
  monitors = std::make_unique<broker::ops::Monitors>(b, *supervision);
  broker::ops::Dispatcher dispatcher(broker::ops::Context{io, b, *supervision, *monitors});
  server = std::make_unique<broker::server::Server>(io, dispatcher, idle,
                                                    broker::server::ServerOptions{});
  signals.async_wait([&](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    spdlog::info("signal {}: finishing accepted clients, then exiting", sig);
    signalled = true;
    idle.fire_now();
  });

  spdlog::info("started: {}", b.activation());
  if (act.listening)
    server->listen(std::move(act.fd));
  else
    server->serve_one(std::move(act.fd));
  idle.start();
  io.run();
  // Only a signal ends the loop while the state is unsaved: try once more, else say what is lost.
  state_writer->last_save();
  broker::ops::write_metrics_file(b);
  if (!act.socket_path.empty()) unlink(act.socket_path.c_str());
  spdlog::info("exiting");
  return 0;
}

// The held broker's command line: ours, without --hold PATH (or --hold=PATH).
std::vector<std::string> held_broker_argv(int argc, char** argv) {
  std::vector<std::string> out{platform::self_executable()};
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--hold") {
      ++i;
      continue;
    }
    if (a.rfind("--hold=", 0) == 0) continue;
    out.push_back(a);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  // Children of our own binary for syscalls that may block on a dead share.
  if (argc >= 2 && std::string(argv[1]) == "--internal")
    return mb::broker::internal::run(std::vector<std::string>(argv + 2, argv + argc));
  signal(SIGPIPE, SIG_IGN);  // a client that hangs up must not kill us mid-write
  CLI::App app{"mount-broker: keeps network shares mounted and healthy, on demand"};
  Args args;
  app.add_option("--config", args.config, "config file")->capture_default_str();
  app.add_option("--state-dir", args.state_dir, "state directory (overrides [broker] state_dir)");
  app.add_option("--listen", args.listen, "bind this socket path when not socket-activated");
  auto* hold = app.add_option("--hold", args.hold,
                              "development: hold this socket and start a broker (these options) "
                              "on each first connection, like systemd's socket unit");
  app.add_option("--idle-exit", args.idle_exit, "exit after this many idle seconds")
      ->check(CLI::Range(1, 86400));
  app.add_option("--check-config", args.check_config, "validate FILE and exit");
  app.add_option("--log-level", args.log_level, "trace|debug|info|warn|error (overrides config)")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
  app.set_version_flag("--version", std::string("mount-broker ") + mb::util::kVersion);
  hold->excludes("--listen")->excludes("--check-config");
  CLI11_PARSE(app, argc, argv);
  if (!args.check_config.empty()) return check_config(args.check_config);
  if (args.hold) {
    mb::broker::logging::setup(mb::broker::logging::Target::stderr_,
                               args.log_level.empty() ? "info" : args.log_level);
    return mb::broker::activation::hold(*args.hold, held_broker_argv(argc, argv));
  }
  try {
    return run(args);
  } catch (const std::exception& e) {
    spdlog::critical("fatal: {}", e.what());
    return 1;
  }
}
