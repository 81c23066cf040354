# The quotewire CLI: a small client library (argument parsing, article files,
# tables, one function per command) and main.cc. Included from
# client/CMakeLists.txt when main.cc exists.
add_library(quotewire_client
  "${CMAKE_CURRENT_SOURCE_DIR}/article_file.cc"
  "${CMAKE_CURRENT_SOURCE_DIR}/cli_args.cc"
  "${CMAKE_CURRENT_SOURCE_DIR}/commands.cc"
  "${CMAKE_CURRENT_SOURCE_DIR}/table.cc")
target_link_libraries(quotewire_client
  PUBLIC quotewire_core quotewire_proto gRPC::grpc++ absl::statusor absl::strings
         absl::time)

add_executable(quotewire "${CMAKE_CURRENT_SOURCE_DIR}/main.cc")
target_link_libraries(quotewire PRIVATE quotewire_client)
