#include "core/backends/netfs_status.hpp"

#include <array>

namespace mb::core::backends {
namespace {

using supervisor::ErrorClass;
namespace de = darwin_errno;
namespace ns = netfs_status;

struct Known {
  int status;
  ErrorClass cls;
  const char* text;
};

// Ordered as NetFS.h lists them; every status the broker can act on differently.
constexpr std::array<Known, 26> kKnown{{
    {de::kEAUTH, ErrorClass::auth, "authentication failed (EAUTH)"},
    {de::kEACCES, ErrorClass::auth, "permission denied (EACCES)"},
    {de::kEPERM, ErrorClass::auth, "operation not permitted (EPERM)"},
    {ns::kUserCanceled, ErrorClass::auth,
     "the login needed a dialog, and none may be shown (userCanceledErr)"},
    {ns::kPasswordNeedsChange, ErrorClass::auth, "the password must be changed on the server"},
    {ns::kPasswordPolicy, ErrorClass::auth, "the password does not meet the server's policy"},
    {ns::kAccountRestricted, ErrorClass::auth, "the account is restricted on the server"},
    {ns::kNoAuthMechSupported, ErrorClass::auth,
     "the server offers no authentication method this Mac supports"},
    {ns::kNetAuthGuestNotSupported, ErrorClass::auth, "the server allows no guest access"},
    {de::kENOENT, ErrorClass::config, "no such share or mount point (ENOENT)"},
    {de::kENOTDIR, ErrorClass::config, "the mount point is not a directory (ENOTDIR)"},
    {de::kEINVAL, ErrorClass::config, "invalid argument (EINVAL)"},
    {de::kENOTSUP, ErrorClass::config, "not supported (ENOTSUP)"},
    {ns::kNoSharesAvailable, ErrorClass::config, "no such share for this user"},
    {ns::kNetAuthNoShares, ErrorClass::config, "no such share for this user"},
    {ns::kNoProtocolVersionSupported, ErrorClass::config,
     "the server speaks no SMB version this Mac supports"},
    {de::kEBUSY, ErrorClass::busy, "the mount point is busy (EBUSY)"},
    {de::kEEXIST, ErrorClass::busy, "something is already mounted there (EEXIST)"},
    {de::kETIMEDOUT, ErrorClass::timeout, "the server did not answer in time (ETIMEDOUT)"},
    {de::kENETDOWN, ErrorClass::network, "the network is down (ENETDOWN)"},
    {de::kENETUNREACH, ErrorClass::network, "the network is unreachable (ENETUNREACH)"},
    {de::kECONNRESET, ErrorClass::network, "the connection was reset (ECONNRESET)"},
    {de::kECONNREFUSED, ErrorClass::network, "the server refused the connection (ECONNREFUSED)"},
    {de::kEHOSTDOWN, ErrorClass::network, "the server is down (EHOSTDOWN)"},
    {de::kEHOSTUNREACH, ErrorClass::network, "no route to the server (EHOSTUNREACH)"},
    {ns::kNetAuthMountFailed, ErrorClass::unknown, "the mount failed (NetAuth -6602)"},
}};

const Known* find(int status) {
  for (const auto& k : kKnown)
    if (k.status == status) return &k;
  return nullptr;
}

constexpr int kExitBase = 20;

}  // namespace

ErrorClass classify_netfs_status(int status) {
  if (status == 0) return ErrorClass::none;
  const Known* k = find(status);
  return k ? k->cls : ErrorClass::unknown;
}

std::string describe_netfs_status(int status) {
  const Known* k = find(status);
  return k ? std::string(k->text) + " (status " + std::to_string(status) + ")"
           : "status " + std::to_string(status);
}

int netfs_exit_code(ErrorClass c) {
  return c == ErrorClass::none ? 0 : kExitBase + static_cast<int>(c);
}

ErrorClass class_of_netfs_exit(int exit_code) {
  if (exit_code == 0) return ErrorClass::none;
  const int index = exit_code - kExitBase;
  if (index <= static_cast<int>(ErrorClass::none) || index > static_cast<int>(ErrorClass::unknown))
    return ErrorClass::unknown;
  return static_cast<ErrorClass>(index);
}

}  // namespace mb::core::backends
