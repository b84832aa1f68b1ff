#include "process/child_runner.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "platform/spawn.hpp"
#include "process/program_lookup.hpp"
#include "util/errno_text.hpp"
#include "util/unique_fd.hpp"
#include "util/wipe.hpp"

namespace mb::process {

namespace asio = boost::asio;
using util::wipe;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

// A daemonizing helper (sshfs, bindfs) can leave a daemon holding our pipes open forever.
// Once the helper itself has exited, its own output is written: wait only this long for EOF.
constexpr milliseconds kOutputLinger{200};
constexpr int kMaxSecretFd = 255;

// Copies a secret into storage we own and wipes the caller's bytes (moving a short string
// would leave them behind in its small-string buffer).
std::string take_secret(std::string& from) {
  std::string mine = from;
  wipe(from);
  return mine;
}

milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(Clock::now() - start);
}

struct Pipe {
  util::UniqueFd read, write;
};

util::Result<Pipe> make_pipe() {
  int fds[2];
  if (::pipe(fds) != 0) return util::error(util::errno_text("pipe", errno));
  Pipe p{util::UniqueFd(fds[0]), util::UniqueFd(fds[1])};
  // No other child may inherit either end (spawn places the child's end itself).
  ::fcntl(fds[0], F_SETFD, FD_CLOEXEC);
  ::fcntl(fds[1], F_SETFD, FD_CLOEXEC);
  return p;
}

// Output of a detached helper: a file never blocks the writer nor breaks (SIGPIPE) when the
// broker exits, as a pipe would. Unlinked at once: nothing is left behind.
util::Result<util::UniqueFd> make_capture_file() {
  std::error_code ec;
  auto dir = std::filesystem::temp_directory_path(ec);
  std::string name = (ec ? std::string("/tmp") : dir.string()) + "/mount-broker-out-XXXXXX";
  util::UniqueFd fd(::mkstemp(name.data()));
  if (!fd.valid()) return util::error(util::errno_text("mkstemp " + name, errno));
  ::unlink(name.c_str());
  ::fcntl(fd.get(), F_SETFD, FD_CLOEXEC);
  return fd;
}

util::Result<util::UniqueFd> duplicate(int fd) {
  util::UniqueFd copy(::fcntl(fd, F_DUPFD_CLOEXEC, 0));
  if (!copy.valid()) return util::error(util::errno_text("dup", errno));
  return copy;
}

// Hands a descriptor to Asio; on failure it stays with `fd`, so it is still closed.
util::Status adopt(asio::posix::stream_descriptor& d, util::UniqueFd& fd) {
  boost::system::error_code ec;
  d.assign(fd.get(), ec);
  if (ec) return util::error("watch a descriptor: " + ec.message());
  fd.release();
  return util::ok_status();
}

void close(asio::posix::stream_descriptor& d) {
  boost::system::error_code ignored;
  d.close(ignored);
}

std::string signal_text(int sig) {
  const char* name = ::strsignal(sig);
  return "signal " + std::to_string(sig) + (name ? std::string(" (") + name + ")" : "");
}

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

}  // namespace

std::vector<std::string> minimal_env() {
  return {"PATH=" + search_path_of({}), "LANG=C", "LC_ALL=C"};
}

std::string Outcome::describe() const {
  std::string prefix = timed_out ? "timed out; " : terminated ? "terminated; " : "";
  switch (ending) {
    case Ending::exited:
      return prefix + "exited with status " + std::to_string(exit_code);
    case Ending::signalled:
      return prefix + "killed by " + signal_text(signal);
    case Ending::abandoned:
      return prefix + "abandoned: did not exit after SIGKILL (stuck in the kernel)";
    case Ending::spawn_failed:
      return "could not start: " + error;
  }
  return prefix;
}

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
  ~Child() {
    wipe(in.data);
    wipe(secret.data);
  }

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

  asio::posix::stream_descriptor exit_watch;
  Stream out, err;
  Feed in, secret;
  asio::steady_timer timer;  // deadline, grace, abandon, linger: one at a time
  unsigned timer_generation = 0;

 private:
  util::Result<util::UniqueFd> open_output(Stream& s);
  util::Result<int> open_feed(Feed& f);
  util::Status spawn(Spec& spec, const std::string& path);
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

