// Refused: the client never includes the daemon shell.
#include "broker/ops/ops.hpp"
