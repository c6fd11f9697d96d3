// A feed's own origin (fetch.h Origin): what its links may reach on a
// private address.
#include <optional>

#include "fetch/fetch.h"

namespace fetch {

bool Origin::holds(const ParsedUrl& url) const {
  return !empty() && url.scheme == scheme && url.host == host && url.port == port;
}

Origin origin_of(const Response& response) {
  if (!response.ok()) return {};
  const std::optional<ParsedUrl> url = parse_url(response.final_url);
  if (!url || (url->scheme != "http" && url->scheme != "https")) return {};
  return {.scheme = url->scheme, .host = url->host, .port = url->port, .address = response.address};
}

}  // namespace fetch
