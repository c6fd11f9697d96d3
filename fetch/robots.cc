// robots.txt (RFC 9309): a line parser, group selection, and a matcher that
// cannot be made to backtrack. Decisions the RFC leaves open, and why:
//
//  * Reading. Only the first max_bytes are read; when the body is longer, the
//    last (cut) line is dropped too, so a cut "Disallow: /private" never
//    becomes "Disallow: /pr". Lines end in \n, \r\n or \r; a leading UTF-8 BOM
//    is skipped; '#' starts a comment; keys are case-insensitive.
//  * Typos. "useragent", "user agent", "user_agent" are user-agent;
//    "disalow", "dissallow", "dissalow", "disallaw" are disallow (the typos
//    Google's parser accepts; site owners wrote them meaning the rule). A
//    missing colon is tolerated only in the unambiguous "Key value" form (one
//    value token), so prose lines are not read as rules.
//  * Groups. Consecutive user-agent lines open a group; any other record
//    (a rule, sitemap, crawl-delay, ...) closes the run, so the next
//    user-agent line opens a new group. This keeps
//      User-agent: *  / Crawl-delay: 10 / User-agent: Baiduspider / Disallow: /
//    from disallowing everything to `*`. Rules before any user-agent line
//    belong to no group and are ignored. A group applies when the product
//    token of a user-agent value (its leading [A-Za-z_-] run, so
//    "jingwen/1.0" is "jingwen") equals our token case-insensitively. Every
//    group naming us is merged; only when none does are the `*` groups used
//    (merged too). A group naming us with no rules means "allow all", not
//    "fall back to `*`".
//  * Rules. An empty value matches nothing and is dropped. A value that does
//    not start with '/' or '*' gets a '/' prepended ("Disallow: private/" is
//    meant as "/private/"). At most kMaxRules rules are kept per selection.
//  * Normalisation, on patterns and paths alike: %XX of an unreserved
//    character is decoded, other %XX upper-cased, bytes >= 0x80 and bytes a
//    URL may not hold literally (controls, space, "<>\^`{|}) are %-encoded.
//    In paths a literal '*' or '$' becomes %2A / %24, as does a '$' in a
//    pattern that is not its last character: RFC 9309 2.2.3 has patterns
//    match those characters by their encoding.
//  * Matching. A pattern is literal segments separated by '*', optionally
//    anchored by a final '$'. The first segment must be a prefix; each later
//    one is found at its leftmost position after the previous one. Leftmost
//    is always the best choice for '*'-only globs (it leaves the most path
//    for the rest), so there is no backtracking, and with a linear substring
//    search one rule costs O(path + pattern). The worst file we found
//    (10,000 rules, each scanning an 8 KiB path to its end) costs ~15 ms per
//    allowed() call.
//  * Precedence. Rules are sorted by normalised pattern length (octets, '*'
//    and '$' included), longest first, Allow before Disallow at equal length;
//    the first match decides; a repeated pattern is kept once (as Allow if
//    any copy allows). No match allows. "/robots.txt" is always allowed.
#include "fetch/robots.h"

#include "fetch/ascii.h"

#include <string.h>  // memmem (GNU)

#include <algorithm>

