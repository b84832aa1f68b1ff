// Compiled and linked against the macOS 12 SDK (scripts/build-macos.sh), never run: there is
// no Mac in this project's rig. Needs `-framework Security -framework CoreFoundation`.
//
// macOS keeps mount passwords in the System keychain (credential = "keychain"): an internet
// password for (server, account = username), which is what keychain.cpp looks up (security
// find-internet-password -s SERVER -a ACCOUNT -w System.keychain); a new entry gets protocol
// smb, an existing one for that server and account is updated whatever its protocol. The password
// goes to the Security framework in memory, never to security(1) on a command line.
#include "platform/credential_store.hpp"

#include <CoreFoundation/CoreFoundation.h>
#include <Security/Security.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "core/backends/credential_kind.hpp"
#include "core/backends/keychain_output.hpp"
#include "core/config/diagnostics.hpp"
#include "platform/keychain.hpp"
#include "platform/macos/cf_ref.hpp"
#include "util/errno_text.hpp"
#include "util/wipe.hpp"

// The System keychain is a file-based keychain: only the SecKeychain/SecAccess API (deprecated
// since 10.10, still the one security(1) uses) can name it and set who may read an item.
#pragma clang diagnostic ignored "-Wdeprecated-declarations"

namespace mb::platform {
namespace {

constexpr const char* kSystemKeychain = "/Library/Keychains/System.keychain";
// The reader runs this program, so the item's access list must trust it, or every mount would
// wait for a dialog that nobody sees.
constexpr const char* kReader = "/usr/bin/security";

std::string status_text(OSStatus status) {
  CfRef<CFStringRef> text(SecCopyErrorMessageString(status, nullptr));
  char buf[256] = "";
  if (text.ref) CFStringGetCString(text.ref, buf, sizeof buf, kCFStringEncodingUTF8);
  return std::string(buf) + " (OSStatus " + std::to_string(status) + ")";
}

std::string where(const core::config::MountConfig& m) {
  return core::backends::mount_at_line(m);
}

// Who may read the new item without a dialog: this program and the broker's reader.
util::Result<SecAccessRef> reader_access(CFStringRef label) {
  SecTrustedApplicationRef self = nullptr;
  SecTrustedApplicationRef reader = nullptr;
  OSStatus st = SecTrustedApplicationCreateFromPath(nullptr, &self);
  CfRef<SecTrustedApplicationRef> self_ref(self);
  if (st == errSecSuccess) st = SecTrustedApplicationCreateFromPath(kReader, &reader);
  CfRef<SecTrustedApplicationRef> reader_ref(reader);
  if (st != errSecSuccess) return util::error("trusted application: " + status_text(st));
  const void* apps[] = {self, reader};
  CfRef<CFArrayRef> list(CFArrayCreate(nullptr, apps, 2, &kCFTypeArrayCallBacks));
  SecAccessRef access = nullptr;
  st = SecAccessCreate(label, list.ref, &access);
  if (st != errSecSuccess) return util::error("access list: " + status_text(st));
  return access;
}

// Updates the item if it exists (it keeps its access list), else adds it. Update-or-add,
// never delete-then-add: a failure in between would lose the old password.
util::Status save(const core::config::MountConfig& m, std::string_view password) {
  SecKeychainRef keychain_raw = nullptr;
  OSStatus st = SecKeychainOpen(kSystemKeychain, &keychain_raw);
  CfRef<SecKeychainRef> keychain(keychain_raw);
  if (st != errSecSuccess) {
    return util::error("open " + std::string(kSystemKeychain) + ": " + status_text(st));
  }
  CfRef<CFStringRef> server(cf_string(m.server));
  CfRef<CFStringRef> account(cf_string(m.username));
  CfRef<CFStringRef> label(cf_string("mount-broker " + m.name + " (" + m.server + ")"));
  // Wrapped, not copied: the caller wipes the one buffer that holds the password.
  CfRef<CFDataRef> data(
      CFDataCreateWithBytesNoCopy(nullptr, reinterpret_cast<const UInt8*>(password.data()),
                                  static_cast<CFIndex>(password.size()), kCFAllocatorNull));
  const void* keychains[] = {keychain.ref};
  CfRef<CFArrayRef> search(CFArrayCreate(nullptr, keychains, 1, &kCFTypeArrayCallBacks));

  CfRef<CFMutableDictionaryRef> query(new_dictionary());
  CFDictionarySetValue(query.ref, kSecClass, kSecClassInternetPassword);
  CFDictionarySetValue(query.ref, kSecAttrServer, server.ref);
  CFDictionarySetValue(query.ref, kSecAttrAccount, account.ref);
  // No protocol: the reader (keychain.cpp) and doctor match server and account only, so an
  // entry made by hand or by Finder (any protocol) is the one to update, not to duplicate.
  CFDictionarySetValue(query.ref, kSecMatchSearchList, search.ref);
  CfRef<CFMutableDictionaryRef> change(new_dictionary());
  CFDictionarySetValue(change.ref, kSecValueData, data.ref);
  st = SecItemUpdate(query.ref, change.ref);
  if (st != errSecItemNotFound) {
    if (st != errSecSuccess) return util::error("update the keychain item: " + status_text(st));
    return util::ok_status();
  }

  auto access = reader_access(label.ref);
  if (!access) return util::error(access.error());
  CfRef<SecAccessRef> access_ref(*access);
  CfRef<CFMutableDictionaryRef> item(new_dictionary());
  CFDictionarySetValue(item.ref, kSecClass, kSecClassInternetPassword);
  CFDictionarySetValue(item.ref, kSecAttrServer, server.ref);
  CFDictionarySetValue(item.ref, kSecAttrAccount, account.ref);
  CFDictionarySetValue(item.ref, kSecAttrProtocol, kSecAttrProtocolSMB);
  CFDictionarySetValue(item.ref, kSecAttrLabel, label.ref);
  CFDictionarySetValue(item.ref, kSecAttrAccess, access_ref.ref);
  CFDictionarySetValue(item.ref, kSecUseKeychain, keychain.ref);
  CFDictionarySetValue(item.ref, kSecValueData, data.ref);
  st = SecItemAdd(item.ref, nullptr);
  if (st != errSecSuccess) return util::error("add the keychain item: " + status_text(st));
  return util::ok_status();
}

// The broker's reader, run now: mountctl setup may wait for it (the broker never does; it
// runs the same command through its child runner). The environment is emptied, and the
// spawn closes every descriptor but the pipe.
util::Result<std::string> read_back(const core::config::MountConfig& m) {
  auto argv = keychain_read_command(m.server, m.username);
  if (!argv) return util::error(argv.error());
  int out[2];
  if (pipe(out) != 0) return util::error(util::errno_text("pipe", errno));
  posix_spawn_file_actions_t fa;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&fa);
  posix_spawnattr_init(&attr);
  posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addinherit_np(&fa, STDERR_FILENO);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_CLOEXEC_DEFAULT);
  std::vector<char*> args;
  for (auto& a : *argv) args.push_back(a.data());
  args.push_back(nullptr);
  char* no_env[] = {nullptr};
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, args[0], &fa, &attr, args.data(), no_env);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  close(out[1]);
  if (rc != 0) {
    close(out[0]);
    return util::error(util::errno_text(args[0], rc));
  }
  std::string text;
  char buf[256];
  for (ssize_t n; (n = read(out[0], buf, sizeof buf)) > 0;)
    text.append(buf, static_cast<size_t>(n));
  close(out[0]);
  util::wipe(buf, sizeof buf);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  auto password = core::backends::keychain_password_from(code, text, m.server, m.username);
  util::wipe(text);
  return password;
}

}  // namespace

