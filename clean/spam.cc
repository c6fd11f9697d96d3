// Spam span removal. See spam.h for what a spam run is; the lexicon is in
// spam_lexicon.cc.
#include "clean/spam.h"

#include <algorithm>
#include <vector>

#include "clean/text.h"

namespace clean {
namespace {

constexpr std::size_t kMaxSegment = 24;     // code points; a keyword, not a clause
constexpr std::size_t kMaxSpamLine = 80;    // code points; a longer line is prose
constexpr double kMinTermShare = 0.4;       // of a separator-less line's characters
constexpr std::size_t kMaxLeadIn = 4;       // code points before a run's first term still in it

struct Cp {
  char32_t cp;
  std::size_t at;  // byte offset in the line
};

std::vector<Cp> code_points(std::string_view s) {
  std::vector<Cp> out;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t at = i;
    out.push_back({next_code_point(s, i), at});
  }
  return out;
}

bool is_separator(char32_t c) { return c == '|' || c == '_' || c == U'｜' || c == U'＿'; }

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Ends a keyword segment: spaces, sentence punctuation, brackets, quotes.
bool is_delimiter(char32_t c) {
  if (is_space(c) || is_cjk_punct(c)) return true;
  constexpr std::u32string_view kAscii = U",;:!?()[]{}<>\"'";
  return kAscii.find(c) != std::u32string_view::npos;
}

bool is_sentence_punct(char32_t c) {
  return c == U'，' || c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == U'：';
}

struct Hit {
  std::size_t begin, end;  // bytes in the searched text
  bool strong;
};

// An ASCII term must not continue a word of its own kind: `av` in `java`
// is no hit, `365` in `365APP` is.
bool at_word_edge(std::string_view text, std::size_t begin, std::size_t end, std::string_view term) {
  const bool digits = term.front() >= '0' && term.front() <= '9';
  auto same_kind = [&](char c) {
    const bool is_digit = c >= '0' && c <= '9';
    return is_ascii_alnum(c) && is_digit == digits;
  };
  return (begin == 0 || !same_kind(text[begin - 1])) && (end == text.size() || !same_kind(text[end]));
}

void find_terms(std::string_view lower, std::span<const std::string_view> terms, bool strong,
                std::vector<Hit>& hits) {
  for (std::string_view term : terms) {
    const bool ascii = is_ascii_alnum(term.front());
    for (std::size_t at = lower.find(term); at != std::string_view::npos; at = lower.find(term, at + 1)) {
      if (ascii && !at_word_edge(lower, at, at + term.size(), term)) continue;
      hits.push_back({at, at + term.size(), strong});
    }
  }
}

std::vector<Hit> lexicon_hits(std::string_view text) {
  const std::string lower = ascii_lower(text);
  std::vector<Hit> hits;
  find_terms(lower, spam_strong_terms(), true, hits);
  find_terms(lower, spam_weak_terms(), false, hits);
  return hits;
}

int strong_count(const std::vector<Hit>& hits) {
  return static_cast<int>(std::count_if(hits.begin(), hits.end(), [](const Hit& h) { return h.strong; }));
}

// A run of keyword segments joined by separators: cps[first, last) in code points.
struct Run {
  std::size_t first, last;
  std::vector<std::pair<std::size_t, std::size_t>> segments;  // code-point ranges
};

// The run around the separator at cps[sep], or nullopt-like empty segments.
Run scan_run(const std::vector<Cp>& cps, std::size_t sep) {
  Run run;
  std::size_t begin = sep;
  while (begin > 0 && sep - begin < kMaxSegment && !is_delimiter(cps[begin - 1].cp) &&
         !is_separator(cps[begin - 1].cp)) {
    --begin;
  }
  if (begin < sep) run.segments.emplace_back(begin, sep);
  run.first = begin;
  std::size_t i = sep;
  while (i < cps.size() && is_separator(cps[i].cp)) {
    while (i < cps.size() && is_separator(cps[i].cp)) ++i;
    const std::size_t seg = i;
    while (i < cps.size() && i - seg < kMaxSegment && !is_delimiter(cps[i].cp) && !is_separator(cps[i].cp)) ++i;
    if (i > seg) run.segments.emplace_back(seg, i);
    if (i < cps.size() && !is_separator(cps[i].cp)) break;
  }
  run.last = run.segments.empty() ? sep + 1 : run.segments.back().second;
  return run;
}

std::string_view slice(std::string_view line, const std::vector<Cp>& cps, std::size_t a, std::size_t b) {
  const std::size_t from = a < cps.size() ? cps[a].at : line.size();
  const std::size_t to = b < cps.size() ? cps[b].at : line.size();
  return line.substr(from, to - from);
}

// Spam when a strong term is present and at least half the segments hit.
bool is_spam_run(std::string_view line, const std::vector<Cp>& cps, const Run& run) {
  if (run.segments.size() < 2) return false;
  int strong = 0, with_hits = 0, terms = 0;
  for (const auto& [a, b] : run.segments) {
    const std::vector<Hit> hits = lexicon_hits(slice(line, cps, a, b));
    strong += strong_count(hits);
    terms += static_cast<int>(hits.size());
    with_hits += !hits.empty();
  }
  return strong >= 1 && terms >= 2 && with_hits * 2 >= static_cast<int>(run.segments.size());
}

// The run's first segment may start inside the honest text the injection was
// glued to (`督查室将对澳门赌场_…`): past kMaxLeadIn characters before its
// first lexicon term, it starts at that term.
void trim_first_segment(std::string_view line, const std::vector<Cp>& cps, Run& run) {
  auto& [a, b] = run.segments.front();
  const std::vector<Hit> hits = lexicon_hits(slice(line, cps, a, b));
  if (hits.empty()) return;
  std::size_t first = hits.front().begin;
  for (const Hit& h : hits) first = std::min(first, h.begin);
  std::size_t k = a;
  while (k < b && cps[k].at < cps[a].at + first) ++k;
  if (k - a > kMaxLeadIn) a = k;
  run.first = a;
}

// The run's last segment may run on into the honest text the injection was
// glued to (`365APP初中学校…计划`): it ends after its last lexicon term and
// any letters or digits stuck to that.
void trim_last_segment(std::string_view line, const std::vector<Cp>& cps, Run& run) {
  auto& [a, b] = run.segments.back();
  const std::string_view seg = slice(line, cps, a, b);
  std::size_t end = 0;
  for (const Hit& h : lexicon_hits(seg)) end = std::max(end, h.end);
  const std::size_t base = cps[a].at;
  std::size_t k = a;
  while (k < b && cps[k].at < base + end) ++k;
  while (k < b && cps[k].cp < 0x80 && is_ascii_alnum(static_cast<char>(cps[k].cp))) ++k;
  if (k > a) b = k;
  run.last = b;
}

// A short line without separators that is mostly lexicon terms.
bool is_spam_line(std::string_view line) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < line.size(); ++chars) {
    if (is_sentence_punct(next_code_point(line, i))) return false;
  }
  if (chars == 0 || chars > kMaxSpamLine) return false;
  std::vector<Hit> hits = lexicon_hits(line);
  if (strong_count(hits) < 2) return false;
  // Covered characters, overlapping hits counted once (Han terms: 3 bytes a character).
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.begin < b.begin; });
  std::size_t covered = 0, reach = 0;
  for (const Hit& h : hits) {
    const std::size_t from = std::max(h.begin, reach);
    if (h.end > from) covered += h.end - from;
    reach = std::max(reach, h.end);
  }
  return covered >= kMinTermShare * static_cast<double>(line.size());
}

