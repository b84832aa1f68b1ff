// Included first in every file that links fmt (the -include of cmake/Dependencies.cmake):
// fmt 9 declares no `extern template` for the formatting core that spdlog's logging calls, so
// each file that logged instantiated and optimised it again (about 70 kB of code and 4-5 s of
// CPU per file). third_party/fmt.cpp instantiates these once, as the shared libfmt does.
#pragma once
#include <fmt/core.h>

FMT_BEGIN_NAMESPACE
namespace detail {
extern template FMT_API void vformat_to(buffer<char>&, string_view,
                                        basic_format_args<FMT_BUFFER_CONTEXT(char)>, locale_ref);
extern template FMT_API void buffer<char>::append(const char*, const char*);
}  // namespace detail
FMT_END_NAMESPACE
