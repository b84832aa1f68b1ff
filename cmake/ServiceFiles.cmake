# Service files for launchd, systemd and inetd/cron, generated from the templates in
# launchd/, systemd/ and inetd/ with the paths this build installs to and compiles in, so the
# service files and the code never drift. All of them are generated on every OS (the tests
# check them everywhere); each is installed only where its service manager runs.
# Needs GNUInstallDirs and the MB_DEFAULT_* variables.

# Where the inetd and cron lines, the example config and the install manifest go.
set(MB_DATA_DIR "${CMAKE_INSTALL_FULL_DATADIR}/mount-broker")

# How long the service manager waits after SIGTERM: the broker finishes its accepted clients
# and running helpers first, and a mount helper may take mount_timeout_sec (30 s by default).
set(MB_STOP_TIMEOUT_SEC 60)
# Where launchd writes the stderr of the jobs (the broker's log on macOS).
set(MB_LAUNCHD_LOG_FILE "/var/log/mount-broker.log" CACHE STRING
    "StandardErrorPath of the launchd jobs")

# systemd reads units from /usr/lib/systemd/system, /usr/local/lib/systemd/system and
# /etc/systemd/system, never from PREFIX/lib/systemd/system of another prefix (/opt/mb). The
# default follows the prefix, also when it changes later (scripts/install.sh --prefix
# reconfigures); a value someone set (-DMB_SYSTEMD_UNIT_DIR=...) is kept.
if(CMAKE_INSTALL_PREFIX MATCHES "^/usr(/local)?/*$")
  set(_mb_unit_dir_default "lib/systemd/system")
else()
  set(_mb_unit_dir_default "/etc/systemd/system")
endif()
if(NOT DEFINED MB_SYSTEMD_UNIT_DIR_DEFAULT AND DEFINED CACHE{MB_LAUNCHD_DIR})
  # A build directory configured before the default followed the prefix had this one.
  set(MB_SYSTEMD_UNIT_DIR_DEFAULT "lib/systemd/system")
endif()
if(NOT DEFINED MB_SYSTEMD_UNIT_DIR OR MB_SYSTEMD_UNIT_DIR STREQUAL MB_SYSTEMD_UNIT_DIR_DEFAULT)
  set(MB_SYSTEMD_UNIT_DIR "${_mb_unit_dir_default}" CACHE STRING
      "where the systemd units are installed (relative: under CMAKE_INSTALL_PREFIX)" FORCE)
endif()
set(MB_SYSTEMD_UNIT_DIR_DEFAULT "${_mb_unit_dir_default}" CACHE INTERNAL
    "the default MB_SYSTEMD_UNIT_DIR was set to (a different value was chosen by someone)")
set(MB_LAUNCHD_DIR "/Library/LaunchDaemons" CACHE STRING "where the launchd plists are installed")
set(_mb_on_linux OFF)
set(_mb_on_macos OFF)
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
  set(_mb_on_linux ON)
elseif(APPLE)
  set(_mb_on_macos ON)
endif()
option(MB_INSTALL_SYSTEMD_UNITS "install the systemd units" ${_mb_on_linux})
option(MB_INSTALL_LAUNCHD_PLISTS "install the launchd plists" ${_mb_on_macos})

if(IS_ABSOLUTE "${MB_SYSTEMD_UNIT_DIR}")
  set(MB_SYSTEMD_UNIT_FULL_DIR "${MB_SYSTEMD_UNIT_DIR}")
else()
  set(MB_SYSTEMD_UNIT_FULL_DIR "${CMAKE_INSTALL_PREFIX}/${MB_SYSTEMD_UNIT_DIR}")
endif()

# systemd creates the state directory (0700) before each start when it lies under
# /var/lib; elsewhere the broker creates it itself (also 0700).
if(MB_DEFAULT_STATE_DIR MATCHES "^/var/lib/(.+)$")
  set(MB_SYSTEMD_STATE_DIRECTORY
      "# systemd creates ${MB_DEFAULT_STATE_DIR} (0700) before each start; the broker would too.\nStateDirectory=${CMAKE_MATCH_1}\nStateDirectoryMode=0700")
else()
  set(MB_SYSTEMD_STATE_DIRECTORY
      "# The broker creates its state directory, ${MB_DEFAULT_STATE_DIR}, itself (0700).")
endif()

# FreeBSD's inetd creates a unix socket with mode 0200 (root only) unless the service field
# starts with :user:group:mode:. openbsd-inetd (Debian) does not know that prefix and makes
# the socket 0666 itself.
if(CMAKE_SYSTEM_NAME MATCHES "FreeBSD|DragonFly")
  set(MB_INETD_SERVICE ":root:wheel:666:${MB_DEFAULT_SOCKET}")
else()
  set(MB_INETD_SERVICE "${MB_DEFAULT_SOCKET}")
endif()

