// STUB until the url helper lands.
#include "fetch/url.h"
namespace fetch {
std::optional<ParsedUrl> parse_url(std::string_view) { return std::nullopt; }
std::optional<std::string> resolve_url(std::string_view, std::string_view) { return std::nullopt; }
std::string robots_url(const ParsedUrl&) { return {}; }
}  // namespace fetch
