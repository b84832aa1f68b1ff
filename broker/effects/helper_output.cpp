#include "broker/effects/helper_output.hpp"

namespace mb::broker::effects {

std::string helper_message(const process::Outcome& o) {
  std::string text = o.err.empty() ? o.out : o.err;
  // Keep the tail: helpers put the decisive line last. One line for last_error and logs.
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  if (text.size() > 400) text = "..." + text.substr(text.size() - 400);
  for (char& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  std::string how = o.describe();
  return text.empty() ? how : text + " (" + how + ")";
}

}  // namespace mb::broker::effects
