#include "mountctl/secret_prompt.hpp"

#include <fcntl.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>

#include "util/unique_fd.hpp"
#include "util/wipe.hpp"

namespace mb::ctl {
namespace {

// What a signal handler needs to give the terminal back: plain data, set before the handlers
// are installed and cleared after they are removed.
int g_tty = -1;
struct termios g_saved {};
struct termios g_quiet {};

constexpr std::array<int, 5> kSignals{SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP};

// Async-signal-safe only: restore the terminal, then take the signal's default action (end or
// stop). If the process comes back (SIGCONT after ^Z), turn echo off again and go on reading.
extern "C" void on_signal(int sig) {
  const int saved_errno = errno;
  ::tcsetattr(g_tty, TCSAFLUSH, &g_saved);
  (void)!::write(g_tty, "\n", 1);
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  struct sigaction ours {};
  ::sigaction(sig, &dfl, &ours);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  ::raise(sig);
  ::sigprocmask(SIG_UNBLOCK, &set, nullptr);  // delivered here: the process ends or stops
  ::sigaction(sig, &ours, nullptr);
  ::tcsetattr(g_tty, TCSAFLUSH, &g_quiet);
  errno = saved_errno;
}

// Echo off for its lifetime; the old settings and signal handlers come back in the destructor.
class EchoOff {
 public:
  explicit EchoOff(int tty) {
    if (::tcgetattr(tty, &g_saved) != 0) return;
    g_quiet = g_saved;
    g_quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO | ECHOE | ECHOK | ECHONL);
    g_tty = tty;
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (std::size_t i = 0; i < kSignals.size(); ++i) ::sigaction(kSignals[i], &sa, &old_[i]);
    // TCSAFLUSH: typeahead from before the prompt would otherwise be taken as the password.
    active_ = ::tcsetattr(tty, TCSAFLUSH, &g_quiet) == 0;
  }
  ~EchoOff() {
    if (g_tty < 0) return;
    ::tcsetattr(g_tty, TCSAFLUSH, &g_saved);
    for (std::size_t i = 0; i < kSignals.size(); ++i) ::sigaction(kSignals[i], &old_[i], nullptr);
    g_tty = -1;
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;
  bool active() const { return active_; }

 private:
  std::array<struct sigaction, kSignals.size()> old_{};
  bool active_ = false;
};

void say(int tty, const std::string& text) {
  const char* p = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    const ssize_t n = ::write(tty, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

// One line from the terminal into `out`, without its "\n". Bytes past the capacity are read
// and dropped (the line still has to end), then reported as too long by take_one_line.
std::optional<InputError> read_line(int tty, Secret& out, std::size_t max_bytes) {
  bool overflow = false;
  for (;;) {
    char c = 0;
    const ssize_t n = ::read(tty, &c, 1);
    if (n < 0 && errno == EINTR) continue;  // back from ^Z: keep reading the same line
    if (n < 0) return InputError{InputError::io, "read /dev/tty: " + std::string(strerror(errno))};
    if (n == 0 && out.size() == 0 && !overflow) {
      return InputError{InputError::bad_input, "no password entered (end of input)"};
    }
    if (n == 0 || c == '\n') break;
    if (!out.push_back(c)) overflow = true;
    util::wipe(&c, 1);
  }
  if (overflow) {
    return InputError{InputError::bad_input,
                      "the password is longer than " + std::to_string(max_bytes) + " bytes"};
  }
  return take_one_line(out, "the terminal", max_bytes);
}

}  // namespace

std::optional<InputError> prompt_secret_twice(const std::string& prompt, const std::string& again,
                                              Secret& out, std::size_t max_bytes) {
  util::UniqueFd tty(::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC));
  if (!tty.valid() || !::isatty(tty.get())) {
    return InputError{InputError::no_terminal,
                      "there is no terminal to ask for the password on; pipe it in with --stdin "
                      "(printf '%s\\n' \"$PASSWORD\" | mountctl setup NAME --stdin)"};
  }
  EchoOff quiet(tty.get());
  if (!quiet.active()) {
    return InputError{InputError::io,
                      "cannot turn off echo on /dev/tty: " + std::string(strerror(errno))};
  }
  say(tty.get(), prompt);
  auto first = read_line(tty.get(), out, max_bytes);
  say(tty.get(), "\n");  // the Enter that echo did not show
  if (first) return first;

  Secret second(out.capacity());
  say(tty.get(), again);
  auto repeat = read_line(tty.get(), second, max_bytes);
  say(tty.get(), "\n");
  if (repeat && repeat->kind != InputError::bad_input) return repeat;
  if (repeat || second.view() != out.view()) {
    out.truncate(0);
    return InputError{InputError::mismatch, "the two entries differ; nothing was stored"};
  }
  return std::nullopt;
}

}  // namespace mb::ctl
