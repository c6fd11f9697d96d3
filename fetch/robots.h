// robots.txt per RFC 9309: the group for our product token (or `*`), longest
// matching Allow/Disallow wins, Allow wins a tie, `*` and `$` in paths,
// percent-encoding normalised before matching. Pure; no I/O.
#ifndef JINGWEN_FETCH_ROBOTS_H_
#define JINGWEN_FETCH_ROBOTS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "fetch/fetch.h"

namespace fetch {

class Robots {
 public:
  static Robots allow_all();
  static Robots disallow_all();
  // Parses a robots.txt body (only the first max_bytes are read; lines may
  // end in \n, \r\n or \r; a UTF-8 BOM is skipped) and keeps the rules of the
  // group(s) whose user-agent matches `agent` case-insensitively, else the
  // `*` group(s), else none (allow all).
  static Robots parse(std::string_view body, std::string_view agent,
                      std::size_t max_bytes = 500u << 10);
  // What a finished robots.txt fetch means (RFC 9309 2.3.1): 2xx -> parse the
  // body (also when cut off by kTooLarge; a status-less success, file://,
  // too); 4xx, an unfollowed 3xx, or too many redirects -> allow all; 429,
  // 5xx, a 2xx whose transfer failed, or no response at all -> disallow all.
  static Robots from_response(const Response& response, std::string_view agent,
                              std::size_t max_bytes = 500u << 10);

  // REQUIRES: path_and_query starts with '/' (the URL's path plus "?query").
  // "/robots.txt" itself is always allowed. Cost: one pass over the path per
  // rule at worst, never exponential (robots.cc explains the matcher).
  bool allowed(std::string_view path_and_query) const;
  std::size_t rule_count() const { return rules_.size(); }

 private:
  struct Rule {
    std::string pattern;  // normalised path pattern, may hold '*' and a final '$'
    bool allow = false;
  };
  // Drops repeated patterns (keeping the Allow) and orders the rest so that
  // the first match decides: longest first, Allow before Disallow.
  static void sort_by_precedence(std::vector<Rule>& rules);

  std::vector<Rule> rules_;
  bool disallow_everything_ = false;
};

}  // namespace fetch

#endif  // JINGWEN_FETCH_ROBOTS_H_
