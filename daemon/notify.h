// systemd's notify protocol (libsystemd's sd_notify) for Type=notify:
// READY=1, RELOADING=1, STOPPING=1, STATUS=..., WATCHDOG=1. Every call is a
// no-op when NOTIFY_SOCKET is unset (run by hand, in tests, under cron).
// Call from one thread (the I/O thread).
#ifndef JINGWEN_DAEMON_NOTIFY_H_
#define JINGWEN_DAEMON_NOTIFY_H_

#include <chrono>
#include <optional>
#include <string_view>

namespace jingwend {

class Notifier {
 public:
  Notifier();  // reads NOTIFY_SOCKET and WATCHDOG_USEC/WATCHDOG_PID once
  bool enabled() const { return enabled_; }

  void ready();      // READY=1 (also after a reload)
  void reloading();  // RELOADING=1
  void stopping();   // STOPPING=1
  void status(std::string_view text);  // STATUS=text (one line)
  void watchdog();   // WATCHDOG=1

  // How often to send WATCHDOG=1: half of WatchdogSec, or nullopt when the
  // service has no watchdog (WATCHDOG_USEC unset, WATCHDOG_PID another
  // process's, or NOTIFY_SOCKET unset).
  std::optional<std::chrono::microseconds> watchdog_interval() const { return watchdog_interval_; }

 private:
  void send(std::string_view state);
  bool enabled_ = false;
  std::optional<std::chrono::microseconds> watchdog_interval_;
};

}  // namespace jingwend

#endif  // JINGWEN_DAEMON_NOTIFY_H_