util::Status check_kind(const core::config::MountConfig& m) {
  if (m.credential == core::config::Credential::keychain &&
      (m.server.empty() || m.username.empty())) {
    return util::error(where(m) +
                       ": a keychain entry is found by server and username; set both there");
  }
  return core::backends::check_credential_kind(
      m, core::config::Credential::keychain,
      " has credential = \"file\"; on macOS mountctl setup stores passwords in the System "
      "keychain: set credential = \"keychain\" there, then run this again");
}

util::Status check_place(const core::config::MountConfig&, const std::string&) {
  return util::ok_status();
}

util::Result<std::string> store_credential(const core::config::MountConfig& m, const std::string&,
                                           std::string_view password) {
  if (auto st = check_kind(m); !st) return util::error(st.error());
  if (auto st = save(m, password); !st) {
    return util::error("storing the password in the System keychain failed: " + st.error());
  }
  // Read back by the broker's own reader: what it finds is what the next mount gets.
  auto back = read_back(m);
  if (!back)
    return util::error("stored in the System keychain, but the broker's reader says: " +
                       back.error());
  const bool same = *back == password;
  util::wipe(*back);
  if (!same) {
    return util::error(
        "stored in the System keychain, but the broker's reader finds another "
        "entry for server " +
        m.server + " and account " + m.username +
        " first; remove the others (Keychain Access, System keychain)");
  }
  return m.name + ": stored the password in the System keychain (internet password, server " +
         m.server + ", account " + m.username + "); the next mount of " + m.name +
         " uses it, no broker restart needed";
}

}  // namespace mb::platform
