// Refused: the OS layer may not reach the child runner above it.
#include "process/child_runner.hpp"
