#pragma once
// What NetFSMountURLSync's result means, and how the netfs-mount child reports it to the
// broker through its exit status. Pure: the macOS errno values are written out (Darwin's
// numbers, not this OS's), so the table is tested on Linux; netfs.cpp checks them against the
// SDK's <sys/errno.h> at compile time.
#include <string>

#include "core/supervisor/supervisor.hpp"

namespace mb::core::backends {

namespace darwin_errno {
inline constexpr int kEPERM = 1, kENOENT = 2, kEACCES = 13, kEBUSY = 16, kEEXIST = 17,
                     kENOTDIR = 20, kEINVAL = 22, kENETDOWN = 50, kENETUNREACH = 51,
                     kECONNRESET = 54, kETIMEDOUT = 60, kECONNREFUSED = 61, kEHOSTDOWN = 64,
                     kEHOSTUNREACH = 65, kEAUTH = 80, kENOTSUP = 45;
}  // namespace darwin_errno

// NetFS's own negative statuses (NetFS.h, NetAuthErrors.h) and userCanceledErr.
namespace netfs_status {
inline constexpr int kUserCanceled = -128, kPasswordNeedsChange = -5045, kPasswordPolicy = -5046,
                     kAccountRestricted = -5999, kNoSharesAvailable = -5998,
                     kNoAuthMechSupported = -5997, kNoProtocolVersionSupported = -5996,
                     kNetAuthNoShares = -6003, kNetAuthGuestNotSupported = -6004,
                     kNetAuthInternal = -6600, kNetAuthMountFailed = -6602;
}  // namespace netfs_status

// 0 none; a refused login (EAUTH, EACCES, EPERM, a password to change, a restricted account,
// no usable authentication, no guest access, and userCanceledErr: with kNAUIOptionNoUI that is
// a login that needed a dialog) is auth, never retried; a share or mount point that is not
// there is config; something mounted there already is busy; network errors are network;
// ETIMEDOUT is timeout; anything else is unknown.
supervisor::ErrorClass classify_netfs_status(int status);

// "authentication failed (EAUTH)", "status -6602": for the child's message.
std::string describe_netfs_status(int status);

// The child's exit status for a class (0 for none; 20 + the class otherwise), and back. An
// exit status the child never uses (a crash, 1 from a usage error) is unknown.
int netfs_exit_code(supervisor::ErrorClass c);
supervisor::ErrorClass class_of_netfs_exit(int exit_code);

}  // namespace mb::core::backends
