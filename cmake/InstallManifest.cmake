# Last install rule: writes MB_DATA_DIR/install-manifest.txt, the installed layout
# (install-paths.txt) followed by one "file=PATH" line for each file installed, without
# DESTDIR. scripts/uninstall.sh removes exactly those files. The config, the credentials and
# the state are not listed: they belong to the administrator.
configure_file(${CMAKE_SOURCE_DIR}/cmake/install_manifest.cmake.in
               ${CMAKE_BINARY_DIR}/cmake/install_manifest.cmake @ONLY)
install(SCRIPT ${CMAKE_BINARY_DIR}/cmake/install_manifest.cmake)
