// fetch::parse_feed on arbitrary bytes: RSS 2.0 / RSS 1.0 / Atom through
// libxml2 in recover mode, anything else as an HTML list page. Every item
// URL that comes back must be an absolute http(s) URL.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fetch/fetch.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const fetch::Feed feed = fetch::parse_feed(bytes, "https://news.example.cn/feed/rss.xml", "");
  for (const fetch::FeedItem& item : feed.items) {
    const std::string_view url = item.url;
    if (!url.starts_with("http://") && !url.starts_with("https://")) std::abort();
  }
  return 0;
}
