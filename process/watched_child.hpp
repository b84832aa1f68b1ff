#pragma once
// One child the runner watches, from spawn to its report: its pipes, its exit descriptor, and
// the deadline sequence (SIGTERM, grace, kill, abandon). Private to the child runner.
#include <sys/types.h>

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "process/child_runner.hpp"
#include "util/result.hpp"
#include "util/unique_fd.hpp"

namespace mb::process {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

enum class Phase { running, terminating, killing, lingering, done };

// One output stream: a pipe read as it fills (normal) or a file read at exit (detached).
struct Stream {
  explicit Stream(asio::io_context& io) : pipe(io) {}
  asio::posix::stream_descriptor pipe;
  util::UniqueFd file;
  std::string data;
  bool truncated = false;
  std::array<char, 8192> chunk{};
};

// Bytes for the child's stdin or secret descriptor.
struct Feed {
  explicit Feed(asio::io_context& io) : pipe(io) {}
  asio::posix::stream_descriptor pipe;  // our write end
  // The child's end stays open here until the write finished: a child that exits without
  // reading can then never raise SIGPIPE in the broker (which tests do not ignore either).
  util::UniqueFd child_end;
  std::string data;
};

// One watched child. Every pending handler holds a shared_ptr to it, so it outlives its last
// handler; once `phase` is done (finished, released or abandoned) handlers touch nothing else.
struct ChildRunner::Child : std::enable_shared_from_this<Child> {
  Child(ChildRunner& r, asio::io_context& io, std::function<void(Outcome)> d)
      : runner(&r),
        done(std::move(d)),
        exit_watch(io),
        out(io),
        err(io),
        in(io),
        secret(io),
        timer(io) {}
  ~Child();

  util::Status start(Spec& spec);
  void release();
  void terminate();

  ChildRunner* runner;  // valid while phase != done: the runner releases us before it goes
  std::function<void(Outcome)> done;
  pid_t pid = -1;
  Clock::time_point started;
  Outcome outcome;
  Phase phase = Phase::running;
  bool exited = false;
  bool detach = false;
  std::size_t limit = 0;
  milliseconds kill_grace{0}, abandon_after{0};
  std::string program;  // argv[0], for the log
  int kill_signal = SIGKILL;
  // A forked child: the deadline counts from the request; what to spawn if the server fails.
  Clock::time_point deadline_at;
  std::vector<std::string> argv, env;

  asio::posix::stream_descriptor exit_watch;
  Stream out, err;
  Feed in, secret;
  asio::steady_timer timer;  // deadline, grace, abandon, linger: one at a time
  unsigned timer_generation = 0;

 private:
  util::Result<util::UniqueFd> open_output(Stream& s);
  util::Result<int> open_feed(Feed& f);
  util::Status spawn(Spec& spec, const std::string& path);
  bool start_forked(Spec& spec);
  void on_forked(util::Result<pid_t> forked);
  void spawn_instead();
  void watch_started();
  void begin(milliseconds deadline);
  void wait_exit();
  void on_exit_ready();
  void read(Stream& s);
  void keep(Stream& s, std::size_t n);
  void collect(Stream& s);
  void write(Feed& f);
  void close_feed(Feed& f);
  void arm(milliseconds after, void (Child::*next)());
  void on_deadline();
  void begin_termination();
  void on_grace();
  void on_abandon();
  void signal_group(int sig);
  bool outputs_closed() const { return !out.pipe.is_open() && !err.pipe.is_open(); }
  void finish();
  void close_all();
};

}  // namespace mb::process
