// RedisClient: hiredis's blocking API, one command at a time, with the
// connect and command timeouts set from RedisOptions. Arguments go through
// redisCommandArgv (binary-safe: a record is sent as it is, never formatted).
#include <sys/time.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sink/redis_handle.h"
#include "sink/sink.h"

namespace sink {

struct RedisClient::Impl {
  RedisContext context;
  std::string where;
};

namespace {

timeval to_timeval(Millis m) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(m.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((m.count() % 1000) * 1000);
  return tv;
}

std::string text_of(const redisReply* r) {
  return r != nullptr && r->str != nullptr ? std::string(r->str, r->len) : std::string();
}

// [id, [field, value, ...]] -> StreamEntry; false when the shape is wrong.
bool read_entry(const redisReply* r, StreamEntry& entry) {
  if (r->type != REDIS_REPLY_ARRAY || r->elements != 2 || r->element[0]->type != REDIS_REPLY_STRING) return false;
  entry.id = text_of(r->element[0]);
  const redisReply* fields = r->element[1];
  if (fields->type == REDIS_REPLY_NIL) return true;  // an entry deleted while pending
  if (fields->type != REDIS_REPLY_ARRAY || fields->elements % 2 != 0) return false;
  for (std::size_t i = 0; i < fields->elements; i += 2) {
    entry.fields.emplace_back(text_of(fields->element[i]), text_of(fields->element[i + 1]));
  }
  return true;
}

bool read_entries(const redisReply* r, std::vector<StreamEntry>& out) {
  if (r->type != REDIS_REPLY_ARRAY) return false;
  for (std::size_t i = 0; i < r->elements; ++i) {
    StreamEntry entry;
    if (!read_entry(r->element[i], entry)) return false;
    out.push_back(std::move(entry));
  }
  return true;
}

// Runs one command; the reply, or null with `error` set (a transport error,
// after which the context is unusable, or an error reply).
RedisReply run(redisContext* context, const std::string& where, const std::vector<std::string_view>& args,
               std::string* error) {
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  for (const std::string_view a : args) {
    argv.push_back(a.data());
    lengths.push_back(a.size());
  }
  RedisReply reply(static_cast<redisReply*>(
      redisCommandArgv(context, static_cast<int>(argv.size()), argv.data(), lengths.data())));
  const std::string name(args.empty() ? "" : args.front());
  if (!reply) {
    *error = where + ": " + name + ": " + context->errstr;
    return nullptr;
  }
  if (reply->type == REDIS_REPLY_ERROR) {
    *error = where + ": " + name + ": " + text_of(reply.get());
    return nullptr;
  }
  return reply;
}

}  // namespace

std::string StreamEntry::field(std::string_view name) const {
  for (const auto& [k, v] : fields) {
    if (k == name) return v;
  }
  return {};
}

RedisClient::RedisClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RedisClient::~RedisClient() = default;
RedisClient::RedisClient(RedisClient&&) noexcept = default;
RedisClient& RedisClient::operator=(RedisClient&&) noexcept = default;

const std::string& RedisClient::where() const { return impl_->where; }

std::optional<RedisClient> RedisClient::connect(const RedisOptions& options, std::string* error) {
  auto impl = std::make_unique<Impl>();
  impl->where = "redis " + options.host + ":" + std::to_string(options.port) + "/" + std::to_string(options.db);
  impl->context.reset(redisConnectWithTimeout(options.host.c_str(), options.port, to_timeval(options.timeout)));
  if (!impl->context) {
    *error = impl->where + ": out of memory";
    return std::nullopt;
  }
  if (impl->context->err != 0) {
    *error = impl->where + ": " + impl->context->errstr;
    return std::nullopt;
  }
  redisSetTimeout(impl->context.get(), to_timeval(options.timeout));
  redisEnableKeepAlive(impl->context.get());
  // A server still loading its data accepts connections but refuses commands
  // with LOADING; PING says so now rather than at the first write.
  if (!run(impl->context.get(), impl->where, {"PING"}, error)) return std::nullopt;
  if (options.db != 0) {
    const std::string db = std::to_string(options.db);
    if (!run(impl->context.get(), impl->where, {"SELECT", db}, error)) return std::nullopt;
  }
  return RedisClient(std::move(impl));
}

std::optional<std::string> RedisClient::xadd(const StreamSettings& stream,
                                             const std::vector<std::pair<std::string_view, std::string_view>>& fields,
                                             std::string* error) {
  const std::string maxlen = std::to_string(stream.maxlen);
  std::vector<std::string_view> args = {"XADD", stream.stream};
  if (stream.maxlen > 0) args.insert(args.end(), {"MAXLEN", "~", maxlen});
  args.push_back("*");
  for (const auto& [name, value] : fields) args.insert(args.end(), {name, value});
  const RedisReply reply = run(impl_->context.get(), impl_->where, args, error);
  if (!reply) return std::nullopt;
  if (reply->type != REDIS_REPLY_STRING) {
    *error = impl_->where + ": XADD: unexpected reply type " + std::to_string(reply->type);
    return std::nullopt;
  }
  return text_of(reply.get());
}

std::string RedisClient::create_group(std::string_view stream, std::string_view group) {
  std::string error;
  if (run(impl_->context.get(), impl_->where, {"XGROUP", "CREATE", stream, group, "0", "MKSTREAM"}, &error)) return "";
  return error.find("BUSYGROUP") != std::string::npos ? "" : error;
}

std::optional<std::vector<StreamEntry>> RedisClient::read_group(std::string_view stream, std::string_view group,
                                                                std::string_view consumer, std::string_view id,
                                                                int count, Millis block, std::string* error) {
  const std::string count_text = std::to_string(count), block_text = std::to_string(block.count());
  const RedisReply reply = run(impl_->context.get(), impl_->where,
                               {"XREADGROUP", "GROUP", group, consumer, "COUNT", count_text, "BLOCK", block_text,
                                "STREAMS", stream, id},
                               error);
  if (!reply) return std::nullopt;
  std::vector<StreamEntry> entries;
  if (reply->type == REDIS_REPLY_NIL) return entries;  // BLOCK passed
  // [[stream, [entry, ...]]]
  if (reply->type != REDIS_REPLY_ARRAY || reply->elements != 1 || reply->element[0]->type != REDIS_REPLY_ARRAY ||
      reply->element[0]->elements != 2 || !read_entries(reply->element[0]->element[1], entries)) {
    *error = impl_->where + ": XREADGROUP: unexpected reply shape";
    return std::nullopt;
  }
  return entries;
}

std::string RedisClient::ack(std::string_view stream, std::string_view group, std::string_view id) {
  std::string error;
  return run(impl_->context.get(), impl_->where, {"XACK", stream, group, id}, &error) ? "" : error;
}

std::optional<std::vector<StreamEntry>> RedisClient::range(std::string_view stream, std::string* error) {
  const RedisReply reply = run(impl_->context.get(), impl_->where, {"XRANGE", stream, "-", "+"}, error);
  if (!reply) return std::nullopt;
  std::vector<StreamEntry> entries;
  if (!read_entries(reply.get(), entries)) {
    *error = impl_->where + ": XRANGE: unexpected reply shape";
    return std::nullopt;
  }
  return entries;
}

}  // namespace sink
