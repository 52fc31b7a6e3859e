# The installed library, its headers, its package configs, and the command
# (issue 16). Included from the top-level CMakeLists.txt after the existing
# targets, which stay as they are: the command and the tests keep linking
# the static, non-PIC winnow_lib.
#
# Consumers get a shared libwinnow.so: its private dependencies (Gumbo, RE2,
# uchardet, zlib, CLD2 ...) stay behind it, so find_package(winnow) and
# `pkg-config --libs winnow` need nothing but winnow itself. It is built
# from the same sources as winnow_lib and its stages, compiled once more as
# position-independent code (winnow_objs for src/extract.cc, winnow_stage_STAGE_pic
# for each stage: cmake/stages.cmake); the Python module links the same
# objects through the static winnow_lib_pic.

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

add_library(winnow_objs OBJECT ${PROJECT_SOURCE_DIR}/src/extract.cc)
set_target_properties(winnow_objs PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_include_directories(winnow_objs
    PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
           $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>
    PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(winnow_objs PRIVATE ${WINNOW_LIB_DEPS})
set(WINNOW_PIC_OBJECTS $<TARGET_OBJECTS:winnow_objs>)
foreach(stage ${WINNOW_STAGES})
  list(APPEND WINNOW_PIC_OBJECTS $<TARGET_OBJECTS:winnow_stage_${stage}_pic>)
endforeach()
target_compile_definitions(winnow_objs PRIVATE
                           WINNOW_VERSION="${PROJECT_VERSION}")

# libwinnow.so.0: the public API of include/winnow/ (every symbol has
# default visibility; only the public headers are installed).
add_library(winnow_shared SHARED ${WINNOW_PIC_OBJECTS})
set_target_properties(winnow_shared PROPERTIES
    OUTPUT_NAME winnow EXPORT_NAME winnow
    VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR})
target_include_directories(winnow_shared PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_compile_features(winnow_shared INTERFACE cxx_std_17)
target_link_libraries(winnow_shared PRIVATE ${WINNOW_LIB_DEPS})

# The same objects as a static archive, for the Python module.
add_library(winnow_lib_pic STATIC ${WINNOW_PIC_OBJECTS})
target_include_directories(winnow_lib_pic PUBLIC ${PROJECT_SOURCE_DIR}/include
                                          PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(winnow_lib_pic PUBLIC ${WINNOW_LIB_DEPS})
add_library(winnow_cli_pic STATIC ${WINNOW_CLI_SOURCES})
set_target_properties(winnow_cli_pic PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_include_directories(winnow_cli_pic PUBLIC ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(winnow_cli_pic PUBLIC winnow_lib_pic
                      Boost::program_options)

if(ipo_ok)
  set_property(TARGET winnow_objs winnow_shared winnow_lib_pic winnow_cli_pic
               PROPERTY INTERPROCEDURAL_OPTIMIZATION_RELEASE TRUE)
endif()

install(TARGETS winnow RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS winnow_shared EXPORT winnowTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/winnow
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.h")

set(WINNOW_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/winnow)
install(EXPORT winnowTargets NAMESPACE winnow::
        DESTINATION ${WINNOW_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/winnowConfig.cmake.in
    ${CMAKE_CURRENT_BINARY_DIR}/winnowConfig.cmake
    INSTALL_DESTINATION ${WINNOW_CMAKE_DIR})
write_basic_package_version_file(
    ${CMAKE_CURRENT_BINARY_DIR}/winnowConfigVersion.cmake
    VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/winnowConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/winnowConfigVersion.cmake
        DESTINATION ${WINNOW_CMAKE_DIR})
# The .pc file finds the prefix from its own place (${pcfiledir}), so that
# `cmake --install build --prefix DIR` gives a working one in any DIR.
file(RELATIVE_PATH WINNOW_PC_TO_PREFIX
     /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
configure_file(${PROJECT_SOURCE_DIR}/cmake/winnow.pc.in
               ${CMAKE_CURRENT_BINARY_DIR}/winnow.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/winnow.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
