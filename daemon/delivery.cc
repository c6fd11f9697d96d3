// The delivery loop (see delivery.h). One pass: list new/, oldest first,
// and hand each record to the sink until one fails; after a failure the
// next pass waits for the backoff, after a pass that delivered something the
// next starts at once (more may have arrived), after an empty one it waits
// for a poke or the idle rescan.
#include "daemon/delivery.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace jingwend {

namespace fs = std::filesystem;
using std::chrono::duration_cast;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

// Unreadable files are logged once each; past this many, not at all.
constexpr std::size_t kMaxUnreadableRemembered = 10'000;

struct Delivery::Pass {
  std::uint64_t delivered = 0;
  bool failed = false;
};

namespace {

// Records in new/, oldest first. Dot files (an editor's, a consumer's
// temporaries) are not records.
std::vector<std::string> oldest_first(const std::string& dir) {
  std::vector<std::pair<fs::file_time_type, std::string>> found;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.front() == '.' || !entry.is_regular_file(ec)) continue;
    const fs::file_time_type time = entry.last_write_time(ec);
    if (!ec) found.emplace_back(time, name);
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> names;
  names.reserve(found.size());
  for (auto& [time, name] : found) names.push_back(std::move(name));
  return names;
}

// The file's bytes; nullopt when it is gone (a consumer took it) or
// unreadable (`error` says why then).
std::optional<std::string> read_record(const std::string& path, std::size_t max_bytes, std::string& error) {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) {
    if (ec != std::errc::no_such_file_or_directory) error = "cannot read " + path + ": " + ec.message();
    return std::nullopt;
  }
  if (size > max_bytes) {
    error = path + " is larger than any record (" + std::to_string(size) + " bytes)";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno != ENOENT) error = "cannot read " + path + ": " + std::strerror(errno);
    return std::nullopt;
  }
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

Delivery::Delivery(std::string spool_dir, std::unique_ptr<sink::Sink> sink, Logger& log, DeliveryOptions options)
    : new_dir_(spool_dir + "/new"),
      cur_dir_(spool_dir + "/cur"),
      sink_(std::move(sink)),
      log_(log),
      options_(options),
      thread_([this] { run(); }) {}

Delivery::~Delivery() { stop(milliseconds{0}); }

void Delivery::poke() {
  {
    std::lock_guard lock(mutex_);
    poked_ = true;
  }
  wake_.notify_one();
}

void Delivery::stop(milliseconds drain_for) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      stopping_ = true;
      drain_until_ = steady_clock::now() + drain_for;
    }
    if (drain_for.count() <= 0) abort_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

DeliveryStats Delivery::stats() const {
  return {.delivered = delivered_.load(), .failures = failures_.load(), .failing = failing_.load()};
}

void Delivery::run() {
  milliseconds backoff = options_.backoff_min;
  std::unique_lock lock(mutex_);
  while (!abort_) {
    lock.unlock();
    const Pass pass = deliver_pass();
    lock.lock();
    // Draining ends when a pass brings nothing more (new/ empty, or only
    // files that cannot be delivered), fails, or time is up.
    if (stopping_ && (pass.failed || pass.delivered == 0 || steady_clock::now() >= drain_until_)) return;
    if (pass.failed) {
      // Only stop() ends the wait early: a poke would retry a sink that is down.
      wake_.wait_for(lock, backoff, [this] { return stopping_; });
      backoff = std::min(backoff * 2, options_.backoff_max);
      continue;
    }
    backoff = options_.backoff_min;
    if (pass.delivered > 0) continue;
    wake_.wait_for(lock, options_.idle_rescan, [this] { return poked_ || stopping_; });
    poked_ = false;
  }
}

Delivery::Pass Delivery::deliver_pass() {
  Pass pass;
  const std::vector<std::string> names = oldest_first(new_dir_);
  for (const std::string& name : names) {
    if (abort_) break;
    std::string error;
    if (deliver_one(name, error)) {
      ++pass.delivered;
      continue;
    }
    if (error.empty()) continue;  // gone, or unreadable and skipped
    pass.failed = true;
    on_failure(error);
    break;
  }
  return pass;
}

// True when `name` went to the sink and on to cur/; false with `error` set
// when the sink failed; false with `error` empty when the file was gone or
// cannot be read (skipped, logged once: one bad file must not stop the rest).
bool Delivery::deliver_one(const std::string& name, std::string& error) {
  const std::string path = new_dir_ + "/" + name;
  std::string unreadable;
  const std::optional<std::string> bytes = read_record(path, options_.max_record_bytes, unreadable);
  if (!bytes) {
    if (!unreadable.empty() && unreadable_.size() < kMaxUnreadableRemembered && unreadable_.insert(name).second) {
      log_.log(Level::kError, "error", {{"reason", "spool"}, {"name", name}, {"message", unreadable + "; not delivered"}});
    }
    return false;
  }
  const std::size_t dot = name.rfind('.');
  const std::string_view key = std::string_view(name).substr(0, dot);
  const std::string_view format = dot == std::string::npos ? "" : std::string_view(name).substr(dot + 1);
  error = sink_->deliver({.key = key, .format = format, .bytes = *bytes});
  if (!error.empty()) return false;
  std::error_code ec;
  fs::create_directories(cur_dir_, ec);
  fs::rename(path, cur_dir_ + "/" + name, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    // Delivered, but still in new/: it will be sent again (same key).
    log_.log(Level::kError, "error", {{"reason", "spool"}, {"name", name}, {"message", "cannot move to cur/: " + ec.message()}});
  }
  ++delivered_;
  on_success();
  log_.log(Level::kDebug, "delivered", {{"name", name}, {"sink", sink_->describe()}});
  return true;
}

void Delivery::on_failure(const std::string& error) {
  ++failures_;
  if (failures_this_outage_++ == 0) {
    failing_ = true;
    outage_started_ = steady_clock::now();
    log_.log(Level::kWarning, "sink-failed", {{"sink", sink_->describe()}, {"message", error}});
    return;
  }
  log_.log(Level::kDebug, "sink-retry",
           {{"sink", sink_->describe()}, {"failures", failures_this_outage_}, {"message", error}});
}

void Delivery::on_success() {
  if (failures_this_outage_ == 0) return;
  log_.log(Level::kNotice, "sink-recovered",
           {{"sink", sink_->describe()}, {"failures", failures_this_outage_},
            {"down_ms", duration_cast<milliseconds>(steady_clock::now() - outage_started_).count()}});
  failures_this_outage_ = 0;
  failing_ = false;
}

}  // namespace jingwend
