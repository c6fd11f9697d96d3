// The Redis Streams sink: one XADD per record, fields key, format, record.
// It connects lazily and drops the connection after any failure, so the
// next delivery (after the delivery loop's backoff) reconnects: a Redis that
// restarted is picked up again without a daemon restart.
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "sink/sink.h"

namespace sink {
namespace {

class RedisSink : public Sink {
 public:
  RedisSink(RedisOptions options, StreamSettings stream) : options_(std::move(options)), stream_(std::move(stream)) {}

  std::string deliver(const Record& record) override {
    std::string error;
    if (!client_) client_ = RedisClient::connect(options_, &error);
    if (!client_) return error;
    if (client_->xadd(stream_, {{"key", record.key}, {"format", record.format}, {"record", record.bytes}}, &error)) {
      return "";
    }
    client_.reset();  // whatever broke, start afresh next time
    return error;
  }

  std::string describe() const override {
    return "redis " + options_.host + ":" + std::to_string(options_.port) + "/" + std::to_string(options_.db) +
           " stream " + stream_.stream;
  }

 private:
  RedisOptions options_;
  StreamSettings stream_;
  std::optional<RedisClient> client_;
};

}  // namespace

std::unique_ptr<Sink> make_redis_sink(RedisOptions options, StreamSettings stream) {
  return std::make_unique<RedisSink>(std::move(options), std::move(stream));
}

}  // namespace sink
