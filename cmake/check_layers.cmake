# The house's include rules, checked on every build (the `layer_rules` target in
# CMakeLists.txt) over every source file, including the other OS's platform/ files that this
# build does not compile. The include views of cmake/Layers.cmake make the compiler refuse a
# forbidden include too; this check also refuses what views cannot see: an include that climbs
# out of its folder with "..", and OS or daemon headers in the pure core.
#
#   cmake -DMB_SOURCE_DIR=... -P cmake/check_layers.cmake
#
# Each layer, lowest first, and the layers its files may include (itself included):
set(MB_RULE_util util)
set(MB_RULE_proto proto util)
set(MB_RULE_core core util)
set(MB_RULE_platform platform core util)
set(MB_RULE_process process platform core util)
set(MB_RULE_broker broker process platform core proto util)
set(MB_RULE_mountctl mountctl process platform core proto util)
# The core is pure: decisions from values. No event loop, no logger, no system calls.
set(MB_CORE_FORBIDDEN boost/asio spdlog/ unistd.h fcntl.h pwd.h grp.h dirent.h poll.h
  signal.h spawn.h sys/mount.h sys/socket.h sys/statfs.h sys/statvfs.h sys/wait.h fstream
  filesystem thread)

set(problems "")
foreach(layer util proto core platform process broker mountctl)
  file(GLOB_RECURSE files RELATIVE ${MB_SOURCE_DIR} ${MB_SOURCE_DIR}/${layer}/*.cpp
    ${MB_SOURCE_DIR}/${layer}/*.hpp)
  foreach(f ${files})
    file(STRINGS ${MB_SOURCE_DIR}/${f} lines REGEX "^[ \t]*#[ \t]*include")
    foreach(line ${lines})
      # cereal's JSON archive only through util/cereal_json.hpp: its rapidjson stream
      # specializations must be seen by every file or the program has two definitions.
      if(line MATCHES "(cereal/archives/json\\.hpp|rapidjson/)" AND NOT f STREQUAL "util/cereal_json.hpp")
        string(APPEND problems "${f}: ${line}: include \"util/cereal_json.hpp\" instead (it must be seen before cereal's JSON archive)\n")
        continue()
      endif()
      if(line MATCHES "#[ \t]*include[ \t]*\"([^\"]+)\"")
        set(inc ${CMAKE_MATCH_1})
        if(inc MATCHES "\\.\\.")
          string(APPEND problems "${f}: #include \"${inc}\" climbs out of its folder; name the file from its layer (e.g. \"core/config/config.hpp\")\n")
          continue()
        endif()
        string(REGEX MATCH "^[^/]+" top "${inc}")
        if(NOT inc MATCHES "/")
          continue()  # a file of the same folder
        endif()
        list(FIND MB_RULE_${layer} ${top} allowed)
        if(allowed EQUAL -1)
          string(REPLACE ";" ", " may "${MB_RULE_${layer}}")
          string(APPEND problems "${f}: #include \"${inc}\": ${layer}/ may include only ${may}\n")
        endif()
      elseif(layer STREQUAL "core" AND line MATCHES "#[ \t]*include[ \t]*<([^>]+)>")
        set(inc ${CMAKE_MATCH_1})
        foreach(bad ${MB_CORE_FORBIDDEN})
          string(FIND "${inc}" "${bad}" at)
          if(at EQUAL 0)
            string(APPEND problems "${f}: #include <${inc}>: core/ is pure (no event loop, logger or system calls); put the OS side in platform/\n")
          endif()
        endforeach()
      endif()
    endforeach()
  endforeach()
endforeach()
if(problems)
  message(FATAL_ERROR "include rules of the house (docs/ARCHITECTURE.md) broken:\n${problems}")
endif()
