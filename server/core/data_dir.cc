#include "server/core/data_dir.h"

namespace quotewire {

std::string DefaultDataDir() { return QUOTEWIRE_DEFAULT_DATA_DIR; }

}  // namespace quotewire
