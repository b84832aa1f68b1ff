#include "broker/effects/helper_output.hpp"

#include "core/backends/redact.hpp"

namespace mb::broker::effects {

std::string helper_message(const process::Outcome& o, std::string_view secret) {
  const bool from_err = !o.err.empty();
  // Redacted before anything else: the trimming, the window and the mapping below would leave
  // pieces of a secret that no longer match it (a tab made a space, a tail cut off).
  std::string text = core::backends::redact(from_err ? o.err : o.out, secret,
                                            {false, from_err ? o.err_truncated : o.out_truncated});
  // Keep the tail: helpers put the decisive line last. One line for last_error and logs.
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  if (text.size() > kHelperWindow) text = "..." + text.substr(text.size() - kHelperWindow);
  for (char& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  std::string how = o.describe();
  return text.empty() ? how : text + " (" + how + ")";
}

}  // namespace mb::broker::effects
