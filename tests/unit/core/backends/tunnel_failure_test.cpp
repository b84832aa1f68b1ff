#include "core/backends/tunnel_failure.hpp"

#include <catch2/catch.hpp>

namespace be = mb::core::backends;
using mb::core::state::ErrorClass;

TEST_CASE("tunnel failure: a refused key is auth, a host key problem is config") {
  CHECK(be::classify_tunnel_failure(255, "tun@10.0.0.2: Permission denied (publickey).") ==
        ErrorClass::auth);
  CHECK(be::classify_tunnel_failure(
            255,
            "No ED25519 host key is known for 10.0.0.2 and you have requested strict "
            "checking.\nHost key verification failed.\n") == ErrorClass::config);
  CHECK(be::classify_tunnel_failure(
            255, "@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@\nPermission denied") ==
        ErrorClass::config);
  CHECK(be::classify_tunnel_failure(255,
                                    "Warning: Identity file /k not accessible: No such file "
                                    "or directory.\nno such identity: /k") == ErrorClass::config);
}

TEST_CASE("tunnel failure: an unreachable gateway is network, a taken port busy") {
  CHECK(be::classify_tunnel_failure(255,
                                    "ssh: connect to host 10.0.0.2 port 22: Connection "
                                    "refused") == ErrorClass::network);
  CHECK(be::classify_tunnel_failure(255, "ssh: connect to host gw port 22: Connection timed out") ==
        ErrorClass::network);
  CHECK(be::classify_tunnel_failure(255,
                                    "ssh: Could not resolve hostname gw: Name or service "
                                    "not known") == ErrorClass::network);
  CHECK(be::classify_tunnel_failure(255,
                                    "bind [127.0.0.1]:40000: Address already in use\n"
                                    "channel_setup_fwd_listener_tcpip: cannot listen to "
                                    "port: 40000") == ErrorClass::busy);
}

TEST_CASE("tunnel failure: anything else is unknown (retried within the logon budget)") {
  CHECK(be::classify_tunnel_failure(255, "something new") == ErrorClass::unknown);
  CHECK(be::classify_tunnel_failure(0, "") == ErrorClass::unknown);
}
