#include "core/backends/classify.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace be = mb::core::backends;
namespace cfg = mb::core::config;
using mb::core::supervisor::ErrorClass;

namespace {

// By name, so that a failure reads "auth" == "network" rather than two integers.
const char* name(ErrorClass c) {
  return mb::core::state::to_string(c);
}

struct Case {
  int exit_code;
  std::string stderr_text;
  ErrorClass expected;
};

void check_table(cfg::MountType type, const Case& c) {
  CAPTURE(c.exit_code, c.stderr_text);
  CHECK(std::string(name(be::classify_failure(type, c.exit_code, c.stderr_text))) ==
        name(c.expected));
}

constexpr const char* kRefer =
    "Refer to the mount.cifs(8) manual page (e.g. man mount.cifs) and kernel log messages "
    "(dmesg)\n";

}  // namespace

// Messages from cifs-utils 7.0 mount.cifs.c ("mount error(%d): %s" with the kernel's errno);
// the ones marked "seen" were printed by mount.cifs on the test machine.
TEST_CASE("mount.cifs failures are classified from its messages", "[backends][classify]") {
  auto c = GENERATE(values<Case>({
      {32, std::string("mount error(13): Permission denied\n") + kRefer, ErrorClass::auth},
      {32, std::string("mount error(126): Required key not available\n") + kRefer,
       ErrorClass::auth},
      {32, std::string("mount error(127): Key has expired\n") + kRefer, ErrorClass::auth},
      {32, std::string("mount error(16): Device or resource busy\n") + kRefer, ErrorClass::busy},
      {32,
       std::string("mount error: Server abruptly closed the connection.\nThis can happen if the "
                   "server does not support the SMB version you are trying to use.\nThe default "
                   "SMB version recently changed from SMB1 to SMB2.1 and above. Try mounting with "
                   "vers=1.0.\nmount error(112): Host is down\n") +
           kRefer,
       ErrorClass::network},
      {32, "mount error(113): could not connect to 192.0.2.10Unable to find suitable address.\n",
       ErrorClass::network},
      {32, "mount error(111): could not connect to 127.0.0.1Unable to find suitable address.\n",
       ErrorClass::network},
      {32, std::string("mount error(110): Connection timed out\n") + kRefer, ErrorClass::network},
      {32, std::string("mount error(101): Network is unreachable\n") + kRefer, ErrorClass::network},
      // seen
      {1, "mount error: could not resolve address for no-such-host.invalid: Unknown error\n",
       ErrorClass::network},
      {32, std::string("mount error(2): No such file or directory\n") + kRefer, ErrorClass::config},
      {32, std::string("mount error(22): Invalid argument\n") + kRefer, ErrorClass::config},
      {32, std::string("mount error(95): Operation not supported\n") + kRefer, ErrorClass::config},
      // seen: no cifs module in the kernel
      {32,
       std::string("mount error: cifs filesystem not supported by the system\nmount error(19): "
                   "No such device\n") +
           kRefer,
       ErrorClass::config},
      // seen: the mount point is missing
      {1, "Couldn't chdir to /tmp/nope: No such file or directory\n", ErrorClass::config},
      {1, "mount.cifs: bad UNC (nas/photos)\n", ErrorClass::config},
      {32, std::string("mount error(5): Input/output error\n") + kRefer, ErrorClass::unknown},
      {32, std::string("mount error(1): Operation not permitted\n") + kRefer, ErrorClass::unknown},
      {0, "", ErrorClass::none},
  }));
  check_table(cfg::MountType::smb, c);
}

