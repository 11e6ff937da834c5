# Finds SOCI 4.0 as Debian ships it (libsoci-dev), with its PostgreSQL and
# SQLite3 backends; Debian installs no CMake package configuration for it.
# Defines SOCI::core, SOCI::postgresql and SOCI::sqlite3. The PostgreSQL
# backend's header includes <libpq-fe.h>, which lives in /usr/include/postgresql.
find_path(SOCI_INCLUDE_DIR soci/soci.h)
find_path(SOCI_PQ_INCLUDE_DIR libpq-fe.h PATH_SUFFIXES postgresql)
find_library(SOCI_CORE_LIBRARY soci_core)
find_library(SOCI_POSTGRESQL_LIBRARY soci_postgresql)
find_library(SOCI_SQLITE3_LIBRARY soci_sqlite3)
find_library(SOCI_PQ_LIBRARY pq)
find_library(SOCI_SQLITE_LIBRARY sqlite3)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(SOCI
  REQUIRED_VARS SOCI_INCLUDE_DIR SOCI_PQ_INCLUDE_DIR SOCI_CORE_LIBRARY
                SOCI_POSTGRESQL_LIBRARY SOCI_SQLITE3_LIBRARY SOCI_PQ_LIBRARY
                SOCI_SQLITE_LIBRARY)

if(SOCI_FOUND AND NOT TARGET SOCI::core)
  add_library(SOCI::core UNKNOWN IMPORTED)
  set_target_properties(SOCI::core PROPERTIES
    IMPORTED_LOCATION "${SOCI_CORE_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${SOCI_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${CMAKE_DL_LIBS}")
  add_library(SOCI::postgresql UNKNOWN IMPORTED)
  set_target_properties(SOCI::postgresql PROPERTIES
    IMPORTED_LOCATION "${SOCI_POSTGRESQL_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${SOCI_PQ_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "SOCI::core;${SOCI_PQ_LIBRARY}")
  add_library(SOCI::sqlite3 UNKNOWN IMPORTED)
  set_target_properties(SOCI::sqlite3 PROPERTIES
    IMPORTED_LOCATION "${SOCI_SQLITE3_LIBRARY}"
    INTERFACE_LINK_LIBRARIES "SOCI::core;${SOCI_SQLITE_LIBRARY}")
endif()
mark_as_advanced(SOCI_INCLUDE_DIR SOCI_PQ_INCLUDE_DIR SOCI_CORE_LIBRARY
                 SOCI_POSTGRESQL_LIBRARY SOCI_SQLITE3_LIBRARY SOCI_PQ_LIBRARY
                 SOCI_SQLITE_LIBRARY)
