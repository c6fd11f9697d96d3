#include "daemon/notify.h"

#include <systemd/sd-daemon.h>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace jingwend {
namespace {

// systemctl status shows one line; a STATUS= longer than this is a bug in the
// caller, not something to send.
constexpr std::size_t kMaxStatusBytes = 512;

}  // namespace

Notifier::Notifier() {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  enabled_ = socket != nullptr && *socket != '\0';
  if (!enabled_) return;
  // sd_watchdog_enabled checks WATCHDOG_PID against our pid, so a watchdog
  // meant for a parent (a shell script in ExecStart) is not taken as ours.
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
    // Half the timeout, as sd_watchdog_enabled(3) recommends: one late
    // tick must not get the service killed.
    watchdog_interval_ = std::chrono::microseconds(usec / 2);
  }
}

void Notifier::ready() { send("READY=1"); }
void Notifier::reloading() { send("RELOADING=1"); }
void Notifier::stopping() { send("STOPPING=1"); }
void Notifier::watchdog() { send("WATCHDOG=1"); }

void Notifier::status(std::string_view text) {
  // A newline would start a new assignment in the datagram: STATUS=x\nREADY=1
  // must not be able to come out of a status text.
  std::string state = "STATUS=";
  for (const char c : text.substr(0, kMaxStatusBytes)) state += c == '\n' || c == '\r' ? ' ' : c;
  send(state);
}

void Notifier::send(std::string_view state) {
  if (!enabled_) return;
  // The result is ignored on purpose: a lost notification is systemd's to
  // notice (start timeout, watchdog), and the daemon's work goes on.
  sd_notify(0, std::string(state).c_str());
}

}  // namespace jingwend
