# Man pages: every man/NAME.SECTION.in is configured (@ONLY) into
# ${CMAKE_BINARY_DIR}/man/NAME.SECTION and installed to ${CMAKE_INSTALL_MANDIR}/manSECTION.
# The placeholders a page may use: @PROJECT_VERSION@, @MB_DEFAULT_CONFIG@,
# @MB_DEFAULT_STATE_DIR@, @MB_DEFAULT_SOCKET@, @MB_DEFAULT_CREDENTIALS_DIR@,
# @MB_LAUNCHD_SOCKET_NAME@, @CMAKE_INSTALL_FULL_SBINDIR@ (mount-broker),
# @CMAKE_INSTALL_FULL_BINDIR@ (mountctl), and those of ServiceFiles.cmake
# (include it first): @MB_DATA_DIR@ (the inetd and cron lines, the example config),
# @MB_SYSTEMD_UNIT_FULL_DIR@, @MB_LAUNCHD_DIR@, @MB_LAUNCHD_LOG_FILE@.

# CONFIGURE_DEPENDS: a page added later makes the next build re-run CMake.
file(GLOB MB_MAN_TEMPLATES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/man/*.in)
set(MB_MAN_PAGES "")
foreach(template IN LISTS MB_MAN_TEMPLATES)
  get_filename_component(page ${template} NAME)
  string(REGEX REPLACE "\\.in$" "" page "${page}")
  if(NOT page MATCHES "\\.([1-9])[a-z]*$")
    message(FATAL_ERROR "man/${page}.in: the name must end in a section, like mountctl.8.in")
  endif()
  set(section ${CMAKE_MATCH_1})
  configure_file(${template} ${CMAKE_BINARY_DIR}/man/${page} @ONLY)
  if(MB_PACKAGE_DEB)
    # Debian installs man pages compressed (gzip -9n: no timestamp, the same bytes each build).
    execute_process(COMMAND gzip -9nkf ${CMAKE_BINARY_DIR}/man/${page} RESULT_VARIABLE _mb_gzip)
    if(NOT _mb_gzip EQUAL 0)
      message(FATAL_ERROR "gzip ${CMAKE_BINARY_DIR}/man/${page} failed")
    endif()
    install(FILES ${CMAKE_BINARY_DIR}/man/${page}.gz
            DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
  else()
    install(FILES ${CMAKE_BINARY_DIR}/man/${page} DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
  endif()
  list(APPEND MB_MAN_PAGES ${CMAKE_BINARY_DIR}/man/${page})
endforeach()