namespace fetch {
namespace {

// Rules kept for the selected group(s); further rules are ignored. Bounds the
// memory and the matching time that a hostile robots.txt can claim.
constexpr std::size_t kMaxRules = 10'000;

constexpr char kHex[] = "0123456789ABCDEF";

int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

// RFC 3986 unreserved: its %XX form and the character itself are the same URL.
bool unreserved(unsigned char c) {
  return is_alpha(static_cast<char>(c)) || is_digit(static_cast<char>(c)) || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

// Bytes that never stand literally in a URL: encoded on both sides so that
// "/a b" in a robots.txt matches the "/a%20b" libcurl hands us.
bool must_encode(unsigned char c) {
  return c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
         c == '`' || c == '{' || c == '|' || c == '}';
}

void append_escaped(std::string& out, unsigned char c) {
  out += '%';
  out += kHex[c >> 4];
  out += kHex[c & 0xF];
}

// The canonical form described in the file comment. `pattern`: '*' and a
// final '$' keep their meaning; otherwise they are literal characters.
std::string normalise(std::string_view s, bool pattern) {
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      const auto byte = static_cast<unsigned char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      if (unreserved(byte)) out += static_cast<char>(byte);
      else append_escaped(out, byte);
      i += 2;
    } else if (must_encode(c)) {
      append_escaped(out, c);
    } else if (c == '*' && !pattern) {
      append_escaped(out, c);
    } else if (c == '$' && (!pattern || i + 1 != s.size())) {
      append_escaped(out, c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// The product token of a user-agent value or of our own agent string:
// "jingwen/0.1 (+https://...)" -> "jingwen".
std::string_view product_token(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && (is_alpha(s[n]) || s[n] == '_' || s[n] == '-')) ++n;
  return s.substr(0, n);
}

enum class Key { kUserAgent, kAllow, kDisallow, kOther };

// `key` lower-cased with ' ', '-', '_' removed: "User-Agent", "user agent"
// and "useragent" all read "useragent".
Key classify(std::string_view key) {
  std::string k;
  for (char c : key) {
    if (c != ' ' && c != '\t' && c != '-' && c != '_') k += ascii_lower(c);
  }
  if (k == "useragent") return Key::kUserAgent;
  if (k == "allow") return Key::kAllow;
  if (k == "disallow" || k == "disalow" || k == "dissallow" || k == "dissalow" || k == "disallaw") {
    return Key::kDisallow;
  }
  return Key::kOther;
}

struct Record {
  Key key = Key::kOther;
  std::string_view value;
};

// Reads one line (comment stripped, trimmed, non-empty) as a record. False
// when it has no key/value shape; such lines are skipped and do not end a
// group.
bool parse_record(std::string_view line, Record& record) {
  const std::size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    const std::string_view key = trim(line.substr(0, colon));
    if (key.empty()) return false;
    record = {classify(key), trim(line.substr(colon + 1))};
    return true;
  }
  // No colon: "Disallow /x" or "User agent jingwen" is read when the key is
  // one we know (its first word, or first two words spelling user-agent) and
  // exactly one word follows. Anything else is prose, not a record.
  auto word_end = [&](std::size_t from) {
    while (from < line.size() && !is_space(line[from])) ++from;
    return from;
  };
  auto skip_ws = [&](std::size_t from) {
    while (from < line.size() && is_space(line[from])) ++from;
    return from;
  };
  std::size_t key_end = word_end(0);
  Key key = classify(line.substr(0, key_end));
  if (key == Key::kOther) {
    const std::size_t second_end = word_end(skip_ws(key_end));
    if (classify(line.substr(0, second_end)) != Key::kUserAgent) return false;
    key = Key::kUserAgent;
    key_end = second_end;
  }
  const std::size_t value_start = skip_ws(key_end);
  if (value_start >= line.size()) return false;
  const std::string_view value = line.substr(value_start);
  if (std::any_of(value.begin(), value.end(), is_space)) return false;
  record = {key, value};
  return true;
}

// The first occurrence of `needle` in `hay` at or after `from`, or npos.
// glibc's memmem is linear in the worst case (two-way algorithm);
// string_view::find (memchr, then compare) is O(hay * needle) on inputs like
// "aaaa...ab" and took 0.5 s for 10,000 rules of "/*aa*abN" on an 8 KiB path
// of 'a's, where memmem takes ~10 ms.
std::size_t find_from(std::string_view hay, std::string_view needle, std::size_t from) {
  if (needle.empty()) return from;
  const void* at = memmem(hay.data() + from, hay.size() - from, needle.data(), needle.size());
  return at == nullptr ? std::string_view::npos
                       : static_cast<std::size_t>(static_cast<const char*>(at) - hay.data());
}

// REQUIRES: `pattern` is normalised; `path` is normalised.
bool pattern_matches(std::string_view pattern, std::string_view path) {
  const bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  std::size_t star = pattern.find('*');
  if (star == std::string_view::npos) return anchored ? path == pattern : path.starts_with(pattern);
  if (!path.starts_with(pattern.substr(0, star))) return false;
  std::size_t cursor = star;
  pattern.remove_prefix(star + 1);
  for (;;) {
    star = pattern.find('*');
    const std::string_view segment = pattern.substr(0, star);
    if (star == std::string_view::npos) {
      // The last segment: anywhere after the cursor, or at the very end.
      if (anchored) return path.size() - cursor >= segment.size() && path.ends_with(segment);
      return find_from(path, segment, cursor) != std::string_view::npos;
    }
    if (!segment.empty()) {
      const std::size_t at = find_from(path, segment, cursor);
      if (at == std::string_view::npos) return false;
      cursor = at + segment.size();
    }
    pattern.remove_prefix(star + 1);
  }
}

// The part of `body` RFC 9309 has us read: its first max_bytes less the line
// the cut went through, without a UTF-8 BOM.
std::string_view readable_part(std::string_view body, std::size_t max_bytes) {
  if (body.size() > max_bytes) {
    body = body.substr(0, max_bytes);
    // Drop the line the cut went through (see the file comment).
    const std::size_t last_break = body.find_last_of("\r\n");
    body = last_break == std::string_view::npos ? std::string_view() : body.substr(0, last_break);
  }
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  return body;
}

// The line that starts at body[pos], without its end of line (\n, \r\n or
// \r); moves `pos` to the start of the next line.
std::string_view take_line(std::string_view body, std::size_t& pos) {
  std::size_t end = body.find_first_of("\r\n", pos);
  if (end == std::string_view::npos) end = body.size();
  const std::string_view line = body.substr(pos, end - pos);
  pos = end;
  if (pos < body.size()) pos += body.substr(pos).starts_with("\r\n") ? 2 : 1;
  return line;
}

// The record on one line as the file holds it; false for blank lines,
// comments and prose.
bool read_record(std::string_view line, Record& record) {
  line = trim(line.substr(0, line.find('#')));
  return !line.empty() && parse_record(line, record);
}

// Which groups the records being read belong to (see "Groups" in the file
// comment).
class GroupTracker {
 public:
  explicit GroupTracker(std::string_view our_token) : our_token_(our_token) {}

  // A user-agent line: the first of a run opens a new group.
  void user_agent(std::string_view value) {
    if (!in_agent_run_) ours_ = global_ = false;
    in_agent_run_ = true;
    if (!value.empty() && value[0] == '*' && (value.size() == 1 || is_space(value[1]))) {
      global_ = true;
    } else {
      const std::string_view token = product_token(value);
      if (!token.empty() && equals_ignore_case(token, our_token_)) ours_ = named_us_ = true;
    }
  }
  // Any other record ends the run of user-agent lines.
  void other_record() { in_agent_run_ = false; }

  bool ours() const { return ours_; }
  bool global() const { return global_; }
  bool named_us() const { return named_us_; }

 private:
  std::string_view our_token_;
  bool named_us_ = false;      // some group names us, rules or not
  bool in_agent_run_ = false;  // the last record was a user-agent line
  bool ours_ = false;          // the current group names us
  bool global_ = false;        // the current group names `*`
};

// An Allow/Disallow value as a normalised pattern that starts with '/' or
// '*' (see "Rules" in the file comment).
// REQUIRES: `value` is not empty.
std::string rule_pattern(std::string_view value) {
  std::string pattern = normalise(value, /*pattern=*/true);
  if (pattern[0] != '/' && pattern[0] != '*') pattern.insert(0, 1, '/');
  return pattern;
}

}  // namespace

Robots Robots::allow_all() { return Robots(); }

Robots Robots::disallow_all() {
  Robots r;
  r.disallow_everything_ = true;
  return r;
}

Robots Robots::parse(std::string_view body, std::string_view agent, std::size_t max_bytes) {
  body = readable_part(body, max_bytes);
  GroupTracker groups(product_token(trim(agent)));
  std::vector<Rule> ours;    // rules of the groups that name us
  std::vector<Rule> global;  // rules of the `*` groups
  std::size_t pos = 0;
  while (pos < body.size()) {
    Record record;
    if (!read_record(take_line(body, pos), record)) continue;
    if (record.key == Key::kUserAgent) {
      groups.user_agent(record.value);
      continue;
    }
    groups.other_record();
    if (record.key == Key::kOther || record.value.empty()) continue;
    if (!groups.ours() && !groups.global()) continue;
    std::string pattern = rule_pattern(record.value);
    const bool allow = record.key == Key::kAllow;
    if (groups.ours() && ours.size() < kMaxRules) ours.push_back({pattern, allow});
    if (groups.global() && global.size() < kMaxRules) global.push_back({std::move(pattern), allow});
  }
  Robots robots;
  robots.rules_ = groups.named_us() ? std::move(ours) : std::move(global);
  sort_by_precedence(robots.rules_);
  return robots;
}

void Robots::sort_by_precedence(std::vector<Rule>& rules) {
  // A repeated pattern can never decide anything its first copy did not:
  // keep one, the Allow when there is one (Allow wins a tie).
  std::sort(rules.begin(), rules.end(), [](const Rule& a, const Rule& b) {
    return a.pattern != b.pattern ? a.pattern < b.pattern : a.allow && !b.allow;
  });
  rules.erase(std::unique(rules.begin(), rules.end(),
                          [](const Rule& a, const Rule& b) { return a.pattern == b.pattern; }),
              rules.end());
  // Precedence order: the first rule that matches decides.
  std::stable_sort(rules.begin(), rules.end(), [](const Rule& a, const Rule& b) {
    if (a.pattern.size() != b.pattern.size()) return a.pattern.size() > b.pattern.size();
    return a.allow && !b.allow;
  });
}

Robots Robots::from_response(const Response& response, std::string_view agent, std::size_t max_bytes) {
  const ErrorCode code = response.error.code;
  const long status = response.status;
  // A body arrived in full, or up to the size cap (whose first max_bytes are
  // all RFC 9309 asks us to read). A status-less success is a file:// read.
  const bool body_usable = code == ErrorCode::kNone || code == ErrorCode::kTooLarge;
  if ((status >= 200 && status < 300 && body_usable) || (status == 0 && code == ErrorCode::kNone)) {
    return parse(response.body, agent, max_bytes);
  }
  // Too many redirects: RFC 9309 2.3.1.2 lets us take the file as unavailable.
  if (code == ErrorCode::kRedirect) return allow_all();
  // 429 asks us to slow down, not to crawl freely: like a 5xx (Google does
  // the same), although RFC 9309 would read it as a 4xx.
  if (status == 429) return disallow_all();
  // 3xx that was not followed, and 4xx (401, 403, 404, 412 ...): unavailable.
  if (status >= 300 && status < 500) return allow_all();
  // 5xx, a 2xx whose body broke off, and no response at all: unreachable.
  return disallow_all();
}

bool Robots::allowed(std::string_view path_and_query) const {
  const std::string path = normalise(path_and_query, /*pattern=*/false);
  if (path == "/robots.txt" || path.starts_with("/robots.txt?")) return true;
  if (disallow_everything_) return false;
  for (const Rule& rule : rules_) {
    if (pattern_matches(rule.pattern, path)) return rule.allow;
  }
  return true;
}

}  // namespace fetch
