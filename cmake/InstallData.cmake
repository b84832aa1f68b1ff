# What `cmake --install` puts besides binaries, man pages and service files: the example
# config (at MB_DEFAULT_CONFIG only if no config exists there, and always as an example in
# MB_DATA_DIR), the credentials and state directories (0700), and a manifest of everything
# installed that scripts/install.sh and scripts/uninstall.sh read.
# Include after ServiceFiles.cmake (MB_DATA_DIR, the service variables); InstallManifest.cmake
# goes last.

# The example config speaks each platform's dialect.
set(MB_EXAMPLE_ADMIN_GROUP "${MB_DEFAULT_ADMIN_GROUP}")
if(APPLE)
  set(MB_EXAMPLE_CREDENTIAL "keychain")
  set(MB_EXAMPLE_MOUNT_DIR "/Volumes")
else()
  set(MB_EXAMPLE_CREDENTIAL "file")
  set(MB_EXAMPLE_MOUNT_DIR "/mnt")
endif()
configure_file(${CMAKE_SOURCE_DIR}/examples/mount-broker.toml.in
               ${CMAKE_BINARY_DIR}/examples/mount-broker.toml @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/examples/mount-broker.toml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/mount-broker RENAME config.toml.example)

# Shell completions of mountctl (commands, options, mount names), where each shell looks
# without configuration: bash-completion's directory; for zsh, Debian's vendor-completions
# under /usr, site-functions elsewhere (both are in zsh's default fpath).
set(MB_BASH_COMPLETION_DIR "${CMAKE_INSTALL_DATADIR}/bash-completion/completions"
    CACHE STRING "where the bash completion of mountctl is installed")
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr" AND NOT APPLE)
  set(mb_zsh_dir "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions")
else()
  set(mb_zsh_dir "${CMAKE_INSTALL_DATADIR}/zsh/site-functions")
endif()
set(MB_ZSH_COMPLETION_DIR "${mb_zsh_dir}" CACHE STRING "where the zsh completion of mountctl is installed")
install(FILES ${CMAKE_SOURCE_DIR}/completions/mountctl.bash DESTINATION ${MB_BASH_COMPLETION_DIR}
        RENAME mountctl)
install(FILES ${CMAKE_SOURCE_DIR}/completions/_mountctl DESTINATION ${MB_ZSH_COMPLETION_DIR})

# The installed layout, one KEY=VALUE a line: the head of the installed manifest, and what
# install.sh reads from the build directory before it installs.
if(MB_INSTALL_SYSTEMD_UNITS)
  set(MB_PATHS_SYSTEMD_UNIT_DIR "${MB_SYSTEMD_UNIT_FULL_DIR}")
else()
  set(MB_PATHS_SYSTEMD_UNIT_DIR "")
endif()
if(MB_INSTALL_LAUNCHD_PLISTS)
  set(MB_PATHS_LAUNCHD_DIR "${MB_LAUNCHD_DIR}")
else()
  set(MB_PATHS_LAUNCHD_DIR "")
endif()
string(REPLACE ";" " " MB_PATHS_SYSTEMD_ENABLE "${MB_SYSTEMD_ENABLE}")
string(REPLACE ";" " " MB_PATHS_LAUNCHD_LABELS "${MB_LAUNCHD_LABELS}")
configure_file(${CMAKE_SOURCE_DIR}/cmake/install-paths.txt.in
               ${CMAKE_BINARY_DIR}/install-paths.txt @ONLY)

# Config and directories: install(SCRIPT) so the checks run at install time, under DESTDIR.
configure_file(${CMAKE_SOURCE_DIR}/cmake/install_data.cmake.in
               ${CMAKE_BINARY_DIR}/cmake/install_data.cmake @ONLY)
install(SCRIPT ${CMAKE_BINARY_DIR}/cmake/install_data.cmake)
