# Third-party libraries. Natively: the packages' CMake and pkg-config files. Cross-building
# (MB_DEPS_INCLUDE_DIR, set by scripts/build-macos.sh): every dependency is used header-only
# from one staging directory that holds only their folders, so the host's C library headers
# never shadow the target SDK's. spdlog and fmt are compiled in (SPDLOG_HEADER_ONLY is spdlog's
# default without SPDLOG_COMPILED_LIB; FMT_HEADER_ONLY for fmt).
set(MB_DEPS_INCLUDE_DIR "" CACHE PATH
  "Use the dependencies header-only from this directory instead of finding the packages")

function(mb_header_only_target name)
  add_library(${name} INTERFACE IMPORTED GLOBAL)
  # Imported include directories are system ones: their warnings are not ours.
  set_target_properties(${name} PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${MB_DEPS_INCLUDE_DIR}")
endfunction()

if(MB_DEPS_INCLUDE_DIR)
  foreach(dir boost cereal rapidjson CLI spdlog fmt toml++)
    if(NOT EXISTS "${MB_DEPS_INCLUDE_DIR}/${dir}")
      message(FATAL_ERROR "MB_DEPS_INCLUDE_DIR: ${MB_DEPS_INCLUDE_DIR}/${dir} is missing")
    endif()
  endforeach()
  mb_header_only_target(Boost::headers)
  mb_header_only_target(cereal::cereal)
  mb_header_only_target(CLI11::CLI11)
  mb_header_only_target(spdlog::spdlog)
  set_target_properties(spdlog::spdlog PROPERTIES
    INTERFACE_COMPILE_DEFINITIONS "SPDLOG_HEADER_ONLY;FMT_HEADER_ONLY")
  mb_header_only_target(PkgConfig::TOMLPP)
  if(MB_BUILD_TESTS)
    mb_header_only_target(Catch2::Catch2)
  endif()
else()
  find_package(Boost 1.74 REQUIRED)
  find_package(cereal REQUIRED)
  find_package(CLI11 REQUIRED)
  find_package(spdlog REQUIRED)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)
  if(MB_BUILD_TESTS)
    find_package(Catch2 REQUIRED)
  endif()
endif()

# Precompiled third-party headers: a cross-build on a small machine spends most of its time
# parsing Boost.Asio, spdlog, toml++ and Catch2 once per file. Off by default (a native build
# should keep proving that every file includes what it uses); scripts/build-macos.sh turns it on.
option(MB_PRECOMPILE_HEADERS "Precompile the heavy third-party headers" OFF)
set(MB_PCH_HEADERS <boost/asio/io_context.hpp> <boost/asio/steady_timer.hpp>
  <spdlog/spdlog.h> <toml++/toml.h> <functional> <map> <memory> <optional> <string> <vector>)

function(mb_precompile target)
  if(MB_PRECOMPILE_HEADERS)
    target_precompile_headers(${target} PRIVATE ${MB_PCH_HEADERS} ${ARGN})
  endif()
endfunction()