set(MB_SYSTEMD_UNITS mount-broker.socket mount-broker.service mount-broker-sweep.service
                     mount-broker-sweep.timer mount-broker-sweep-now.service)
# The units install.sh enables; the service is started by its socket, the sweep by its timer.
set(MB_SYSTEMD_ENABLE mount-broker.socket mount-broker-sweep.timer)
set(MB_LAUNCHD_LABELS org.mount-broker.broker org.mount-broker.sweep org.mount-broker.netchange)

set(MB_GENERATED_SYSTEMD "")
foreach(unit IN LISTS MB_SYSTEMD_UNITS)
  configure_file(${CMAKE_SOURCE_DIR}/systemd/${unit}.in ${CMAKE_BINARY_DIR}/systemd/${unit} @ONLY)
  list(APPEND MB_GENERATED_SYSTEMD ${CMAKE_BINARY_DIR}/systemd/${unit})
endforeach()

set(MB_GENERATED_LAUNCHD "")
foreach(label IN LISTS MB_LAUNCHD_LABELS)
  configure_file(${CMAKE_SOURCE_DIR}/launchd/${label}.plist.in
                 ${CMAKE_BINARY_DIR}/launchd/${label}.plist @ONLY)
  list(APPEND MB_GENERATED_LAUNCHD ${CMAKE_BINARY_DIR}/launchd/${label}.plist)
endforeach()

configure_file(${CMAKE_SOURCE_DIR}/inetd/inetd.conf.in ${CMAKE_BINARY_DIR}/inetd/inetd.conf @ONLY)
configure_file(${CMAKE_SOURCE_DIR}/inetd/crontab.in ${CMAKE_BINARY_DIR}/inetd/crontab @ONLY)

if(MB_INSTALL_SYSTEMD_UNITS)
  install(FILES ${MB_GENERATED_SYSTEMD} DESTINATION ${MB_SYSTEMD_UNIT_DIR})
endif()
# The network-change and resume hooks (hooks/): they start mount-broker-sweep-now.service.
# NetworkManager reads dispatcher scripts from /etc/NetworkManager/dispatcher.d and, for
# packages, /usr/lib/NetworkManager/dispatcher.d. systemd 252 runs sleep hooks only from
# /usr/lib/systemd/system-sleep, whatever the prefix.
if(CMAKE_INSTALL_PREFIX MATCHES "^/usr/*$")
  set(_mb_nm_dir_default "/usr/lib/NetworkManager/dispatcher.d")
else()
  set(_mb_nm_dir_default "/etc/NetworkManager/dispatcher.d")
endif()
# The default follows a changed prefix (like MB_SYSTEMD_UNIT_DIR); a chosen value is kept.
if(NOT DEFINED MB_NM_DISPATCHER_DIR OR MB_NM_DISPATCHER_DIR STREQUAL MB_NM_DISPATCHER_DIR_DEFAULT)
  set(MB_NM_DISPATCHER_DIR "${_mb_nm_dir_default}" CACHE STRING
      "where the NetworkManager dispatcher script is installed" FORCE)
endif()
set(MB_NM_DISPATCHER_DIR_DEFAULT "${_mb_nm_dir_default}" CACHE INTERNAL
    "the default MB_NM_DISPATCHER_DIR was set to")
set(MB_SYSTEMD_SLEEP_DIR "/usr/lib/systemd/system-sleep" CACHE STRING
    "where the systemd-sleep hook is installed")
configure_file(${CMAKE_SOURCE_DIR}/hooks/nm-dispatcher.in ${CMAKE_BINARY_DIR}/hooks/90-mount-broker
               @ONLY)
configure_file(${CMAKE_SOURCE_DIR}/hooks/system-sleep.in ${CMAKE_BINARY_DIR}/hooks/mount-broker
               @ONLY)
if(MB_INSTALL_SYSTEMD_UNITS)
  # NetworkManager runs only root-owned scripts that others cannot write.
  install(PROGRAMS ${CMAKE_BINARY_DIR}/hooks/90-mount-broker DESTINATION ${MB_NM_DISPATCHER_DIR}
          PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ
                      WORLD_EXECUTE)
  install(PROGRAMS ${CMAKE_BINARY_DIR}/hooks/mount-broker DESTINATION ${MB_SYSTEMD_SLEEP_DIR})
endif()
if(MB_INSTALL_LAUNCHD_PLISTS)
  # launchd refuses plists that are writable by anyone but root.
  install(FILES ${MB_GENERATED_LAUNCHD} DESTINATION ${MB_LAUNCHD_DIR}
          PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
endif()
# The inetd line and the cron line are for the administrator to add (install.sh prints them).
install(FILES ${CMAKE_BINARY_DIR}/inetd/inetd.conf ${CMAKE_BINARY_DIR}/inetd/crontab
        DESTINATION ${CMAKE_INSTALL_DATADIR}/mount-broker)