util::Status ChildRunner::Child::start(Spec& spec) {
  // Taken first, so the caller's copies are wiped on every path.
  std::string stdin_data = spec.stdin_data ? take_secret(*spec.stdin_data) : std::string();
  std::string secret_data = spec.secret ? take_secret(spec.secret->data) : std::string();
  if (spec.argv.empty()) return util::error("nothing to run: empty argv");
  if (spec.secret && (spec.secret->fd < 3 || spec.secret->fd > kMaxSecretFd))
    return util::error("secret descriptor " + std::to_string(spec.secret->fd) + " is outside 3.." +
                       std::to_string(kMaxSecretFd));
  auto path = resolve_program(spec.argv[0], search_path_of(spec.env));
  if (!path) return util::error(path.error());
  detach = spec.detach;
  program = spec.argv[0];
  limit = spec.capture_limit;
  kill_grace = spec.kill_grace;
  abandon_after = spec.abandon_after;
  kill_signal = spec.kill_signal;
  in.data = std::move(stdin_data);
  secret.data = std::move(secret_data);
  auto spawned = spawn(spec, *path);
  if (!spawned) return spawned;
  begin(spec.deadline);
  return util::ok_status();
}

util::Result<util::UniqueFd> ChildRunner::Child::open_output(Stream& s) {
  if (detach) {
    auto file = make_capture_file();
    if (!file) return util::error(file.error());
    s.file = std::move(*file);
    return duplicate(s.file.get());
  }
  auto p = make_pipe();
  if (!p) return util::error(p.error());
  auto adopted = adopt(s.pipe, p->read);
  if (!adopted) return util::error(adopted.error());
  return std::move(p->write);
}

// Returns the descriptor the child reads; we keep it open (see Feed) until written.
util::Result<int> ChildRunner::Child::open_feed(Feed& f) {
  auto p = make_pipe();
  if (!p) return util::error(p.error());
  auto adopted = adopt(f.pipe, p->write);
  if (!adopted) return util::error(adopted.error());
  f.child_end = std::move(p->read);
  return f.child_end.get();
}

util::Status ChildRunner::Child::spawn(Spec& spec, const std::string& path) {
  platform::SpawnRequest request{path, std::move(spec.argv), std::move(spec.env)};
  request.new_session = spec.new_session;
  auto out_end = open_output(out);
  if (!out_end) return util::error(out_end.error());
  auto err_end = open_output(err);
  if (!err_end) return util::error(err_end.error());
  request.stdout_fd = out_end->get();
  request.stderr_fd = err_end->get();
  if (spec.stdin_data) {
    auto fd = open_feed(in);
    if (!fd) return util::error(fd.error());
    request.stdin_fd = *fd;
  }
  if (spec.secret) {
    auto fd = open_feed(secret);
    if (!fd) return util::error(fd.error());
    request.extra_fd = *fd;
    request.extra_target = spec.secret->fd;
  }
  auto spawned = platform::spawn(request);
  if (!spawned) return util::error(spawned.error());
  pid = spawned->pid;
  started = Clock::now();
  outcome.pid = pid;
  auto watched = adopt(exit_watch, spawned->exit_fd);
  if (!watched) {
    ::kill(-pid, SIGKILL);  // cannot be watched: not left running blind
    return watched;
  }
  return util::ok_status();
}  // out_end and err_end close here: the child holds the only write ends

void ChildRunner::Child::begin(milliseconds deadline) {
  wait_exit();
  if (out.pipe.is_open()) read(out);
  if (err.pipe.is_open()) read(err);
  if (in.pipe.is_open()) write(in);
  if (secret.pipe.is_open()) write(secret);
  if (!detach) arm(deadline, &Child::on_deadline);
}