// nfs-utils utils/mount/error.c and util-linux mount ("seen" on the test machine).
TEST_CASE("nfs failures are classified from mount.nfs and mount messages", "[backends][classify]") {
  auto c = GENERATE(values<Case>({
      {32, "mount.nfs: access denied by server while mounting nas:/export/photos\n",
       ErrorClass::config},
      {32, "mount.nfs: Permission denied for nas:/export on /mnt/x\n", ErrorClass::config},
      {32, "mount.nfs: mount to NFS server 'nas' failed: timed out, giving up\n",
       ErrorClass::network},
      {32, "mount.nfs: Connection refused for nas:/export on /mnt/x\n", ErrorClass::network},
      {32, "mount.nfs: No route to host for nas:/export on /mnt/x\n", ErrorClass::network},
      {32, "mount.nfs: Failed to resolve server nas.local: Name or service not known\n",
       ErrorClass::network},
      {32, "mount.nfs: Network is unreachable for nas:/export on /mnt/x\n", ErrorClass::network},
      {32,
       "mount.nfs: mounting nas:/nope failed, reason given by server: No such file or "
       "directory\n",
       ErrorClass::config},
      {32, "mount.nfs: an incorrect mount option was specified for /mnt/x\n", ErrorClass::config},
      {32, "mount.nfs: requested NFS version or transport protocol is not supported for /mnt/x\n",
       ErrorClass::config},
      {32, "mount.nfs: /mnt/x is busy or already mounted or sharecache fail\n", ErrorClass::busy},
      {32, "mount.nfs: mount point /mnt/x does not exist\n", ErrorClass::config},
      // seen: no mount.nfs installed
      {32,
       "mount: /tmp/x: unknown filesystem type 'nfs'.\n       dmesg(1) may have more "
       "information after failed mount system call.\n",
       ErrorClass::config},
      {32,
       "mount: /tmp/x: wrong fs type, bad option, bad superblock on 127.0.0.1:/x, missing "
       "codepage or helper program, or other error.\n",
       ErrorClass::config},
      {32, "mount.nfs: Stale file handle\n", ErrorClass::unknown},
  }));
  check_table(cfg::MountType::nfs, c);
}

