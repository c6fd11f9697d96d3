#include "clean/profiles.h"

#include <string>

namespace clean {
namespace {

// Sorted by host, then name. Host-less entries are CMS templates used by
// many sites (TRS WCM and UCAP power most *.gov.cn portals); keep them to
// class/id names that only ever wrap the body text.
constexpr SiteProfile kProfiles[] = {
    {"", "trs-editor", ".TRS_Editor, .TRS_UEDITOR"},
    {"", "trs-zoom", "#zoom"},
    {"", "gov-pages-content", ".pages_content"},
    {"", "ucap", "#UCAP-CONTENT"},
    {"", "wechat", "#js_content, .rich_media_content"},
    // 2015 column pages (亦观察) keep the body in `.entext` and only the
    // 本文为…独家授权 notice in `#endText` beside it; `#endText` alone
    // matched just the notice (cx163-30).
    {"163.com", "netease-2015", "#endText, .entext"},
    {"163.com", "netease-dy", ".post_body"},
    {"163.com", "netease-post-text", ".post_text"},
    {"gov.cn", "gov-article-content", ".article-content, .article_content"},
};

}  // namespace

std::span<const SiteProfile> site_profiles() { return kProfiles; }

std::string_view url_host(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  if (const auto at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  if (const auto colon = url.rfind(':'); colon != std::string_view::npos && url.find(']') == std::string_view::npos) {
    url = url.substr(0, colon);
  }
  return url;
}

bool host_matches(std::string_view host, std::string_view suffix) {
  // An unknown host (a saved page) may be any site: try every profile.
  if (suffix.empty() || host.empty()) return true;
  if (host.size() < suffix.size()) return false;
  std::string lower(host);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
  if (!std::string_view(lower).ends_with(suffix)) return false;
  return lower.size() == suffix.size() || lower[lower.size() - suffix.size() - 1] == '.';
}

}  // namespace clean