void ChildRunner::Child::wait_exit() {
  exit_watch.async_wait(asio::posix::descriptor_base::wait_read,
                        [self = shared_from_this()](const boost::system::error_code& ec) {
                          if (ec || self->phase == Phase::done) return;
                          self->on_exit_ready();
                        });
}

void ChildRunner::Child::on_exit_ready() {
  auto status = platform::try_reap(pid, exit_watch.native_handle());
  if (!status) {
    // Woken without an exit. Epoll reports edges only: registering the descriptor again
    // makes it report the current state, so an exit in between is not missed.
    util::UniqueFd fd(exit_watch.release());
    if (adopt(exit_watch, fd)) wait_exit();
    return;
  }
  exited = true;
  outcome.duration = since(started);
  outcome.ending = status->signalled ? Ending::signalled : Ending::exited;
  outcome.exit_code = status->signalled ? -1 : status->code;
  outcome.signal = status->signal;
  close(exit_watch);
  close_feed(in);
  close_feed(secret);
  collect(out);
  collect(err);
  if (outputs_closed()) return finish();
  phase = Phase::lingering;
  arm(kOutputLinger, &Child::finish);
}

void ChildRunner::Child::read(Stream& s) {
  s.pipe.async_read_some(
      asio::buffer(s.chunk),
      [self = shared_from_this(), &s](const boost::system::error_code& ec, std::size_t n) {
        if (self->phase == Phase::done) return;
        if (ec) {  // EOF, or the pipe failed: either way nothing more comes
          close(s.pipe);
          if (self->exited && self->outputs_closed()) self->finish();
          return;
        }
        self->keep(s, n);
        self->read(s);
      });
}

// Past the limit, output is still read (so the child never blocks on a full pipe) and dropped.
void ChildRunner::Child::keep(Stream& s, std::size_t n) {
  std::size_t room = limit > s.data.size() ? limit - s.data.size() : 0;
  s.data.append(s.chunk.data(), std::min(n, room));
  if (n > room) s.truncated = true;
}

// A detached child's output, read from its file once it exited.
void ChildRunner::Child::collect(Stream& s) {
  if (!s.file.valid()) return;
  struct stat st {};
  if (::fstat(s.file.get(), &st) != 0) return;
  std::size_t size = static_cast<std::size_t>(st.st_size);
  s.data.resize(std::min(size, limit));
  ssize_t got = ::pread(s.file.get(), s.data.data(), s.data.size(), 0);
  s.data.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
  s.truncated = size > limit;
  s.file.reset();
}

void ChildRunner::Child::write(Feed& f) {
  asio::async_write(f.pipe, asio::buffer(f.data),
                    [self = shared_from_this(), &f](const boost::system::error_code&, std::size_t) {
                      // Written or failed: either way the child now sees EOF.
                      self->close_feed(f);
                    });
}

void ChildRunner::Child::close_feed(Feed& f) {
  close(f.pipe);
  f.child_end.reset();
  wipe(f.data);
}

// Each arm supersedes the previous one; a handler already queued sees a newer generation.
void ChildRunner::Child::arm(milliseconds after, void (Child::*next)()) {
  const unsigned generation = ++timer_generation;
  timer.expires_after(after);
  timer.async_wait(
      [self = shared_from_this(), generation, next](const boost::system::error_code& ec) {
        if (ec || generation != self->timer_generation || self->phase == Phase::done) return;
        ((*self).*next)();
      });
}

void ChildRunner::Child::on_deadline() {
  outcome.timed_out = true;
  begin_termination();
}

void ChildRunner::Child::terminate() {
  if (phase != Phase::running) return;
  outcome.terminated = true;
  begin_termination();
}

void ChildRunner::Child::begin_termination() {
  phase = Phase::terminating;
  signal_group(SIGTERM);
  // A stopped process cannot act on SIGTERM; continue it so it can exit cleanly (as systemd).
  signal_group(SIGCONT);
  arm(kill_grace, &Child::on_grace);
}

