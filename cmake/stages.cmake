# One library target per pipeline stage (issue 17), linked in the
# pipeline's direction, so that an include that runs back up fails to
# build. Included from the top-level CMakeLists.txt.
#
# Each stage compiles against an include root of its own under
# BUILD/stage_include/STAGE/ that holds only the folders (symbolic links
# into src/) of the stage itself and of the stages it depends on, directly
# or through others, besides the public include/. A file in src/parse that
# writes #include "classify/classify.h" finds no such file. The ctests
# deps_* prove it (tests/deps_test.cmake below).
#
# A stage can only name stages declared before it, so the graph has no
# cycle; the order below is the pipeline's.
#
# Each stage is built twice, as the rest of the library always was: a
# static archive winnow_stage_STAGE for the command, the tests and the benches,
# and position-independent objects winnow_stage_STAGE_pic for libwinnow.so and
# the Python module (cmake/install.cmake).

set(WINNOW_STAGE_ROOT ${CMAKE_BINARY_DIR}/stage_include)
set(WINNOW_STAGES)  # in declaration order

# winnow_stage(NAME [ONLY_SOURCES] [DEPS STAGE...] [LIBS TARGET...]
#              [PUBLIC_LIBS TARGET...] [SOURCES FILE...])
# Declares stage NAME: its sources are src/NAME/*.cc but the tests (none
# with ONLY_SOURCES), plus SOURCES; DEPS are the stages its code may include and call; LIBS the
# third-party libraries it uses (PUBLIC_LIBS: whose headers its own
# headers include, so that the stages after it see them too).
function(winnow_stage name)
  cmake_parse_arguments(PARSE_ARGV 1 S "ONLY_SOURCES" "" "DEPS;LIBS;PUBLIC_LIBS;SOURCES")
  set(closure ${name})
  foreach(dep ${S_DEPS})
    if(NOT TARGET winnow_stage_${dep})
      message(FATAL_ERROR "stage ${name} depends on ${dep}, which is not "
                          "declared before it (stages run one way)")
    endif()
    get_property(dep_closure GLOBAL PROPERTY WINNOW_STAGE_CLOSURE_${dep})
    list(APPEND closure ${dep_closure})
  endforeach()
  list(REMOVE_DUPLICATES closure)
  set_property(GLOBAL PROPERTY WINNOW_STAGE_CLOSURE_${name} ${closure})

  set(root ${WINNOW_STAGE_ROOT}/${name})
  # Only the links go (file(REMOVE) does not follow them into src/).
  file(GLOB stale LIST_DIRECTORIES true ${root}/*)
  if(stale)
    file(REMOVE ${stale})
  endif()
  file(MAKE_DIRECTORY ${root})
  foreach(s ${closure})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/src/${s} ${root}/${s} SYMBOLIC)
  endforeach()

  set(sources)
  if(NOT S_ONLY_SOURCES)
    file(GLOB sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/${name}/*.cc)
    list(FILTER sources EXCLUDE REGEX "_test\\.cc$")
  endif()
  list(APPEND sources ${S_SOURCES})

  add_library(winnow_stage_${name} STATIC ${sources})
  add_library(winnow_stage_${name}_pic OBJECT ${sources})
  set_target_properties(winnow_stage_${name}_pic PROPERTIES
                        POSITION_INDEPENDENT_CODE ON)
  foreach(t winnow_stage_${name} winnow_stage_${name}_pic)
    target_include_directories(${t}
        PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
        PRIVATE ${root})
    target_link_libraries(${t} PUBLIC ${S_PUBLIC_LIBS})
  endforeach()
  # The static archive links the libraries' archives where there are any
  # (winnow_static_dep in CMakeLists.txt), the PIC objects the shared ones.
  foreach(lib ${S_LIBS})
    if(TARGET winnow_static::${lib})
      target_link_libraries(winnow_stage_${name} PRIVATE winnow_static::${lib})
    else()
      target_link_libraries(winnow_stage_${name} PRIVATE ${lib})
    endif()
    target_link_libraries(winnow_stage_${name}_pic PRIVATE ${lib})
  endforeach()
  # The PIC objects "link" their dependencies' PIC objects for the usage
  # requirements only (an object library has no link step); libwinnow.so
  # takes every stage's objects (cmake/install.cmake).
  foreach(dep ${S_DEPS})
    target_link_libraries(winnow_stage_${name} PUBLIC winnow_stage_${dep})
    target_link_libraries(winnow_stage_${name}_pic PUBLIC winnow_stage_${dep}_pic)
  endforeach()
  set(WINNOW_STAGES ${WINNOW_STAGES} ${name} PARENT_SCOPE)
endfunction()

# The embedded data (src/embed/embedded.h; the sources are generated, the
# tools in src/embed are not part of it).
winnow_stage(embed ONLY_SOURCES SOURCES ${WINNOW_EMBEDDED_SOURCES})
add_dependencies(winnow_stage_embed winnow_embedded_data)
add_dependencies(winnow_stage_embed_pic winnow_embedded_data)
# The Status class of the public API lives at src/status.cc.
winnow_stage(util SOURCES ${PROJECT_SOURCE_DIR}/src/status.cc)
winnow_stage(input DEPS util
             LIBS PkgConfig::ZSTD PkgConfig::BROTLIDEC PkgConfig::SIMDJSON
                  ZLIB::ZLIB)
winnow_stage(decode DEPS util LIBS PkgConfig::UCHARDET)
# Gumbo is private to parse: the later stages read the document view
# (parse/document.h) and parse/tags.h, never gumbo.h (ctest gumbo_sealed).
winnow_stage(parse DEPS util LIBS PkgConfig::GUMBO)
winnow_stage(segment DEPS parse util LIBS PkgConfig::UTF8PROC)
winnow_stage(lang DEPS segment embed util)
winnow_stage(meta DEPS segment lang util)
target_include_directories(winnow_stage_meta SYSTEM PRIVATE ${CLD2_INCLUDE_DIR})
target_include_directories(winnow_stage_meta_pic SYSTEM PRIVATE ${CLD2_INCLUDE_DIR})
target_link_libraries(winnow_stage_meta PRIVATE ${CLD2_LIBRARY})
# The answers of the pure analyses of the embedded rules' patterns
# (src/rules/facts.h), found at build time by a tool built from the analysis
# sources of src/rules and the stages before rules: never from the table it
# writes, so the graph stays one way (embed -> tool -> table -> rules).
set(WINNOW_RULE_ANALYSIS_SOURCES)
foreach(f syntax lint shape prefix literals)
  list(APPEND WINNOW_RULE_ANALYSIS_SOURCES ${PROJECT_SOURCE_DIR}/src/rules/${f}.cc)
endforeach()
add_executable(winnow_rule_facts ${PROJECT_SOURCE_DIR}/src/embed/rule_facts_main.cc
               ${WINNOW_RULE_ANALYSIS_SOURCES})
target_include_directories(winnow_rule_facts PRIVATE ${WINNOW_STAGE_ROOT}/rules)
target_link_libraries(winnow_rule_facts PRIVATE winnow_stage_lang PkgConfig::RE2)
add_custom_command(
  OUTPUT ${GEN}/rule_facts.cc
  COMMAND ${CMAKE_COMMAND} -E make_directory ${GEN}
  COMMAND winnow_rule_facts ${GEN}/rule_facts.cc
  DEPENDS winnow_rule_facts
  COMMENT "Analysing the embedded rules")
# One target runs it, for both builds of the stage (see
# winnow_embedded_data in CMakeLists.txt).
add_custom_target(winnow_rule_facts_data DEPENDS ${GEN}/rule_facts.cc)
winnow_stage(rules DEPS lang embed util LIBS PkgConfig::RE2
             SOURCES ${GEN}/rule_facts.cc)
add_dependencies(winnow_stage_rules winnow_rule_facts_data)
add_dependencies(winnow_stage_rules_pic winnow_rule_facts_data)
winnow_stage(classify DEPS rules segment embed util)
winnow_stage(render DEPS classify segment)
winnow_stage(eval DEPS segment util)

# --- The proof: includes that run back up fail to build ----------------------
# winnow_stage_probe(STAGE HEADER): a target, built only by its ctest,
# that compiles one file holding #include "HEADER" as a file of STAGE is
# compiled. deps_STAGE_HEADER passes when the build fails on that include
# (the header is not STAGE's to see); deps_ok_STAGE_HEADER passes when it
# builds (a header STAGE may include: the control that the probe compiles
# at all).
function(winnow_stage_probe stage header)
  string(MAKE_C_IDENTIFIER "${stage}_${header}" id)
  set(file ${CMAKE_BINARY_DIR}/stage_probes/${id}.cc)
  file(WRITE ${file} "#include \"${header}\"\n")
  add_library(winnow_probe_${id} OBJECT EXCLUDE_FROM_ALL ${file})
  target_include_directories(winnow_probe_${id} PRIVATE
      $<TARGET_PROPERTY:winnow_stage_${stage},INCLUDE_DIRECTORIES>)
  get_property(closure GLOBAL PROPERTY WINNOW_STAGE_CLOSURE_${stage})
  string(REGEX REPLACE "/.*" "" header_stage "${header}")
  if(header_stage IN_LIST closure OR header_stage STREQUAL "winnow")
    set(test deps_ok_${id})
  else()
    set(test deps_${id})
  endif()
  add_test(NAME ${test}
           COMMAND ${CMAKE_COMMAND} --build ${CMAKE_BINARY_DIR}
                   --target winnow_probe_${id})
  # Builds in the build tree: one at a time.
  set_tests_properties(${test} PROPERTIES RESOURCE_LOCK winnow_build_tree)
  if(test MATCHES "^deps_ok_")
    return()
  endif()
  # GCC: "HEADER: No such file or directory"; clang: "'HEADER' file not
  # found". Any other failure (or a success) fails the test.
  string(REPLACE "." "\\." re "${header}")
  set_tests_properties(${test} PROPERTIES PASS_REGULAR_EXPRESSION
      "${re}: No such file or directory|'${re}' file not found")
endfunction()
