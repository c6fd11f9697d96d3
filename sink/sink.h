// sink: where spooled records go after the spool, and the Redis Streams
// client that takes them there.
//
// The spool stays the durable outbox: the daemon's delivery loop reads a
// record from spool/new, hands it to a Sink, and moves it to cur/ only after
// the Sink returned success (the record is acknowledged by the other side).
// A crash between the two sends that record again, under the same key.
//
// RedisClient is a blocking hiredis connection with timeouts, for one thread
// at a time; it never throws. Errors are "" / a message naming the server
// and what failed ("redis 127.0.0.1:6379: Connection refused").
#ifndef JINGWEN_SINK_SINK_H_
#define JINGWEN_SINK_SINK_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sink {

using Millis = std::chrono::milliseconds;

// A record as the delivery loop hands it over.
struct Record {
  std::string_view key;     // the spool name without its extension: URL key and content hash
  std::string_view format;  // "json" or "txt" (the extension)
  std::string_view bytes;   // the whole file
};

// Where records go. Implementations are used from one thread.
class Sink {
 public:
  virtual ~Sink() = default;
  // Sends one record; "" once the other side has acknowledged it, else why
  // not (the record stays in the spool and is offered again later).
  virtual std::string deliver(const Record& record) = 0;
  // "redis 127.0.0.1:6379/0 stream jingwen:articles", for logs.
  virtual std::string describe() const = 0;
};

struct RedisOptions {
  std::string host = "127.0.0.1";
  int port = 6379;
  int db = 0;
  Millis timeout{5'000};  // connect, and each command
};

struct StreamSettings {
  std::string stream = "jingwen:articles";
  std::uint64_t maxlen = 1'000'000;  // XADD MAXLEN ~ ; 0: no trimming
};

// A Sink that XADDs each record to a stream with the fields key, format and
// record; it connects on first use and again after any failure.
std::unique_ptr<Sink> make_redis_sink(RedisOptions options, StreamSettings stream);

// One entry of a stream, fields in order.
struct StreamEntry {
  std::string id;
  std::vector<std::pair<std::string, std::string>> fields;
  // The value of `name`, "" when absent.
  std::string field(std::string_view name) const;
};

class RedisClient {
 public:
  // Connects, PINGs (a server still loading its data answers LOADING), and
  // SELECTs options.db when it is not 0. nullopt with `error` set when any
  // of these fails.
  static std::optional<RedisClient> connect(const RedisOptions& options, std::string* error);
  ~RedisClient();
  RedisClient(RedisClient&&) noexcept;
  RedisClient& operator=(RedisClient&&) noexcept;

  // XADD stream [MAXLEN ~ maxlen] * field value ...; the new entry's id, or
  // nullopt with `error` set.
  std::optional<std::string> xadd(const StreamSettings& stream,
                                  const std::vector<std::pair<std::string_view, std::string_view>>& fields,
                                  std::string* error);
  // XGROUP CREATE stream group 0 MKSTREAM; "" also when the group exists.
  std::string create_group(std::string_view stream, std::string_view group);
  // XREADGROUP GROUP group consumer COUNT count BLOCK block STREAMS stream
  // ID: ">" for new entries, "0" for this consumer's unacknowledged ones.
  // An empty vector when `block` passed with nothing to read.
  std::optional<std::vector<StreamEntry>> read_group(std::string_view stream, std::string_view group,
                                                     std::string_view consumer, std::string_view id, int count,
                                                     Millis block, std::string* error);
  std::string ack(std::string_view stream, std::string_view group, std::string_view id);
  // XRANGE stream - + (every entry; for tests and small streams).
  std::optional<std::vector<StreamEntry>> range(std::string_view stream, std::string* error);

  // "redis 127.0.0.1:6379/0": how errors name the server.
  const std::string& where() const;

 private:
  struct Impl;  // the hiredis context (redis_handle.h)
  explicit RedisClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sink

#endif  // JINGWEN_SINK_SINK_H_
