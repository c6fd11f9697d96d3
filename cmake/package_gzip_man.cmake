# CPACK_PRE_BUILD_SCRIPTS (cmake/package.cmake): runs in CPack after the
# install into the staging directory, before the .deb is made. Debian policy
# 12.1 wants manual pages compressed with gzip -9n (-n: no name or time
# stamp, so the package is reproducible).
file(GLOB_RECURSE _pages "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/usr/share/man/man*/*.[0-9]")
foreach(_page IN LISTS _pages)
  execute_process(COMMAND gzip -9nf "${_page}" RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "gzip -9nf ${_page} failed (${_rc})")
  endif()
endforeach()
