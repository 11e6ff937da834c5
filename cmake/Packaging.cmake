# The Debian package an operator installs (docs/operations.md): `cpack` in
# the build directory writes xueji_<version>_<arch>.deb with the program,
# the shipped data under /usr/share/xueji, the configuration under
# /etc/xueji (conffiles), a systemd unit running `xueji serve` as the xueji
# user, and maintainer scripts that create that user and migrate the
# database at every upgrade (packaging/debian). tests/package installs it
# into a fresh Debian 12 root.

include(GNUInstallDirs)

# `cpack` packages what is built: it does not rebuild every test suite and
# benchmark first (the install rules below need only the program).
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

install(TARGETS xueji RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Found by the installed program beside itself, in ../share/xueji
# (adapters/cli/project_path.cc), and named by /etc/xueji/xueji.yaml.
set(XUEJI_DATA_DIR ${CMAKE_INSTALL_DATADIR}/xueji)
install(DIRECTORY workflows migrations console DESTINATION ${XUEJI_DATA_DIR})
install(DIRECTORY config/calendars config/demo DESTINATION ${XUEJI_DATA_DIR}/config)
install(FILES packaging/xueji.yaml packaging/orgs.yaml DESTINATION /etc/xueji)
install(FILES packaging/xueji.service DESTINATION /lib/systemd/system)
install(FILES docs/operations.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME xueji)
set(CPACK_PACKAGE_VENDOR "Xueji")
set(CPACK_PACKAGE_CONTACT "Xueji operators <xueji@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "workflow and approval engine for the student-registration system")
set(CPACK_PACKAGE_DESCRIPTION
    "Statutory deadlines in working days, five levels of government, an audit trail:\n\
the case engine, its HTTP/JSON API and web console, as a systemd service.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
# The shared libraries' packages, computed by dpkg-shlibdeps (dpkg-dev);
# adduser for the service's user, init-system-helpers for the unit.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, init-system-helpers")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_SOURCE_DIR}/packaging/debian/conffiles
    ${CMAKE_CURRENT_SOURCE_DIR}/packaging/debian/postinst
    ${CMAKE_CURRENT_SOURCE_DIR}/packaging/debian/prerm
    ${CMAKE_CURRENT_SOURCE_DIR}/packaging/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)

# The package installed, served, upgraded and refused in a fresh Debian 12
# root (debootstrap, cached under the build directory).
add_test(NAME debian_package
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/package/package_test.sh
          ${CMAKE_BINARY_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
# Not alone: most of its time is debootstrap and dpkg waiting on the disk
# and the archive, which the other tests' CPU overlaps; the high cost starts
# it first (ctest starts the costliest tests first), so it never forms a
# tail of its own after them. Its port (18600) is outside the ephemeral
# range the other tests' servers bind in.
set_tests_properties(debian_package PROPERTIES COST 10000 TIMEOUT 1500)
