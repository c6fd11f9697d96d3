// jingwend's outer loop: load the config, open the service, then serve
// signals (TERM/INT stop, HUP reloads), the systemd watchdog and STATUS=
// from the one io_context until the service reports it has finished.
#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <cstdlib>
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
        reload_signal_(io_, SIGHUP),
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
    if (std::string error = service_->open(new_state_); !error.empty()) {
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
    return status_;
  }

 private:
  void wait_for_stop() {
    stop_signals_.async_wait([this](const boost::system::error_code& ec, int signo) {
      if (ec) return;
      notifier_.stopping();
      service_->stop(signal_name(signo));
      wait_for_stop();  // a second TERM while draining is absorbed; the timeout still bounds us
    });
  }

  void wait_for_reload() {
    reload_signal_.async_wait([this](const boost::system::error_code& ec, int) {
      if (ec) return;
      reload();
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
  boost::asio::signal_set reload_signal_;
  std::optional<Ticker> watchdog_;
  std::optional<Ticker> status_ticker_;
  bool once_;
  bool new_state_;
  int status_ = kExitOk;
};

}  // namespace

int run(const RunOptions& options) {
  config::LoadResult loaded = config::load_config(options.config_path);
  if (!loaded.ok()) {
    for (const config::ConfigError& e : loaded.errors) std::cerr << e.to_string() << "\n";
    return kExitConfig;
  }
  Daemon daemon(std::move(*loaded.config), options.once, options.new_state);
  return daemon.run();
}

}  // namespace jingwend
