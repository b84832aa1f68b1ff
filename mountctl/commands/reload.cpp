#include <iostream>

#include "mountctl/commands/command.hpp"

namespace mb::ctl::commands {
namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? "none" : out;
}

}  // namespace

Command add_reload(CLI::App& parent) {
  auto* app = parent.add_subcommand(
      "reload", "reread the config file (an invalid file is refused; the old config stays)");
  return {app, [](const Globals& g) {
            int code = 0;
            // A reload may unmount and remount changed shares, each within mount_timeout_sec.
            auto reply =
                send(g, proto::ReloadRequest{}, code, Show::progress, std::chrono::seconds(7300));
            if (!reply) return code;
            if (g.json) {
              std::cout << reply->raw << "\n";
              return code;
            }
            const auto& r = std::get<proto::ReloadResponse>(reply->response.body);
            std::cout << "reloaded: added " << join(r.added) << "; removed " << join(r.removed)
                      << "; changed " << join(r.changed) << "\n";
            return code;
          }};
}

}  // namespace mb::ctl::commands