// sshfs 3.7 / OpenSSH, bindfs, libfuse, rclone 1.60 ("seen" on the test machine).
TEST_CASE("FUSE helper failures are classified from their messages", "[backends][classify]") {
  auto c = GENERATE(values<Case>({
      {1, "alice@nas: Permission denied (publickey).\nread: Connection reset by peer\n",
       ErrorClass::auth},
      {1,
       "Permission denied, please try again.\nalice@nas: Permission denied "
       "(publickey,password).\nread: Connection reset by peer\n",
       ErrorClass::auth},
      {1, "Received disconnect from 192.0.2.1 port 22:2: Too many authentication failures\n",
       ErrorClass::auth},
      {1, "Host key verification failed.\nread: Connection reset by peer\n", ErrorClass::config},
      // seen: sshfs hides ssh's own message unless run with -f or -d
      {1, "read: Connection reset by peer\n", ErrorClass::network},
      // seen (sshfs -f)
      {1,
       "ssh: connect to host 127.0.0.1 port 1: Connection refused\nread: Connection reset by "
       "peer\n",
       ErrorClass::network},
      {1, "ssh: Could not resolve hostname nas: Name or service not known\n", ErrorClass::network},
      {1, "ssh: connect to host 192.0.2.1 port 22: Connection timed out\n", ErrorClass::network},
      {1, "ssh: connect to host 192.0.2.1 port 22: No route to host\n", ErrorClass::network},
      {1, "remote host has disconnected\n", ErrorClass::network},
      // seen
      {1, "fuse: unknown option(s): `-o nosuchopt'\n", ErrorClass::config},
      {1, "sshfs: bad mount point `/tmp/nope': No such file or directory\n", ErrorClass::config},
      {1, "sshfs: bad mount point `/mnt/x': Permission denied\n", ErrorClass::config},
      {1, "Failed to resolve source directory `/nonexistent': No such file or directory\n",
       ErrorClass::config},
      {1, "fuse: unknown option `nosuchopt'\n", ErrorClass::config},
      {1, "Failed to resolve mount point `/tmp/nope': No such file or directory\n",
       ErrorClass::config},
      {1,
       "fuse: mountpoint is not empty\nfuse: if you are sure this is safe, use the 'nonempty' "
       "mount option\n",
       ErrorClass::config},
      {1, "fusermount3: failed to access mountpoint /mnt/x: Permission denied\n",
       ErrorClass::config},
      {1, "fuse: device not found, try 'modprobe fuse' first\n", ErrorClass::config},
      // seen (rclone)
      {1,
       "2026/11/21 20:00:08 Failed to create file system for \"nosuchremote:\": didn't find "
       "section in config file\n",
       ErrorClass::config},
      {1,
       "2026/11/21 20:00:24 Failed to create file system for \":sftp:\": NewFs: couldn't "
       "connect SSH: dial tcp 127.0.0.1:1: connect: connection refused\n",
       ErrorClass::network},
      {1,
       "2026/11/21 20:00:36 Failed to create file system for \":sftp:\": NewFs: couldn't "
       "connect SSH: dial tcp: lookup no-such-host.invalid on 10.255.255.53:53: no such host\n",
       ErrorClass::network},
      {1,
       "2026/11/21 20:00:59 Fatal error: failed to mount FUSE fs: mountpoint does not exist: "
       "/tmp/nope\n",
       ErrorClass::config},
      {1,
       "2026/11/21 20:00:47 Fatal error: mount point \"/tmp/ne\" and directory to be mounted "
       "\"/tmp\" mustn't overlap\n",
       ErrorClass::config},
      {1,
       "Fatal error: failed to mount FUSE fs: directory already mounted, use --allow-non-empty "
       "to mount anyway: /mnt/x\n",
       ErrorClass::busy},
      {1,
       "Failed to create file system for \"nas:\": NewFs: couldn't connect SSH: ssh: handshake "
       "failed: ssh: unable to authenticate, attempted methods [none password], no supported "
       "methods remain\n",
       ErrorClass::auth},
      {1, "Failed to create file system for \"smb:\": NT_STATUS_LOGON_FAILURE\n", ErrorClass::auth},
      {1,
       "Failed to create file system for \"smb:\": response error: The attempted logon is "
       "invalid. This is either due to a bad username or authentication information.\n",
       ErrorClass::auth},
      {1, "webdav: 401 Unauthorized\n", ErrorClass::auth},
      {1, "Authentication failed.\n", ErrorClass::auth},
      // seen: exec failure, and a wrapper script that cannot run its helper
      {127, "setsid: failed to execute no-such-helper-xyz: No such file or directory\n",
       ErrorClass::config},
      {126, "bash: /usr/local/bin/helper: Permission denied\n", ErrorClass::config},
      {127, "", ErrorClass::config},
      {1, "something odd happened\n", ErrorClass::unknown},
      {1, "", ErrorClass::unknown},
  }));
  check_table(cfg::MountType::command, c);
}

TEST_CASE("matching ignores case and tool-specific rules apply to their type",
          "[backends][classify]") {
  CHECK(be::classify_failure(cfg::MountType::smb, 32, "MOUNT ERROR(13): PERMISSION DENIED") ==
        ErrorClass::auth);
  // An export refusal is the server's configuration for NFS, a login failure elsewhere.
  CHECK(be::classify_failure(cfg::MountType::nfs, 32, "Permission denied") == ErrorClass::config);
  CHECK(be::classify_failure(cfg::MountType::smb, 32, "Permission denied") == ErrorClass::auth);
  // mount.cifs' errno numbers mean nothing in mount.nfs output.
  CHECK(be::classify_failure(cfg::MountType::nfs, 32, "error(13)") == ErrorClass::unknown);
  CHECK(be::classify_failure(cfg::MountType::smb, 32, "mount error(22)") == ErrorClass::config);
  CHECK(be::classify_failure(cfg::MountType::smb, 32, "mount error(2)") == ErrorClass::config);
}

TEST_CASE("a helper killed at its deadline is a timeout", "[backends][classify]") {
  STATIC_REQUIRE(be::classify_timeout() == ErrorClass::timeout);
}
