# cmake --install: the two programs, the systemd unit with its sysusers.d and
# tmpfiles.d entries, the example config as the system config, man pages.
# tests/install/check_install.sh installs into a DESTDIR and checks all of it.
#
# The unit names the installed jingwend and its config file, and
# `cmake --install BUILD --prefix /usr` may install to another prefix than the
# one configured. So the unit and the config are placed by install(CODE),
# which runs at install time and sees the prefix really used; the rest are
# plain install() rules, which follow --prefix by themselves.
include(GNUInstallDirs)

set(JINGWEN_SYSTEMD_UNIT_DIR "" CACHE PATH
    "Where jingwend.service goes; empty: <install prefix>/lib/systemd/system")
set(JINGWEN_SYSCONF_DIR "" CACHE PATH
    "Where jingwen/jingwen.toml goes; empty: /etc for a /usr prefix, else <install prefix>/${CMAKE_INSTALL_SYSCONFDIR}")

install(TARGETS jingwen jingwend RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Where systemd looks for packaged entries: <prefix>/lib/..., which for /usr
# is /usr/lib/... even on distributions whose libdir is lib64.
install(FILES systemd/jingwen.sysusers DESTINATION lib/sysusers.d RENAME jingwen.conf)
install(FILES systemd/jingwen.tmpfiles DESTINATION lib/tmpfiles.d RENAME jingwen.conf)

install(FILES man/jingwen.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES man/jingwend.8 DESTINATION ${CMAKE_INSTALL_MANDIR}/man8)

# Configure-time values handed to the install-time code below.
install(CODE "
  set(_jingwen_source_dir \"${PROJECT_SOURCE_DIR}\")
  set(_jingwen_unit_file \"${PROJECT_BINARY_DIR}/systemd/jingwend.service\")
  set(_jingwen_bindir \"${CMAKE_INSTALL_BINDIR}\")
  set(_jingwen_sysconfdir \"${CMAKE_INSTALL_SYSCONFDIR}\")
  set(_jingwen_unit_dir \"${JINGWEN_SYSTEMD_UNIT_DIR}\")
  set(_jingwen_sysconf_dir \"${JINGWEN_SYSCONF_DIR}\")
")
install(CODE [[
  # Here CMAKE_INSTALL_PREFIX is the prefix of this install (--prefix).
  if(IS_ABSOLUTE "${_jingwen_bindir}")
    set(CMAKE_INSTALL_FULL_BINDIR "${_jingwen_bindir}")
  else()
    set(CMAKE_INSTALL_FULL_BINDIR "${CMAKE_INSTALL_PREFIX}/${_jingwen_bindir}")
  endif()
  if(NOT _jingwen_unit_dir)
    set(_jingwen_unit_dir "${CMAKE_INSTALL_PREFIX}/lib/systemd/system")
  endif()
  # The system's config belongs in /etc, not /usr/etc (GNUInstallDirs makes
  # the same exception for /usr).
  if(NOT _jingwen_sysconf_dir)
    if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
      set(_jingwen_sysconf_dir "/etc")
    elseif(IS_ABSOLUTE "${_jingwen_sysconfdir}")
      set(_jingwen_sysconf_dir "${_jingwen_sysconfdir}")
    else()
      set(_jingwen_sysconf_dir "${CMAKE_INSTALL_PREFIX}/${_jingwen_sysconfdir}")
    endif()
  endif()
  set(JINGWEN_CONFIG_FILE "${_jingwen_sysconf_dir}/jingwen/jingwen.toml")

  configure_file("${_jingwen_source_dir}/systemd/jingwend.service.in" "${_jingwen_unit_file}" @ONLY)
  file(INSTALL "${_jingwen_unit_file}" DESTINATION "${_jingwen_unit_dir}")

  # A plain `cmake --install` overwrites an edited config; packages keep it
  # as a conffile. Mode 0644 so jingwend (user jingwen) can read it; a config
  # holding proxy credentials should be made 0640 root:jingwen (jingwend(8)).
  file(INSTALL "${_jingwen_source_dir}/config/jingwen.example.toml"
       DESTINATION "${_jingwen_sysconf_dir}/jingwen" RENAME jingwen.toml)
]])
