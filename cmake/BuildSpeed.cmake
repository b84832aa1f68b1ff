# What a clean build costs (docs/BENCHMARKS.md, "clean build"). On a 2-core machine most of it
# was the optimiser and DWARF generation of the same Boost.Asio, spdlog, CLI11 and Catch2
# templates, instantiated again in every file that used them, not parsing.
#
# Batches (CMake's unity build): each library and the unit tests compile their files a few
# at a time in one translation unit, so a template is instantiated, optimised and described in
# DWARF once per batch instead of once per file. Files of one target must then not define the
# same internal name twice (an anonymous namespace is per translation unit, and a batch is one).
set(mb_unity_default ON)
if(MB_PACKAGE_DEB)
  set(mb_unity_default OFF)
endif()
option(MB_UNITY_BUILD "Compile each library's and the unit tests' files in batches" ${mb_unity_default})
set(MB_UNITY_BATCH_SIZE 16 CACHE STRING "Files per batch of the unity build")

# RelWithDebInfo: line tables only (-g1). A backtrace keeps its function names, files and lines;
# what goes is the description of types and variables, which was a third of each file's
# compile time and most of the binaries' size. -DMB_FULL_DEBUG_INFO=ON for a debugging session.
# The Debian package builds with Debian's flags (full -g, for the -dbgsym package).
option(MB_FULL_DEBUG_INFO "RelWithDebInfo: full debug info (-g) instead of line tables" OFF)
if(NOT MB_FULL_DEBUG_INFO AND NOT MB_PACKAGE_DEB)
  # After CMAKE_CXX_FLAGS_RELWITHDEBINFO's -g on the command line: the last level wins.
  add_compile_options($<$<CONFIG:RelWithDebInfo>:-g1>)
endif()

# mb_unity(target): TARGET's files compiled in batches when MB_UNITY_BUILD is on.
function(mb_unity target)
  if(MB_UNITY_BUILD)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON
      UNITY_BUILD_BATCH_SIZE ${MB_UNITY_BATCH_SIZE})
  endif()
endfunction()
