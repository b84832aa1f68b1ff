// Allowed (the control): the client includes core, platform, process and proto.
#include "core/config/config.hpp"
#include "platform/mount_table.hpp"
#include "process/child_runner.hpp"
#include "proto/messages.hpp"
