// jingwend's outer loop: load the config, open the service, then serve
// signals (TERM/INT stop, HUP reloads), the systemd watchdog and STATUS=
// from the one io_context until the service reports it has finished.
#include <pthread.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>

#include "config/config.h"
#include "daemon/daemon.h"
#include "daemon/log.h"
#include "daemon/notify.h"
#include "daemon/service.h"

namespace jingwend {
namespace {

// How often STATUS= is refreshed for `systemctl status`.
constexpr std::chrono::seconds kStatusPeriod{2};

std::string signal_name(int signo) {
  switch (signo) {
    case SIGTERM: return "SIGTERM";
    case SIGINT: return "SIGINT";
    case SIGHUP: return "SIGHUP";
    default: return "signal " + std::to_string(signo);
  }
}

// SIGHUP's default action ends the process, so a HUP that comes while no
// handler is installed (the config still loading, or asio's signal_set
// already destroyed, which restores the default, while the service's
// threads wind down) killed jingwend with status 129. Instead SIGHUP is
// blocked from the start of run(), before any thread exists, so every thread
// inherits the block, until the process exits; the event loop reads it from
// a signalfd. A HUP before `ready` waits there and reloads once the loop
// runs; one after `stopped` is never read.
sigset_t hangup_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGHUP);
  return set;
}

void block_hangup() {
  const sigset_t set = hangup_set();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

// SIGHUP as a readable descriptor on the io_context.
class HangupSignal {
 public:
  explicit HangupSignal(boost::asio::io_context& io) : descriptor_(io) {}

  // "" or why the signalfd could not be made.
  std::string open() {
    const sigset_t set = hangup_set();
    const int fd = ::signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    if (fd < 0) return std::string("cannot read SIGHUP: signalfd: ") + std::strerror(errno);
    descriptor_.assign(fd);
    return "";
  }

  // Runs `on_hangup` once for the next SIGHUP (several pending ones count
  // as one, as a reload reads the file once anyway).
  void async_wait(std::function<void()> on_hangup) {
    descriptor_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                           [this, on_hangup = std::move(on_hangup)](const boost::system::error_code& ec) {
                             if (ec) return;
                             signalfd_siginfo info;
                             while (::read(descriptor_.native_handle(), &info, sizeof info) == sizeof info) {
                             }
                             on_hangup();
                           });
  }
  void cancel() { descriptor_.cancel(); }

 private:
  boost::asio::posix::stream_descriptor descriptor_;
};

// A timer that runs `tick` every `period` until cancelled.
class Ticker {
 public:
  Ticker(boost::asio::io_context& io, std::chrono::microseconds period, std::function<void()> tick)
      : timer_(io), period_(period), tick_(std::move(tick)) {
    arm();
  }
  void cancel() { timer_.cancel(); }

 private:
  void arm() {
    timer_.expires_after(period_);
    timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      tick_();
      arm();
    });
  }
  boost::asio::steady_timer timer_;
  std::chrono::microseconds period_;
  std::function<void()> tick_;
};

class Daemon {
 public:
  Daemon(config::Config config, bool once, bool new_state)
      : log_(choose_sink(config.log_format, std::getenv("JOURNAL_STREAM"))),
        service_(std::make_unique<Service>(io_, std::move(config), log_, notifier_, once)),
        stop_signals_(io_, SIGTERM, SIGINT),
        reload_signal_(io_),
        once_(once),
        new_state_(new_state) {}

  int run() {
    const config::Config& c = service_->config();
    const auto polled = std::count_if(c.feeds.begin(), c.feeds.end(),
                                      [&c](const config::FeedConfig& f) { return polled_here(c, f); });
    log_.log(Level::kNotice, "start",
             {{"config", c.path}, {"feeds", polled}, {"configured_feeds", c.feeds.size()},
              {"shard", config::shard_name(c.shard)}, {"spool", c.spool_dir}, {"state", c.state_dir},
              {"sink", c.sink.kind == config::SinkKind::kRedis ? config::redis_url(c.sink) + " " + c.sink.stream : "spool"},
              {"once", once_ ? "true" : "false"}, {"workers", c.workers}});
    std::string error = reload_signal_.open();
    if (error.empty()) error = service_->open(new_state_);
    if (!error.empty()) {
      log_.log(Level::kError, "error", {{"reason", "startup"}, {"message", error}});
      return kExitFailure;
    }
    wait_for_stop();
    wait_for_reload();
    start_tickers();
    service_->start([this](int status) { shut_down(status); });
    notifier_.ready();
    log_.log(Level::kInfo, "ready", {{"systemd", notifier_.enabled() ? "true" : "false"}});
    io_.run();
    if (const std::uint64_t cleaning = service_->abandoned_cleaning(); cleaning > 0) {
      // Joining the pool would wait for those cleans: stop() promised
      // shutdown_timeout. Nothing they hold needs saving.
      log_.log(Level::kWarning, "exit-abandoning", {{"cleaning", cleaning}});
      std::fflush(nullptr);
      std::_Exit(status_);
    }
    return status_;
  }

 private:
  void wait_for_stop() {
    stop_signals_.async_wait([this](const boost::system::error_code& ec, int signo) {
      if (ec) return;
      stopping_ = true;
      notifier_.stopping();
      service_->stop(signal_name(signo));
      wait_for_stop();  // a second TERM while draining is absorbed; the timeout still bounds us
    });
  }

  void wait_for_reload() {
    reload_signal_.async_wait([this] {
      // While stopping the config no longer matters, and RELOADING=1 then
      // READY=1 would tell systemd the service runs again.
      if (!stopping_) reload();
      wait_for_reload();
    });
  }

  void reload() {
    notifier_.reloading();
    config::LoadResult loaded = config::load_config(service_->config().path);
    if (!loaded.ok()) {
      for (const config::ConfigError& e : loaded.errors) {
        log_.log(Level::kError, "reload-failed",
                 {{"config", service_->config().path}, {"error", e.to_string()},
                  {"message", "keeping the running configuration"}});
      }
    } else {
      service_->reload(std::move(*loaded.config));
    }
    notifier_.ready();
  }

  void start_tickers() {
    if (const auto period = notifier_.watchdog_interval()) {
      watchdog_.emplace(io_, *period, [this] { notifier_.watchdog(); });
    }
    if (notifier_.enabled()) {
      status_ticker_.emplace(io_, kStatusPeriod, [this] { notifier_.status(service_->status_line()); });
    }
  }

  void shut_down(int status) {
    status_ = status;
    notifier_.status(service_->status_line());
    notifier_.stopping();
    stop_signals_.cancel();
    reload_signal_.cancel();
    if (watchdog_) watchdog_->cancel();
    if (status_ticker_) status_ticker_->cancel();
    io_.stop();
  }

  boost::asio::io_context io_;
  Logger log_;
  Notifier notifier_;
  std::unique_ptr<Service> service_;
  boost::asio::signal_set stop_signals_;
  HangupSignal reload_signal_;
  std::optional<Ticker> watchdog_;
  std::optional<Ticker> status_ticker_;
  bool once_;
  bool new_state_;
  bool stopping_ = false;  // SIGTERM or SIGINT came
  int status_ = kExitOk;
};

}  // namespace

int run(const RunOptions& options) {
  block_hangup();  // first: see hangup_set()
  config::LoadResult loaded = config::load_config(options.config_path);
  if (!loaded.ok()) {
    for (const config::ConfigError& e : loaded.errors) std::cerr << e.to_string() << "\n";
    return kExitConfig;
  }
  Daemon daemon(std::move(*loaded.config), options.once, options.new_state);
  return daemon.run();
}

}  // namespace jingwend
