// UNCOMPILED: written from Apple's Security framework documentation; there is no macOS in this
// project's rig, so this file has never been built or run. Needs `-framework Security
// -framework CoreFoundation` on the link line.
//
// macOS keeps mount passwords in the System keychain (credential = "keychain"): an internet
// password for (server, account = username), which is what keychain.cpp looks up (security
// find-internet-password -s SERVER -a ACCOUNT -w System.keychain); a new entry gets protocol
// smb, an existing one for that server and account is updated whatever its protocol. The password
// goes to the Security framework in memory, never to security(1) on a command line.
#include "broker/platform/credential_store.hpp"

#include <CoreFoundation/CoreFoundation.h>
#include <Security/Security.h>

#include "broker/backends/credential_kind.hpp"
#include "broker/config/diagnostics.hpp"
#include "broker/platform/keychain.hpp"
#include "util/wipe.hpp"

// The System keychain is a file-based keychain: only the SecKeychain/SecAccess API (deprecated
// since 10.10, still the one security(1) uses) can name it and set who may read an item.
#pragma clang diagnostic ignored "-Wdeprecated-declarations"

namespace mb::broker::platform {
namespace {

constexpr const char* kSystemKeychain = "/Library/Keychains/System.keychain";
// The reader runs this program, so the item's access list must trust it, or every mount would
// wait for a dialog that nobody sees.
constexpr const char* kReader = "/usr/bin/security";

// Releases one Core Foundation reference at scope exit.
template <typename T>
struct CfRef {
  T ref = nullptr;
  CfRef() = default;
  explicit CfRef(T r) : ref(r) {}
  CfRef(const CfRef&) = delete;
  CfRef& operator=(const CfRef&) = delete;
  ~CfRef() {
    if (ref) CFRelease(ref);
  }
};

std::string status_text(OSStatus status) {
  CfRef<CFStringRef> text(SecCopyErrorMessageString(status, nullptr));
  char buf[256] = "";
  if (text.ref) CFStringGetCString(text.ref, buf, sizeof buf, kCFStringEncodingUTF8);
  return std::string(buf) + " (OSStatus " + std::to_string(status) + ")";
}

CFStringRef cf_string(const std::string& s) {
  return CFStringCreateWithBytes(nullptr, reinterpret_cast<const UInt8*>(s.data()),
                                 static_cast<CFIndex>(s.size()), kCFStringEncodingUTF8, false);
}

CFMutableDictionaryRef new_dictionary() {
  return CFDictionaryCreateMutable(nullptr, 0, &kCFTypeDictionaryKeyCallBacks,
                                   &kCFTypeDictionaryValueCallBacks);
}

std::string where(const config::MountConfig& m) {
  return backends::mount_at_line(m);
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
util::Status save(const config::MountConfig& m, std::string_view password) {
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

}  // namespace

util::Status check_kind(const config::MountConfig& m) {
  if (m.credential == config::Credential::keychain && (m.server.empty() || m.username.empty())) {
    return util::error(where(m) +
                       ": a keychain entry is found by server and username; set both there");
  }
  return backends::check_credential_kind(
      m, config::Credential::keychain,
      " has credential = \"file\"; on macOS mountctl setup stores passwords in the System "
      "keychain: set credential = \"keychain\" there, then run this again");
}

util::Status check_place(const config::MountConfig&, const std::string&) {
  return util::ok_status();
}

util::Result<std::string> store_credential(const config::MountConfig& m, const std::string&,
                                           std::string_view password) {
  if (auto st = check_kind(m); !st) return util::error(st.error());
  if (auto st = save(m, password); !st) {
    return util::error("storing the password in the System keychain failed: " + st.error());
  }
  // Read back by the broker's own reader: what it finds is what the next mount gets.
  auto back = keychain_password(m.server, m.username);
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

}  // namespace mb::broker::platform
