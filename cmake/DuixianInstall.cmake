include(CMakePackageConfigHelpers)

set(DUIXIAN_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/duixian")

# duixian_c: the C ABI (libduixian_c.so.<ABI>, namelink for -lduixian_c), as duixian::c.
install(TARGETS duixian duixian_c EXPORT duixian-targets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/duixian" "${PROJECT_BINARY_DIR}/include/duixian"
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT duixian-targets NAMESPACE duixian:: DESTINATION ${DUIXIAN_CMAKE_DIR})

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/duixian-config.cmake.in"
  "${PROJECT_BINARY_DIR}/duixian-config.cmake" INSTALL_DESTINATION ${DUIXIAN_CMAKE_DIR})
write_basic_package_version_file("${PROJECT_BINARY_DIR}/duixian-config-version.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/duixian-config.cmake" "${PROJECT_BINARY_DIR}/duixian-config-version.cmake"
  DESTINATION ${DUIXIAN_CMAKE_DIR})
install(DIRECTORY "${PROJECT_SOURCE_DIR}/data/" DESTINATION ${CMAKE_INSTALL_DATADIR}/duixian)
