// Refused: the core knows nothing of the wire protocol.
#include "proto/messages.hpp"
