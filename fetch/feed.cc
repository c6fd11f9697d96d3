// STUB until the feeds helper lands.
#include "fetch/fetch.h"
namespace fetch {
std::string_view feed_kind_name(FeedKind) { return "unknown"; }
Feed parse_feed(std::string_view, std::string_view, std::string_view, const FeedOptions&) { return {}; }
}  // namespace fetch
