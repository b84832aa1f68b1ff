#include "core/probe/probe_report.hpp"

#include <catch2/catch.hpp>
#include <cerrno>
#include <string>

namespace mb::core::probe {
namespace {

using supervisor::ProbeOutcome;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A healthy FUSE mount whose probe read the first bytes of a file found in the root.
ProbeReport healthy_report() {
  ProbeReport r;
  r.device = 60;
  r.parent_device = 2049;
  r.root_inode = 1;
  r.entries = 3;
  r.target = Target::found;
  r.bytes_read = 12;
  r.latency_us = 800;
  return r;
}

Expected fuse_mount() {
  Expected e;
  e.device = 60;
  e.root_inode = 1;
  e.root_had_entries = true;
  e.fuse = true;
  return e;
}

TEST_CASE("a probe report round-trips through format and parse") {
  ProbeReport r = healthy_report();
  r.target = Target::configured;
  r.open_errno = ENOENT;
  r.read_errno = EIO;
  r.target_not_regular = true;
  r.readdir_errno = EACCES;
  auto back = parse(format(r));
  REQUIRE(back);
  CHECK(back->device == r.device);
  CHECK(back->parent_device == r.parent_device);
  CHECK(back->root_inode == r.root_inode);
  CHECK(back->readdir_errno == EACCES);
  CHECK(back->entries == 3);
  CHECK(back->target == Target::configured);
  CHECK(back->open_errno == ENOENT);
  CHECK(back->read_errno == EIO);
  CHECK(back->target_not_regular);
  CHECK(back->bytes_read == 12);
  CHECK(back->latency_us == 800);
}

TEST_CASE("parse takes an older child's line, skips unknown keys, refuses garbage") {
  auto old = parse(
      "stat_errno=0 dev=5 parent_dev=2 opendir_errno=0 readdir_errno=0 entries=4 "
      "latency_us=55\n");
  REQUIRE(old);
  CHECK(old->target == Target::none);
  CHECK(old->bytes_read == -1);
  CHECK(parse(format(healthy_report()) + " future=1"));
  CHECK_FALSE(parse("stat_errno=0 dev=5"));
  CHECK_FALSE(parse("hello world"));
  CHECK_FALSE(parse(
      "stat_errno=x dev=5 parent_dev=2 opendir_errno=0 readdir_errno=0 entries=4 latency_us=5"));
  CHECK_FALSE(
      parse("stat_errno=0 dev=5 parent_dev=2 opendir_errno=0 readdir_errno=0 entries=4 "
            "latency_us=5 target=elsewhere"));
}

TEST_CASE("a probe that read bytes from the share is healthy") {
  CHECK(classify(healthy_report(), fuse_mount()).outcome == ProbeOutcome::healthy);
  ProbeReport empty_share = healthy_report();
  empty_share.entries = 0;
  empty_share.target = Target::none;
  Expected never_had_content = fuse_mount();
  never_had_content.root_had_entries = false;
  CHECK(classify(empty_share, never_had_content).outcome == ProbeOutcome::healthy);
}

TEST_CASE("EIO is definite through a FUSE helper and ambiguous from a kernel client") {
  ProbeReport r = healthy_report();
  r.read_errno = EIO;
  r.bytes_read = -1;
  const Verdict fuse = classify(r, fuse_mount());
  CHECK(fuse.outcome == ProbeOutcome::definite);
  CHECK(fuse.detail == "reading a file in the share's root: Input/output error");
  Expected cifs = fuse_mount();
  cifs.fuse = false;
  CHECK(classify(r, cifs).outcome == ProbeOutcome::ambiguous);
  CHECK(is_definite_errno(ECONNREFUSED, false));
  CHECK(is_definite_errno(EIO, true));
  CHECK_FALSE(is_definite_errno(EIO, false));
  CHECK_FALSE(is_definite_errno(EACCES, true));
}

TEST_CASE("is_fuse knows the FUSE file system types") {
  CHECK(is_fuse("fuse.rclone"));
  CHECK(is_fuse("fuse.sshfs"));
  CHECK(is_fuse("fuse"));
  CHECK(is_fuse("fuseblk"));
  CHECK_FALSE(is_fuse("cifs"));
  CHECK_FALSE(is_fuse("nfs4"));
  CHECK_FALSE(is_fuse("fusectl"));
}

TEST_CASE("a file the cached listing shows but the server no longer has is a failure") {
  ProbeReport r = healthy_report();
  r.read_errno = ENOENT;
  r.bytes_read = -1;
  const Verdict v = classify(r, fuse_mount());
  CHECK(v.outcome == ProbeOutcome::ambiguous);
  CHECK(contains(v.detail, "No such file or directory"));
  CHECK(contains(v.detail, "removed on the server"));
}

TEST_CASE("an empty root where the share had content is a failure") {
  ProbeReport r = healthy_report();
  r.entries = 0;
  r.target = Target::none;
  const Verdict v = classify(r, fuse_mount());
  CHECK(v.outcome == ProbeOutcome::ambiguous);
  CHECK(contains(v.detail, "root is empty, but it had entries"));
}

TEST_CASE("probe_path must exist, be a regular file and give bytes") {
  Expected e = fuse_mount();
  e.probe_path = ".probe";
  ProbeReport r = healthy_report();
  r.target = Target::configured;
  CHECK(classify(r, e).outcome == ProbeOutcome::healthy);

  ProbeReport missing = r;
  missing.open_errno = ENOENT;
  missing.bytes_read = -1;
  CHECK(classify(missing, e).outcome == ProbeOutcome::ambiguous);
  CHECK(contains(classify(missing, e).detail, "probe_path .probe does not exist on the share"));

  ProbeReport lazy = r;  // rclone opens lazily: the read says the file is gone
  lazy.read_errno = ENOENT;
  lazy.bytes_read = -1;
  CHECK(contains(classify(lazy, e).detail, "probe_path .probe does not exist on the share"));

  ProbeReport dir = r;
  dir.target_not_regular = true;
  dir.bytes_read = -1;
  CHECK(classify(dir, e).detail == "probe_path .probe is not a regular file");

  ProbeReport empty = r;
  empty.bytes_read = 0;
  CHECK(classify(empty, e).outcome == ProbeOutcome::ambiguous);
  CHECK(contains(classify(empty, e).detail, "probe_path .probe is empty"));

  ProbeReport dead = r;
  dead.read_errno = EIO;
  dead.bytes_read = -1;
  CHECK(classify(dead, e).outcome == ProbeOutcome::definite);
  CHECK(classify(dead, e).detail == "reading probe_path .probe: Input/output error");

  ProbeReport gone = r;
  gone.open_errno = ENOTCONN;
  CHECK(classify(gone, e).outcome == ProbeOutcome::definite);
}

TEST_CASE("another directory at the root than the one mounted is definite") {
  ProbeReport r = healthy_report();
  r.root_inode = 77;
  const Verdict v = classify(r, fuse_mount());
  CHECK(v.outcome == ProbeOutcome::definite);
  CHECK(v.detail ==
        "the share's root is a different directory than the one mounted (inode 1, "
        "now 77)");
  Expected unknown = fuse_mount();
  unknown.root_inode = 0;  // not yet learnt: nothing to compare
  CHECK(classify(r, unknown).outcome == ProbeOutcome::healthy);
}

TEST_CASE("the first failing check decides, from the mount point down to the bytes") {
  ProbeReport r = healthy_report();
  r.read_errno = EIO;
  r.readdir_errno = EACCES;
  CHECK(classify(r, fuse_mount()).detail == "readdir: Permission denied");
  r.stat_errno = ENOTCONN;
  CHECK(classify(r, fuse_mount()).detail == "stat: Transport endpoint is not connected");
  ProbeReport reverted = healthy_report();
  reverted.device = reverted.parent_device;
  CHECK(classify(reverted, fuse_mount()).outcome == ProbeOutcome::definite);
  ProbeReport other_fs = healthy_report();
  other_fs.device = 61;
  CHECK(classify(other_fs, fuse_mount()).detail ==
        "the mount point is a different filesystem than the one mounted");
}

TEST_CASE("a timeout is its own outcome and says how long it waited") {
  const Verdict v = timed_out(5);
  CHECK(v.outcome == ProbeOutcome::timed_out);
  CHECK(v.detail == "timed out after 5 s");
}

TEST_CASE("only a probe that ran out of time has the timed-out outcome, whatever the text says") {
  // The supervisor classes a timed-out probe by its outcome; a detail that merely mentions a
  // timeout (here the name of the probe_path) is an ordinary ambiguous failure.
  Expected e = fuse_mount();
  e.probe_path = "timeout-check";
  ProbeReport missing = healthy_report();
  missing.target = Target::configured;
  missing.open_errno = ENOENT;
  missing.bytes_read = -1;
  const Verdict v = classify(missing, e);
  CHECK(v.outcome == ProbeOutcome::ambiguous);
  CHECK(contains(v.detail, "timeout-check"));
  // ETIMEDOUT is the server's word that the connection is gone: definite, not a timeout.
  ProbeReport stale = healthy_report();
  stale.stat_errno = ETIMEDOUT;
  CHECK(classify(stale, e).outcome == ProbeOutcome::definite);
}

}  // namespace
}  // namespace mb::core::probe
