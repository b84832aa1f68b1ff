// Allowed (the control): the core includes util, a layer below it.
#include "core/config/config.hpp"
#include "util/result.hpp"
