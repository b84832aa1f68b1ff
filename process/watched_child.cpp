#include "process/watched_child.hpp"

#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/write.hpp>
#include <csignal>

#include "platform/spawn.hpp"
#include "process/child_descriptors.hpp"
#include "process/program_lookup.hpp"
#include "util/wipe.hpp"

namespace mb::process {

using util::wipe;

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

bool forkable(const Spec& spec) {
  return spec.forkable && !spec.detach && !spec.new_session && !spec.stdin_data && !spec.secret &&
         spec.argv.size() >= 2 && spec.argv[1] == "--internal";
}

milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(Clock::now() - start);
}

}  // namespace

ChildRunner::Child::~Child() {
  wipe(in.data);
  wipe(secret.data);
}

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
  // start(): a lazy server is forked now, before this child's pipes exist.
  if (forkable(spec) && runner->forks_ && runner->forks_->start() && start_forked(spec))
    return util::ok_status();
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

// Asks the fork server; false if it cannot be asked now (the caller spawns). The output is
// read once the child exists: a failed request can then be spawned on fresh pipes.
bool ChildRunner::Child::start_forked(Spec& spec) {
  auto out_end = open_output(out);
  auto err_end = out_end ? open_output(err) : util::Result<util::UniqueFd>(util::error(""));
  util::Status sent = util::error("");
  if (out_end && err_end)
    sent = runner->forks_->fork(
        spec.argv, spec.env, out_end->get(), err_end->get(),
        [self = shared_from_this(),
         alive = std::weak_ptr<int>(runner->alive_)](util::Result<pid_t> forked) {
          if (alive.lock()) return self->on_forked(std::move(forked));
          if (forked) ::kill(*forked, SIGKILL);  // the runner is gone: nobody would watch it
        });
  if (!sent) {
    close_quietly(out.pipe);
    close_quietly(err.pipe);
    return false;
  }
  argv = spec.argv;
  env = spec.env;
  started = Clock::now();
  deadline_at = started + spec.deadline;
  arm(spec.deadline, &Child::on_deadline);  // the server's answer counts against it too
  return true;
}  // our copies of the write ends close here; the server passes them on, then closes its own

void ChildRunner::Child::on_forked(util::Result<pid_t> forked) {
  if (phase == Phase::done) {  // gave up waiting, or released: not watched by anyone
    if (forked) runner->orphan(*forked);
    return;
  }
  runner->forget(this);
  if (!forked) {
    spdlog::warn("{}: {}; spawning it", program, forked.error());
    return spawn_instead();
  }
  pid = *forked;
  outcome.pid = pid;
  auto exit_fd = platform::watch_forked(pid);
  util::Status watched = exit_fd ? adopt(exit_watch, *exit_fd) : util::error(exit_fd.error());
  if (!watched) {
    ::kill(-pid, SIGKILL);  // cannot be watched: not left running blind
    ::kill(pid, SIGKILL);
    outcome.error = watched.error();
    return finish();
  }
  watch_started();
}

// The fork server failed this request: the child is spawned as any other.
void ChildRunner::Child::spawn_instead() {
  close_quietly(out.pipe);
  close_quietly(err.pipe);
  Spec spec;
  spec.argv = std::move(argv);
  spec.env = std::move(env);
  auto path = resolve_program(spec.argv[0], search_path_of(spec.env));
  util::Status spawned = path ? spawn(spec, *path) : util::error(path.error());
  if (!spawned) {
    outcome.error = spawned.error();
    return finish();
  }
  watch_started();
}

void ChildRunner::Child::watch_started() {
  runner->children_.emplace(pid, shared_from_this());
  wait_exit();
  read(out);
  read(err);
  auto left = std::chrono::duration_cast<milliseconds>(deadline_at - Clock::now());
  arm(std::max(left, milliseconds(0)), &Child::on_deadline);
}

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
  close_quietly(exit_watch);
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
          close_quietly(s.pipe);
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
  close_quietly(f.pipe);
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
  if (pid < 0) {  // the fork server never answered: nothing to signal; a late child is killed
    outcome.error = "the fork server did not start the child in time";
    return finish();
  }
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
  runner->forget(this);
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
  close_quietly(exit_watch);
  close_quietly(out.pipe);
  close_quietly(err.pipe);
  out.file.reset();
  err.file.reset();
  close_feed(in);
  close_feed(secret);
}

}  // namespace mb::process
