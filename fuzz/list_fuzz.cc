// The HTML list-page link extractor: fetch::parse_feed on a list page with a
// link_pattern and a selector (the first byte picks which), and
// clean::links, the anchors it is built on.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "clean/clean.h"
#include "clean/links.h"
#include "fetch/fetch.h"

namespace {

struct Scope {
  const char* link_pattern;
  const char* selector;
};
constexpr Scope kScopes[] = {{"", ""}, {"/t\\d+_\\d+\\.html?$", ""}, {"", "ul.list li, #content"}, {"\\.s?html?$", "div"}};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Scope& scope = kScopes[data[0] % std::size(kScopes)];
  // An HTML prefix, so the sniffer never takes the page for a feed.
  const std::string page = "<!DOCTYPE html><html><body>" + std::string(reinterpret_cast<const char*>(data) + 1, size - 1);
  fetch::FeedOptions options;
  options.link_pattern = scope.link_pattern;
  options.selector = scope.selector;
  (void)fetch::parse_feed(page, "https://www.example.gov.cn/zwgk/index.html", "", options);
  clean::Input input;
  input.bytes = page;
  input.url = "https://www.example.gov.cn/zwgk/index.html";
  (void)clean::links(input, scope.selector);
  return 0;
}
