// toml++'s compiled part: the parser and the node types, built once (TOML_HEADER_ONLY=0
// everywhere, TOML_IMPLEMENTATION here).
#define TOML_IMPLEMENTATION 1
#include <toml++/toml.h>
