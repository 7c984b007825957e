# Runs the benchmark for the `bench` target; -DCONFIG, -DEXE and -DARGS come from bench/CMakeLists.txt.
if(NOT CONFIG STREQUAL "Release")
  message(FATAL_ERROR
    "The 'bench' target runs only in a Release build (this one is '${CONFIG}'). Configure one with\n"
    "  cmake -S <source> -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DDUIXIAN_BUILD_BENCH=ON "
    "-DDUIXIAN_BUILD_TESTS=OFF -DDUIXIAN_BUILD_EXAMPLES=OFF\n"
    "  cmake --build build/bench --target bench")
endif()
execute_process(COMMAND "${EXE}" ${ARGS} RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "duixian_bench_decimal failed: ${result}")
endif()
