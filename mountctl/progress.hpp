#pragma once
// Progress for people, on stderr and only on a terminal: while no broker accepts yet ("waiting
// for the broker at ...: 3 s"), and during a long operation (`mount --wait`: each state change
// with the time it took, and a line that counts the seconds). Scripts (a pipe, --json) get
// none of it.
#include <chrono>
#include <string>

#include "mountctl/client.hpp"
#include "proto/messages.hpp"

namespace mb::ctl {

// "2.4 s"; whole seconds from 10 s on.
std::string elapsed_text(std::chrono::milliseconds elapsed);
// The line redrawn while waiting: "waiting for the broker at SOCKET: 2.4 s" or, for a reply,
// "STATE: 2.4 s" with the last state heard ("photos: mounting") or the operation's name.
std::string waiting_text(Waiting w, const std::string& socket, const std::string& doing,
                         std::chrono::milliseconds elapsed);

class Progress {
 public:
  // `enabled`: stderr is a terminal and not --json. `events`: also show state changes and the
  // reply wait (long operations); otherwise only the wait for a broker.
  Progress(bool enabled, bool events, std::string socket, std::string doing);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void event(const proto::Event& e);
  void tick(Waiting w, std::chrono::milliseconds elapsed);
  // Removes the waiting line, if one is drawn (also done on destruction).
  void done();

 private:
  bool enabled_;
  bool events_;
  std::string socket_;
  std::string doing_;
  bool drawn_ = false;  // a waiting line is on screen, without its newline
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace mb::ctl
