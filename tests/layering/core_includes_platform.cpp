// Refused: the pure core may not reach the OS layer.
#include "platform/spawn.hpp"
