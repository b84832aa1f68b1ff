// Refused: the child runner may not reach the daemon shell.
#include "broker/service/instance.hpp"
