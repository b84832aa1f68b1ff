#include "core/backends/netfs_status.hpp"

#include <catch2/catch.hpp>

namespace be = mb::core::backends;
namespace de = be::darwin_errno;
namespace ns = be::netfs_status;
using mb::core::supervisor::ErrorClass;

TEST_CASE("NetFS results map to the broker's classes, and a refused login is never retried",
          "[backends][netfs]") {
  struct Case {
    int status;
    ErrorClass cls;
  };
  auto c = GENERATE(values<Case>({
      {0, ErrorClass::none},
      {de::kEAUTH, ErrorClass::auth},
      {de::kEACCES, ErrorClass::auth},
      {ns::kUserCanceled, ErrorClass::auth},
      {ns::kPasswordNeedsChange, ErrorClass::auth},
      {ns::kAccountRestricted, ErrorClass::auth},
      {ns::kNetAuthGuestNotSupported, ErrorClass::auth},
      {de::kENOENT, ErrorClass::config},
      {ns::kNoSharesAvailable, ErrorClass::config},
      {ns::kNetAuthNoShares, ErrorClass::config},
      {de::kEBUSY, ErrorClass::busy},
      {de::kETIMEDOUT, ErrorClass::timeout},
      {de::kEHOSTUNREACH, ErrorClass::network},
      {de::kECONNREFUSED, ErrorClass::network},
      {ns::kNetAuthMountFailed, ErrorClass::unknown},
      {12345, ErrorClass::unknown},
      {-1, ErrorClass::unknown},
  }));
  CAPTURE(c.status);
  CHECK(be::classify_netfs_status(c.status) == c.cls);
  if (c.cls == ErrorClass::auth) CHECK_FALSE(mb::core::supervisor::is_transient(c.cls));
}

TEST_CASE("Darwin's errno numbers are used, not this system's", "[backends][netfs]") {
  // 60 is ETIMEDOUT on macOS, ENOSTR on Linux; 80 is EAUTH on macOS, ELIBBAD on Linux.
  CHECK(be::classify_netfs_status(60) == ErrorClass::timeout);
  CHECK(be::classify_netfs_status(80) == ErrorClass::auth);
  CHECK(be::describe_netfs_status(80) == "authentication failed (EAUTH) (status 80)");
  CHECK(be::describe_netfs_status(-42) == "status -42");
}

TEST_CASE("the child's exit status carries the class back to the broker", "[backends][netfs]") {
  for (ErrorClass c : {ErrorClass::none, ErrorClass::auth, ErrorClass::network, ErrorClass::config,
                       ErrorClass::busy, ErrorClass::timeout, ErrorClass::unknown}) {
    CAPTURE(mb::core::state::to_string(c));
    CHECK(be::class_of_netfs_exit(be::netfs_exit_code(c)) == c);
  }
  CHECK(be::netfs_exit_code(ErrorClass::none) == 0);
  // A crash, a usage error (2) or a shell's 127 is not a class the child chose.
  for (int code : {1, 2, 20, 27, 127, 255})
    CHECK(be::class_of_netfs_exit(code) == ErrorClass::unknown);
}
