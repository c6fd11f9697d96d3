// STUB until the retry helper lands.
#include "fetch/retry.h"
namespace fetch {
bool retryable(const Response&) { return false; }
std::optional<Millis> parse_retry_after(std::string_view, std::chrono::system_clock::time_point) { return std::nullopt; }
Millis backoff_delay(int, const Options& o, double) { return o.backoff_base; }
Millis retry_delay(const Response&, int, const Options& o, std::chrono::system_clock::time_point, double) { return o.backoff_base; }
}  // namespace fetch
