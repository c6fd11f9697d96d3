#include "tests/e2e/site.h"

#include <utility>

#include "tests/e2e/spool_reader.h"

namespace e2e {

std::string feed_etag(std::string_view body) { return "\"" + sha256_hex(body).substr(0, 20) + "\""; }

void serve_feed(testsupport::HttpServer& server, const std::string& path, std::string body, bool etag,
                std::string_view content_type) {
  const std::string tag = etag ? feed_etag(body) : std::string();
  server.on(path, [body = std::move(body), tag, type = std::string(content_type)](const testsupport::ServerRequest& r) {
    if (!tag.empty() && r.header("If-None-Match") == tag) {
      testsupport::ServerResponse not_modified;
      not_modified.status = 304;
      not_modified.headers.emplace_back("ETag", tag);
      return not_modified;
    }
    testsupport::ServerResponse ok = testsupport::ServerResponse::text(200, body, type);
    if (!tag.empty()) ok.headers.emplace_back("ETag", tag);
    return ok;
  });
}

void serve_page(testsupport::HttpServer& server, const std::string& path, std::string html,
                std::chrono::milliseconds delay) {
  testsupport::ServerResponse page = testsupport::ServerResponse::text(200, std::move(html), std::string(kHtmlType));
  page.delay = delay;
  server.on(path, std::move(page));
}

}  // namespace e2e
