#pragma once
// Core Foundation helpers shared by the macOS files that talk to Security and NetFS.
#include <CoreFoundation/CoreFoundation.h>

#include <string>

namespace mb::platform {

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

// A UTF-8 copy of `s` (+1 reference).
inline CFStringRef cf_string(const std::string& s) {
  return CFStringCreateWithBytes(nullptr, reinterpret_cast<const UInt8*>(s.data()),
                                 static_cast<CFIndex>(s.size()), kCFStringEncodingUTF8, false);
}

// An empty dictionary of CF objects (+1 reference).
inline CFMutableDictionaryRef new_dictionary() {
  return CFDictionaryCreateMutable(nullptr, 0, &kCFTypeDictionaryKeyCallBacks,
                                   &kCFTypeDictionaryValueCallBacks);
}

}  // namespace mb::platform