// Drops what a removed span leaves behind: doubled spaces, a line of bare
// separators and punctuation.
void tidy(std::string& line) {
  line = collapse_whitespace(line);
  for (std::size_t i = 0; i < line.size();) {
    const char32_t c = next_code_point(line, i);
    if (!is_separator(c) && !is_delimiter(c)) return;
  }
  line.clear();
}

}  // namespace

SpamCut remove_spam(std::string& line) {
  SpamCut cut;
  if (is_spam_line(line)) {
    cut = {1, line.size()};
    line.clear();
    return cut;
  }
  const bool separated = line.find_first_of("|_") != std::string::npos ||
                         line.find("｜") != std::string::npos || line.find("＿") != std::string::npos;
  if (!separated) return cut;
  const std::vector<Cp> cps = code_points(line);
  std::string out;
  std::size_t copied = 0;  // code points of `line` already handled
  for (std::size_t i = 0; i < cps.size(); ++i) {
    if (!is_separator(cps[i].cp)) continue;
    Run run = scan_run(cps, i);
    if (run.first >= copied && is_spam_run(line, cps, run)) {
      trim_first_segment(line, cps, run);
      trim_last_segment(line, cps, run);
      out += slice(line, cps, copied, run.first);
      cut.bytes += slice(line, cps, run.first, run.last).size();
      ++cut.spans;
      copied = run.last;
    }
    i = std::max(i, run.last > 0 ? run.last - 1 : 0);
  }
  if (cut.spans == 0) return cut;
  out += slice(line, cps, copied, cps.size());
  line = std::move(out);
  tidy(line);
  return cut;
}

bool is_spam_text(std::string_view text) {
  std::string copy(text);
  const SpamCut cut = remove_spam(copy);
  return cut.spans > 0 && cut.bytes * 2 >= text.size();
}

}  // namespace clean
