// Serving the e2e pages and feeds on the loopback server. Routes may be
// replaced while the daemon runs (HttpServer::on is thread-safe), which is
// how a test changes a page or a feed between polls.
#ifndef JINGWEN_TESTS_E2E_SITE_H_
#define JINGWEN_TESTS_E2E_SITE_H_

#include <chrono>
#include <string>
#include <string_view>

#include "tests/support/http_server.h"

namespace e2e {

inline constexpr std::string_view kRssType = "application/rss+xml; charset=utf-8";
inline constexpr std::string_view kHtmlType = "text/html; charset=utf-8";

// The ETag served for a feed body (a quoted hash of the bytes).
std::string feed_etag(std::string_view body);

// Serves a feed at `path`. With `etag`, each response carries
// ETag: feed_etag(body) and a request whose If-None-Match equals it gets
// 304 Not Modified (a conditional GET); without, every request gets 200.
void serve_feed(testsupport::HttpServer& server, const std::string& path, std::string body, bool etag = true,
                std::string_view content_type = kRssType);

// Serves an HTML page at `path`, each response held back by `delay`.
void serve_page(testsupport::HttpServer& server, const std::string& path, std::string html,
                std::chrono::milliseconds delay = std::chrono::milliseconds{0});

}  // namespace e2e

#endif  // JINGWEN_TESTS_E2E_SITE_H_
