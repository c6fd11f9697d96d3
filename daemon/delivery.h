// Delivery: the spool's new/ drained into a sink (sink/sink.h), on a thread
// of its own because the sink's calls block. Oldest record first (by file
// time); a record moves to cur/ only after the sink acknowledged it, so the
// spool stays the durable outbox:
//   - the sink down: records wait in new/ (back-pressure counts them as
//     usual) and each pass is retried after a backoff that doubles from
//     backoff_min to backoff_max; nothing is dropped;
//   - a crash between the sink's acknowledgement and the move to cur/ sends
//     that record once more after the restart, under the same key;
//   - a file that cannot be read (or is larger than any record) is logged
//     once and left in new/; the others go on.
// Logs: sink-failed (warning) when delivery starts failing, sink-retry
// (debug) for each further failure, sink-recovered (notice) when it works
// again, delivered (debug) per record.
//
// Thread-safety: poke() and stats() may be called from any thread; stop()
// and the destructor from one thread.
#ifndef JINGWEN_DAEMON_DELIVERY_H_
#define JINGWEN_DAEMON_DELIVERY_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "daemon/log.h"
#include "sink/sink.h"

namespace jingwend {

struct DeliveryOptions {
  std::chrono::milliseconds idle_rescan{1000};  // new/ is read again this often without a poke
  std::chrono::milliseconds backoff_min{500};
  std::chrono::milliseconds backoff_max{30'000};
  std::size_t max_record_bytes = 256u << 20;  // a file larger than any record: left alone, logged
};

struct DeliveryStats {
  std::uint64_t delivered = 0;  // records acknowledged and moved to cur/
  std::uint64_t failures = 0;   // failed deliveries (each retry counts)
  bool failing = false;         // the last attempt failed
};

class Delivery {
 public:
  // Starts the thread. `spool_dir` holds new/ and cur/.
  Delivery(std::string spool_dir, std::unique_ptr<sink::Sink> sink, Logger& log, DeliveryOptions options = {});
  ~Delivery();  // stop(0)
  Delivery(const Delivery&) = delete;
  Delivery& operator=(const Delivery&) = delete;

  // A record was written: look at new/ now rather than at the next rescan.
  void poke();
  // Ends the thread and joins it. With `drain_for` > 0 it first goes on
  // delivering until new/ is empty, a delivery fails or `drain_for` passed.
  void stop(std::chrono::milliseconds drain_for);
  DeliveryStats stats() const;

 private:
  struct Pass;
  void run();
  Pass deliver_pass();
  bool deliver_one(const std::string& name, std::string& error);
  void on_failure(const std::string& error);
  void on_success();

  const std::string new_dir_;
  const std::string cur_dir_;
  const std::unique_ptr<sink::Sink> sink_;
  Logger& log_;
  const DeliveryOptions options_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool poked_ = false;
  bool stopping_ = false;                  // stop() was called
  std::chrono::steady_clock::time_point drain_until_{};
  std::atomic<bool> abort_{false};         // stop now, between two records

  std::atomic<std::uint64_t> delivered_{0};
  std::atomic<std::uint64_t> failures_{0};
  std::atomic<bool> failing_{false};
  std::uint64_t failures_this_outage_ = 0;  // delivery thread only
  std::set<std::string> unreadable_;        // delivery thread only: files logged as unreadable
  std::chrono::steady_clock::time_point outage_started_{};
  std::thread thread_;
};

}  // namespace jingwend

#endif  // JINGWEN_DAEMON_DELIVERY_H_
