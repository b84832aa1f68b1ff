#pragma once
// The descriptors a child is given and the broker keeps: close-on-exec pipes, the unlinked
// capture file of a detached helper, and handing a descriptor to Asio.
#include <boost/asio/posix/stream_descriptor.hpp>

#include "util/result.hpp"
#include "util/unique_fd.hpp"

namespace mb::process {

struct Pipe {
  util::UniqueFd read, write;
};

// Both ends close-on-exec: no other child may inherit either (spawn places the child's end).
util::Result<Pipe> make_pipe();
// Output of a detached helper: a file never blocks the writer nor breaks (SIGPIPE) when the
// broker exits, as a pipe would. Unlinked at once: nothing is left behind.
util::Result<util::UniqueFd> make_capture_file();
// A close-on-exec copy of `fd`.
util::Result<util::UniqueFd> duplicate(int fd);
// Hands a descriptor to Asio; on failure it stays with `fd`, so it is still closed.
util::Status adopt(boost::asio::posix::stream_descriptor& d, util::UniqueFd& fd);
// Closes, ignoring errors (the descriptor may already be gone).
void close_quietly(boost::asio::posix::stream_descriptor& d);

}  // namespace mb::process
