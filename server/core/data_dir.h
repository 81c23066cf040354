#ifndef QUOTEWIRE_SERVER_CORE_DATA_DIR_H_
#define QUOTEWIRE_SERVER_CORE_DATA_DIR_H_

#include <string>

namespace quotewire {

// The folder of the linguistic data shipped with the project (the source
// tree's data/ at build time); binaries use it unless told otherwise. Only
// data_dir.cc sees the build-time path, so the other objects do not depend on
// where the tree was checked out.
std::string DefaultDataDir();

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_CORE_DATA_DIR_H_
