# Third-party libraries. Natively: the packages' CMake and pkg-config files. Cross-building
# (MB_DEPS_INCLUDE_DIR, set by scripts/build-macos.sh): every dependency is used header-only
# from one staging directory that holds only their folders, so the host's C library headers
# never shadow the target SDK's. fmt, spdlog and toml++ are then compiled in (third_party/).
set(MB_DEPS_INCLUDE_DIR "" CACHE PATH
  "Use the dependencies header-only from this directory instead of finding the packages")
# Natively, by default: spdlog, fmt and toml++ compiled into the binaries (third_party/) and
# libstdc++ linked statically, so a binary loads only the C library. mountctl is typed by
# people and polled by scripts: its start-up is then close to a small C program's (the
# dynamic loader's relocations were most of a `mountctl --help`; docs/BENCHMARKS.md). The
# Debian package turns it off (scripts/package-deb.sh): a distribution links its libraries.
option(MB_STATIC_DEPS "Compile spdlog, fmt and toml++ in and link libstdc++ statically" ON)
if(MB_STATIC_DEPS AND NOT MB_DEPS_INCLUDE_DIR AND NOT APPLE)
  # The same staging directory scripts/build-macos.sh makes: only the dependencies' folders,
  # so an imported include directory never puts /usr/include itself before the compiler's own
  # (that would break libstdc++'s #include_next).
  set(staged ${CMAKE_BINARY_DIR}/deps-include)
  file(MAKE_DIRECTORY ${staged})
  foreach(dir boost cereal rapidjson CLI spdlog fmt toml++)
    if(EXISTS /usr/include/${dir} AND NOT EXISTS ${staged}/${dir})
      file(CREATE_LINK /usr/include/${dir} ${staged}/${dir} SYMBOLIC)
    endif()
  endforeach()
  set(MB_DEPS_INCLUDE_DIR ${staged})
  set(MB_NATIVE_STATIC ON)
  include(CheckLinkerFlag)
  add_link_options(-static-libstdc++ -static-libgcc)
  # Relative relocations packed (glibc 2.36, binutils 2.38): fewer pages touched at start.
  check_linker_flag(CXX "-Wl,-z,pack-relative-relocs" MB_HAVE_RELR)
  if(MB_HAVE_RELR)
    add_link_options(-Wl,-z,pack-relative-relocs)
  endif()
endif()

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
  # fmt, spdlog and toml++ compiled once, from their own headers, into one static library
  # (third_party/README.md): their header-only modes would compile them in every file.
  add_library(mb_third_party STATIC ${CMAKE_SOURCE_DIR}/third_party/fmt.cpp
    ${CMAKE_SOURCE_DIR}/third_party/spdlog.cpp ${CMAKE_SOURCE_DIR}/third_party/tomlpp.cpp)
  target_include_directories(mb_third_party SYSTEM PUBLIC ${MB_DEPS_INCLUDE_DIR})
  target_compile_definitions(mb_third_party PUBLIC SPDLOG_COMPILED_LIB SPDLOG_FMT_EXTERNAL
    TOML_HEADER_ONLY=0)
  # fmt's formatting core is instantiated in fmt.cpp only, not again in every file that logs.
  target_compile_options(mb_third_party INTERFACE
    "SHELL:-include ${CMAKE_SOURCE_DIR}/third_party/fmt_extern.hpp")
  mb_header_only_target(spdlog::spdlog)
  set_target_properties(spdlog::spdlog PROPERTIES INTERFACE_LINK_LIBRARIES mb_third_party)
  mb_header_only_target(PkgConfig::TOMLPP)
  set_target_properties(PkgConfig::TOMLPP PROPERTIES INTERFACE_LINK_LIBRARIES mb_third_party)
  if(MB_BUILD_TESTS AND MB_NATIVE_STATIC)
    find_package(Catch2 REQUIRED)  # its CMake module registers the tests
  elseif(MB_BUILD_TESTS)
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

# Precompiled third-party headers: a build on a small machine spends most of its time parsing
# Boost.Asio, spdlog, toml++, CLI11 and Catch2 once per file (more so header-only). Off by
# default (a native build keeps proving that every file includes what it uses);
# scripts/build-macos.sh turns it on, and so should -DMB_STATIC_DEPS=ON builds.
option(MB_PRECOMPILE_HEADERS "Precompile the heavy third-party headers" OFF)
set(MB_PCH_STD <functional> <map> <memory> <optional> <string> <vector>)
set(MB_PCH_HEADERS <boost/asio/io_context.hpp> <boost/asio/steady_timer.hpp>
  <spdlog/spdlog.h> <toml++/toml.h> ${MB_PCH_STD})

# mb_precompile(target [headers...]): the shell's list plus headers; mb_precompile(target ONLY
# headers...): just those (a layer that links no Asio or spdlog).
function(mb_precompile target)
  if(NOT MB_PRECOMPILE_HEADERS)
    return()
  endif()
  if(ARGV1 STREQUAL "ONLY")
    list(SUBLIST ARGN 1 -1 headers)
    target_precompile_headers(${target} PRIVATE ${headers} ${MB_PCH_STD})
  else()
    target_precompile_headers(${target} PRIVATE ${MB_PCH_HEADERS} ${ARGN})
  endif()
endfunction()
