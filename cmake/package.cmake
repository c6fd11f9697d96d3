# cpack -G DEB: a Debian package of what cmake/install.cmake installs, with
# prefix /usr (so the unit lands in /usr/lib/systemd/system and the config in
# /etc/jingwen), dependencies from dpkg-shlibdeps, maintainer scripts that
# apply the sysusers/tmpfiles entries and enable the unit
# (packaging/debian/), and /etc/jingwen/jingwen.toml as a conffile.
# tests/install/check_package.sh builds the package and checks it.
#
#   cmake --build build && (cd build && cpack -G DEB)   ->  jingwen_<version>_<arch>.deb

set(JINGWEN_PACKAGE_MAINTAINER "jingwen maintainers <maintainers@users.noreply.h-seed-0223f9ec.example>"
    CACHE STRING "Maintainer field of the Debian package")
set(JINGWEN_PACKAGE_HOMEPAGE "" CACHE STRING "Homepage field of the Debian package (omitted when empty)")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME jingwen)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${JINGWEN_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "daemon keeping a spool of clean Chinese article text")
# The extended description; CPack puts the summary above it as the synopsis
# line and indents it as the control file wants.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "jingwen keeps a spool of clean Chinese article text from NetEase (163.com) and
Chinese government (*.gov.cn) pages. The daemon, jingwend, polls the RSS/Atom
feeds and list pages of its config, fetches new articles politely (robots.txt,
per-host limits, conditional GET), strips the page chrome and injected SEO spam,
converts Traditional to Simplified Chinese, drops duplicates and near-duplicates,
and writes each article (title, metadata, body) into a maildir spool for other
programs. The jingwen command cleans single pages or folders of pages, fetches
one URL and checks a config.")

# Install with the /usr prefix into CPack's staging directory through DESTDIR,
# so cmake/install.cmake's install-time code sees CMAKE_INSTALL_PREFIX=/usr:
# the unit's ExecStart names /usr/bin/jingwend, the config goes to /etc.
# (Without DESTDIR, CPack would hand it the staging path as the prefix.)
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# Debian policy 12.1: manual pages gzip -9n'd.
set(CPACK_PRE_BUILD_SCRIPTS "${CMAKE_CURRENT_LIST_DIR}/package_gzip_man.cmake")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # jingwen_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
if(JINGWEN_PACKAGE_HOMEPAGE)
  set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${JINGWEN_PACKAGE_HOMEPAGE}")
endif()
# dpkg-shlibdeps (package dpkg-dev) names the library packages: libcurl4,
# libsqlite3-0, libxml2, libopencc1.1, libsystemd0, libicu72, libssl3, ...
# OpenCC's t2s.json and dictionaries come with libopencc-data, which
# libopencc1.1 depends on, so that needs no line here.
# A JINGWEN_SANITIZE build packages too (tests/install/check_package.sh runs
# in build-asan as well); its Depends adds libasan8 and libubsan1, rightly for
# those binaries, but it is a debugging artifact, not a package to ship.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The maintainer scripts use systemd-sysusers/-tmpfiles and systemctl when
# they are there; without systemd the programs still run (jingwen, or
# jingwend started by hand or from cron with --once).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS systemd)

# conffiles: dpkg keeps an edited /etc/jingwen/jingwen.toml on upgrade.
# CPack 3.25 does not mark /etc files by itself. STRICT_PERMISSION gives
# the scripts 0755 and conffiles 0644 whatever the checkout's modes.
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${PROJECT_SOURCE_DIR}/packaging/debian/conffiles"
    "${PROJECT_SOURCE_DIR}/packaging/debian/postinst"
    "${PROJECT_SOURCE_DIR}/packaging/debian/prerm"
    "${PROJECT_SOURCE_DIR}/packaging/debian/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)

include(CPack)
