// Owning wrappers for hiredis's handles. This is the one place in jingwen
// that knows how a redisContext or a redisReply is released; code elsewhere
// holds these types and passes .get() to hiredis.
#ifndef JINGWEN_SINK_REDIS_HANDLE_H_
#define JINGWEN_SINK_REDIS_HANDLE_H_

#include <hiredis/hiredis.h>

#include <memory>

namespace sink {

struct RedisContextFree {
  void operator()(redisContext* context) const noexcept { redisFree(context); }
};
using RedisContext = std::unique_ptr<redisContext, RedisContextFree>;

struct RedisReplyFree {
  void operator()(redisReply* reply) const noexcept { freeReplyObject(reply); }
};
using RedisReply = std::unique_ptr<redisReply, RedisReplyFree>;

}  // namespace sink

#endif  // JINGWEN_SINK_REDIS_HANDLE_H_
