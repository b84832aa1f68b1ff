# The layering test: builds each probe target of tests/layering/ in the build tree and checks
# that the refused ones fail for the include they try (not for any other reason) and that the
# controls build. Then runs cmake/check_layers.cmake over a made-up tree that breaks each of
# its rules, and expects each one named.
#
#   cmake -DBUILD=... -DSOURCE=... -DREFUSED="target=header;..." -DALLOWED="target;..." -P ...
set(failures "")
foreach(pair ${REFUSED})
  string(REPLACE "=" ";" parts "${pair}")
  list(GET parts 0 target)
  list(GET parts 1 header)
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD} --target ${target}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  string(REGEX MATCH "${header}[^\n]*(No such file|not found)" refused "${out}")
  if(rc EQUAL 0 OR NOT refused)
    string(APPEND failures "${target}: expected the build to refuse #include \"${header}\"; got rc=${rc}:\n${out}\n")
  else()
    message(STATUS "refused as expected: ${target}: ${refused}")
  endif()
endforeach()
foreach(target ${ALLOWED})
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD} --target ${target}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    string(APPEND failures "${target}: the control must build; got rc=${rc}:\n${out}\n")
  else()
    message(STATUS "built as expected: ${target}")
  endif()
endforeach()

# The rules the views cannot enforce, over a made-up tree.
set(tree ${BUILD}/layering-tree)
file(REMOVE_RECURSE ${tree})
file(WRITE ${tree}/core/a/climb.cpp "#include \"../../broker/service/instance.hpp\"\n")
file(WRITE ${tree}/core/a/loop.cpp "#include <boost/asio/io_context.hpp>\n")
file(WRITE ${tree}/core/a/os.cpp "#include <unistd.h>\n")
file(WRITE ${tree}/platform/macos/up.cpp "#include \"broker/activation/activation.hpp\"\n")
file(WRITE ${tree}/mountctl/x.cpp "#include \"broker/ops/ops.hpp\"\n")
file(WRITE ${tree}/proto/j.cpp "#include <cereal/archives/json.hpp>\n")
file(WRITE ${tree}/mountctl/ok.cpp "#include \"process/child_runner.hpp\"\n")
execute_process(COMMAND ${CMAKE_COMMAND} -DMB_SOURCE_DIR=${tree}
  -P ${SOURCE}/cmake/check_layers.cmake RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
string(REGEX REPLACE "[ \n]+" " " flat "${out}")
foreach(expect "core/a/climb.cpp: #include \"../../broker/service/instance.hpp\" climbs out"
    "core/a/loop.cpp: #include <boost/asio/io_context.hpp>: core/ is pure"
    "core/a/os.cpp: #include <unistd.h>: core/ is pure"
    "platform/macos/up.cpp: #include \"broker/activation/activation.hpp\": platform/ may include only platform, core, util"
    "mountctl/x.cpp: #include \"broker/ops/ops.hpp\": mountctl/ may include only"
    "proto/j.cpp: #include <cereal/archives/json.hpp>: include \"util/cereal_json.hpp\" instead")
  string(FIND "${flat}" "${expect}" at)
  if(rc EQUAL 0 OR at EQUAL -1)
    string(APPEND failures "check_layers.cmake did not report: ${expect}\ngot rc=${rc}: ${out}\n")
  endif()
endforeach()
string(FIND "${flat}" "mountctl/ok.cpp" at)
if(NOT at EQUAL -1)
  string(APPEND failures "check_layers.cmake refused an allowed include: ${out}\n")
endif()
file(REMOVE_RECURSE ${tree})
if(failures)
  message(FATAL_ERROR "${failures}")
endif()
