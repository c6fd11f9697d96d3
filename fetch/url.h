// URL parsing and resolution, on libcurl's URL API (curl_url): the same
// parser that will fetch the URL decides what it means.
#ifndef JINGWEN_FETCH_URL_H_
#define JINGWEN_FETCH_URL_H_

#include <optional>
#include <string>
#include <string_view>

#include "fetch/fetch.h"  // ParsedUrl, parse_url

namespace fetch {

// Resolves `ref` (an href as found in a page: relative, protocol-relative,
// absolute, with surrounding whitespace) against `base`. Fragments are
// dropped. nullopt when the result is not a URL, and for the schemes that
// name no document (javascript:, mailto:, data:, tel:, ...); other schemes
// (file:, ftp:) pass through and callers decide which they accept.
std::optional<std::string> resolve_url(std::string_view base, std::string_view ref);

// "http(s)://host[:port]/robots.txt" for an http(s) URL, else "".
std::string robots_url(const ParsedUrl& url);

inline constexpr std::size_t kMaxUrlBytes = 8192;

}  // namespace fetch

#endif  // JINGWEN_FETCH_URL_H_
