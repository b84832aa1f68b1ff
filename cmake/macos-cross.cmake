# Cross-compiles for macOS from Linux with clang, ld64.lld and an extracted macOS SDK.
# scripts/build-macos.sh passes MB_MACOS_SDK (the SDK root: usr/include, System/Library/...)
# and MB_MACOS_ARCH (arm64 or x86_64). Nothing here runs on the build machine's libc: the C
# and C++ headers and the libraries' .tbd stubs all come from the SDK.
set(CMAKE_SYSTEM_NAME Darwin)
set(CMAKE_SYSTEM_VERSION 21)  # Darwin 21 is macOS 12
if(NOT MB_MACOS_ARCH)
  set(MB_MACOS_ARCH arm64)
endif()
set(CMAKE_SYSTEM_PROCESSOR ${MB_MACOS_ARCH})
# try_compile projects (compiler checks) see the same SDK and architecture.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES MB_MACOS_SDK MB_MACOS_ARCH)

if(NOT MB_MACOS_SDK OR NOT EXISTS "${MB_MACOS_SDK}/usr/include/c++/v1")
  message(FATAL_ERROR "MB_MACOS_SDK must name a macOS SDK root (with usr/include/c++/v1)")
endif()

set(CMAKE_OSX_SYSROOT "${MB_MACOS_SDK}")
set(CMAKE_OSX_ARCHITECTURES "${MB_MACOS_ARCH}")
set(CMAKE_OSX_DEPLOYMENT_TARGET 12.0)

set(CMAKE_CXX_COMPILER clang++)
set(CMAKE_CXX_COMPILER_TARGET ${MB_MACOS_ARCH}-apple-macos12)
# Archives get a Mach-O-readable symbol index; ld64.lld links against the SDK's .tbd stubs.
find_program(CMAKE_AR NAMES llvm-ar llvm-ar-14 REQUIRED)
find_program(CMAKE_RANLIB NAMES llvm-ranlib llvm-ranlib-14 REQUIRED)
set(CMAKE_CXX_FLAGS_INIT "-stdlib=libc++")
# -fatal_warnings: scripts/build-macos.sh promises a build without linker warnings too.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-fuse-ld=lld -stdlib=libc++ -Wl,-fatal_warnings")

# Libraries and headers are searched in the SDK only; programs (pkg-config) on the host.
set(CMAKE_FIND_ROOT_PATH "${MB_MACOS_SDK}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