void ChildRunner::Child::on_grace() {
  phase = Phase::killing;
  signal_group(kill_signal);
  arm(abandon_after, &Child::on_abandon);
}

// Still there after SIGKILL: stuck in the kernel. Stop watching so the broker can exit.
void ChildRunner::Child::on_abandon() {
  // Recorded loudly: the process stays in the process table until the kernel lets it go.
  spdlog::warn("child pid {} ({}) did not exit {} ms after SIGKILL: stuck in the kernel, abandoned",
               pid, program, abandon_after.count());
  outcome.ending = Ending::abandoned;
  outcome.duration = since(started);
  ++runner->abandoned_;
  // Its exit descriptor is kept, without a wait on the loop (that would keep io.run() from
  // returning): the runner reaps it when it finally exits, at the next run() or stuck().
  runner->stuck_.emplace(pid, util::UniqueFd(exit_watch.release()));
  finish();
}

// The child leads its own process group (pgid == pid), and the group cannot be reused while
// the child is unreaped, which it is until its exit is noticed (signals stop then).
void ChildRunner::Child::signal_group(int sig) {
  ::kill(-pid, sig);
}

void ChildRunner::Child::finish() {
  if (phase == Phase::done) return;
  close_all();
  outcome.out = std::move(out.data);
  outcome.err = std::move(err.data);
  outcome.out_truncated = out.truncated;
  outcome.err_truncated = err.truncated;
  auto report = std::move(done);
  done = nullptr;
  runner->forget(pid);  // the handler that called us still holds this Child
  if (report) report(std::move(outcome));
}

void ChildRunner::Child::release() {
  close_all();
  done = nullptr;
}

void ChildRunner::Child::close_all() {
  phase = Phase::done;
  ++timer_generation;
  timer.cancel();
  close(exit_watch);
  close(out.pipe);
  close(err.pipe);
  out.file.reset();
  err.file.reset();
  close_feed(in);
  close_feed(secret);
}

ChildRunner::ChildRunner(asio::io_context& io) : io_(io), alive_(std::make_shared<int>(0)) {}

ChildRunner::~ChildRunner() {
  for (auto& [pid, child] : children_) child->release();
}

util::Result<pid_t> ChildRunner::run(Spec spec, std::function<void(Outcome)> done) {
  reap_stuck();
  auto child = std::make_shared<Child>(*this, io_, std::move(done));
  auto started = child->start(spec);
  if (!started) {
    auto report = std::move(child->done);
    child->release();
    report_spawn_failure(started.error(), std::move(report));
    return util::error(started.error());
  }
  children_.emplace(child->pid, child);
  return child->pid;
}

void ChildRunner::release(pid_t pid) {
  auto it = children_.find(pid);
  if (it == children_.end()) return;
  it->second->release();
  children_.erase(it);
}

void ChildRunner::terminate(pid_t pid) {
  auto it = children_.find(pid);
  if (it != children_.end()) it->second->terminate();
}

void ChildRunner::forget(pid_t pid) {
  children_.erase(pid);
}

void ChildRunner::reap_stuck() {
  for (auto it = stuck_.begin(); it != stuck_.end();)
    if (platform::try_reap(it->first, it->second.get()))
      it = stuck_.erase(it);
    else
      ++it;
}

std::size_t ChildRunner::stuck() {
  reap_stuck();
  return stuck_.size();
}

void ChildRunner::report_spawn_failure(std::string message, std::function<void(Outcome)> done) {
  Outcome outcome;
  outcome.ending = Ending::spawn_failed;
  outcome.error = std::move(message);
  asio::post(io_, [alive = std::weak_ptr<int>(alive_), outcome = std::move(outcome),
                   done = std::move(done)]() mutable {
    if (alive.lock() && done) done(std::move(outcome));
  });
}

}  // namespace mb::process
