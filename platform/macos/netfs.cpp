// NetFSMountURLSync: how macOS mounts SMB with a password it is handed (mount_smbfs reads
// none from a pipe). Runs only in the `--internal netfs-mount` child, whose deadline the
// broker's child runner enforces: this call can wait on the server for minutes.
#include "platform/netfs.hpp"

#include <NetFS/NetFS.h>
#include <sys/errno.h>
#include <sys/mount.h>

#include "core/backends/netfs_status.hpp"
#include "platform/macos/cf_ref.hpp"

namespace mb::platform {
namespace {

namespace de = core::backends::darwin_errno;
namespace ns = core::backends::netfs_status;
// netfs_status.cpp classifies by these numbers on every OS: they must be this SDK's.
static_assert(de::kEPERM == EPERM && de::kENOENT == ENOENT && de::kEACCES == EACCES &&
              de::kEBUSY == EBUSY && de::kEEXIST == EEXIST && de::kENOTDIR == ENOTDIR &&
              de::kEINVAL == EINVAL && de::kENETDOWN == ENETDOWN &&
              de::kENETUNREACH == ENETUNREACH && de::kECONNRESET == ECONNRESET &&
              de::kETIMEDOUT == ETIMEDOUT && de::kECONNREFUSED == ECONNREFUSED &&
              de::kEHOSTDOWN == EHOSTDOWN && de::kEHOSTUNREACH == EHOSTUNREACH &&
              de::kEAUTH == EAUTH && de::kENOTSUP == ENOTSUP);
static_assert(ns::kPasswordNeedsChange == ENETFSPWDNEEDSCHANGE &&
              ns::kPasswordPolicy == ENETFSPWDPOLICY &&
              ns::kAccountRestricted == ENETFSACCOUNTRESTRICTED &&
              ns::kNoSharesAvailable == ENETFSNOSHARESAVAIL &&
              ns::kNoAuthMechSupported == ENETFSNOAUTHMECHSUPP &&
              ns::kNoProtocolVersionSupported == ENETFSNOPROTOVERSSUPP);

int mount_flags(const core::backends::NetfsFlags& f) {
  int flags = 0;
  if (f.nobrowse) flags |= MNT_DONTBROWSE;
  if (f.rdonly) flags |= MNT_RDONLY;
  if (f.nosuid) flags |= MNT_NOSUID;
  if (f.nodev) flags |= MNT_NODEV;
  if (f.noexec) flags |= MNT_NOEXEC;
  return flags;
}

// Open options: never a dialog (nobody would see it: a mount without the password fails as
// userCanceledErr instead), a guest session when there is no user.
CFMutableDictionaryRef open_options(const core::backends::NetfsRequest& r) {
  CFMutableDictionaryRef open = new_dictionary();
  CFDictionarySetValue(open, kNAUIOptionKey, kNAUIOptionNoUI);
  if (r.username.empty()) CFDictionarySetValue(open, kNetFSUseGuestKey, kCFBooleanTrue);
  return open;
}

// Mount options: soft (a dead server fails calls instead of hanging them), exactly at the
// mount point (not a new directory below it), and the flags.
CFMutableDictionaryRef mount_options(const core::backends::NetfsRequest& r) {
  CFMutableDictionaryRef mount = new_dictionary();
  CFDictionarySetValue(mount, kNetFSSoftMountKey, kCFBooleanTrue);
  CFDictionarySetValue(mount, kNetFSMountAtMountDirKey, kCFBooleanTrue);
  const int flags = mount_flags(r.flags);
  CfRef<CFNumberRef> number(CFNumberCreate(nullptr, kCFNumberIntType, &flags));
  CFDictionarySetValue(mount, kNetFSMountFlagsKey, number.ref);
  return mount;
}

}  // namespace

int netfs_mount(const core::backends::NetfsRequest& r, const std::string& password,
                std::string& detail) {
  CfRef<CFStringRef> url_text(cf_string(r.url));
  CfRef<CFURLRef> url(url_text.ref ? CFURLCreateWithString(nullptr, url_text.ref, nullptr)
                                   : nullptr);
  CfRef<CFStringRef> path_text(cf_string(r.mountpoint));
  CfRef<CFURLRef> path(path_text.ref ? CFURLCreateWithFileSystemPath(nullptr, path_text.ref,
                                                                     kCFURLPOSIXPathStyle, true)
                                     : nullptr);
  if (!url.ref || !path.ref) {
    detail = "; the URL or the mount point is not valid UTF-8";
    return EINVAL;
  }
  CfRef<CFMutableDictionaryRef> open(open_options(r));
  CfRef<CFMutableDictionaryRef> mount(mount_options(r));
  CfRef<CFStringRef> user(r.username.empty() ? nullptr : cf_string(r.username));
  // Core Foundation keeps its own copy of the password, which cannot be wiped: this child
  // exits right after the call.
  CfRef<CFStringRef> secret(r.password ? cf_string(password) : nullptr);
  CFArrayRef mounted = nullptr;
  const int status =
      NetFSMountURLSync(url.ref, path.ref, user.ref, secret.ref, open.ref, mount.ref, &mounted);
  CfRef<CFArrayRef> mounted_ref(mounted);
  return status;
}

}  // namespace mb::platform
