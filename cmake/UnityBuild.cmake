# Unity builds by default, in batches of 16 files, for the project and the
# fuzz build alike (CMakeLists.txt says why and what it asks of the code);
# -DCMAKE_UNITY_BUILD=OFF or another -DCMAKE_UNITY_BUILD_BATCH_SIZE wins.
if(NOT DEFINED CMAKE_UNITY_BUILD)
  set(CMAKE_UNITY_BUILD ON)
endif()
if(NOT DEFINED CMAKE_UNITY_BUILD_BATCH_SIZE)
  set(CMAKE_UNITY_BUILD_BATCH_SIZE 16)
endif()
