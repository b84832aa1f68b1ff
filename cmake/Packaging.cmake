# The Debian package: `cpack -G DEB` in a build configured for the package, which
# scripts/package-deb.sh makes (-DCMAKE_INSTALL_PREFIX=/usr -DMB_PACKAGE_DEB=ON). The package
# holds what `cmake --install` installs (binaries, man pages, units, example config, the
# network-change and resume hooks) and, instead of the manifest scripts/uninstall.sh reads,
# Debian's own parts: the copyright and changelog, maintainer scripts that enable the socket
# and the timer where systemd runs, and keep the config and credentials on remove (purge
# removes them). cpack from a /usr/local build is refused by install_check.cmake: the units
# would name /usr/local paths the package does not install.
# Include after InstallData.cmake (MB_DATA_DIR, MB_SYSTEMD_ENABLE).

set(MB_DEB_MAINTAINER "mount-broker maintainers <maintainers@mount-broker.example.org>"
    CACHE STRING "the Maintainer of the Debian package (name <email>)")
set(MB_DEB_DIR ${CMAKE_BINARY_DIR}/debian)
string(REPLACE ";" " " MB_DEB_UNITS "${MB_SYSTEMD_ENABLE}")
get_filename_component(MB_DEFAULT_CONFIG_DIR "${MB_DEFAULT_CONFIG}" DIRECTORY)
foreach(script postinst prerm postrm)
  configure_file(${CMAKE_SOURCE_DIR}/cmake/debian/${script}.in ${MB_DEB_DIR}/${script} @ONLY
                 FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                                  WORLD_READ WORLD_EXECUTE)
endforeach()
# The config the package installs is a conffile: dpkg keeps it on remove (and the changes an
# administrator made on upgrade), and deletes it on purge.
file(WRITE ${MB_DEB_DIR}/conffiles "${MB_DEFAULT_CONFIG}\n")

if(MB_PACKAGE_DEB)
  # Debian wants /usr/share/doc/PACKAGE/copyright and a changelog (gzip -9n: no timestamp).
  configure_file(${CMAKE_SOURCE_DIR}/cmake/debian/copyright.in ${MB_DEB_DIR}/copyright @ONLY)
  string(TIMESTAMP MB_DEB_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
  configure_file(${CMAKE_SOURCE_DIR}/cmake/debian/changelog.in ${MB_DEB_DIR}/changelog @ONLY)
  execute_process(COMMAND gzip -9nf ${MB_DEB_DIR}/changelog RESULT_VARIABLE _mb_gzip)
  if(NOT _mb_gzip EQUAL 0)
    message(FATAL_ERROR "gzip ${MB_DEB_DIR}/changelog failed")
  endif()
  install(FILES ${MB_DEB_DIR}/copyright ${MB_DEB_DIR}/changelog.gz
          DESTINATION ${CMAKE_INSTALL_DOCDIR})
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME mount-broker)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${MB_DEB_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "on-demand mount broker for network shares")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "keeps SMB, NFS and FUSE network shares mounted and healthy, on demand\n A broker started by systemd socket activation mounts the shares its config\n names, probes them, recovers dead ones and exits when idle; a timer sweeps\n them. mountctl is the command line client.")
# mount-broker_VERSION_amd64.deb
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Depends from the binaries' libraries (dpkg-shlibdeps); the helpers a config may name are
# each a choice of the administrator.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fuse3, cifs-utils")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nfs-common, bindfs, sshfs, rclone")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${MB_DEB_DIR}/conffiles ${MB_DEB_DIR}/postinst ${MB_DEB_DIR}/prerm ${MB_DEB_DIR}/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
