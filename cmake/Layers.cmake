# One static library per layer of the house. A layer's PUBLIC include directory is a view: a
# folder in the build tree holding a single link to the layer's own source folder. A library
# therefore sees its own layer and the views of the layers it links, nothing else: the
# repository root is never an include directory.
#
#   mb_layer(NAME [DIR folder] SOURCES globs... [LINKS targets...])
#
# makes mb_NAME from the globbed sources (main.cpp files excluded: each binary names its own).
function(mb_layer name)
  cmake_parse_arguments(L "" "DIR" "SOURCES;LINKS" ${ARGN})
  if(NOT L_DIR)
    set(L_DIR ${name})
  endif()
  set(globs)
  foreach(g ${L_SOURCES})
    list(APPEND globs ${CMAKE_SOURCE_DIR}/${g})
  endforeach()
  file(GLOB sources CONFIGURE_DEPENDS ${globs})
  list(FILTER sources EXCLUDE REGEX "/${L_DIR}/main\\.cpp$")
  add_library(mb_${name} STATIC ${sources})
  mb_layer_view(mb_${name} ${L_DIR})
  mb_unity(mb_${name})
  if(L_LINKS)
    target_link_libraries(mb_${name} PUBLIC ${L_LINKS})
  endif()
endfunction()

# The view ${CMAKE_BINARY_DIR}/layers/FOLDER/FOLDER -> ${CMAKE_SOURCE_DIR}/FOLDER, made the
# include directory of TARGET (PUBLIC: whoever links the layer may include it).
function(mb_layer_view target folder)
  set(view ${CMAKE_BINARY_DIR}/layers/${folder})
  file(MAKE_DIRECTORY ${view})
  if(NOT EXISTS ${view}/${folder})
    file(CREATE_LINK ${CMAKE_SOURCE_DIR}/${folder} ${view}/${folder} SYMBOLIC)
  endif()
  target_include_directories(${target} PUBLIC ${view})
endfunction()
