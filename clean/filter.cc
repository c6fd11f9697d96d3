// Stage 6, filter. See filter.h for the order of the rules.
#include "clean/filter.h"

#include <algorithm>

#include "clean/labels.h"
#include "clean/noise.h"
#include "clean/spam.h"
#include "clean/text.h"

namespace clean {
namespace {

// A cut heading ("相关推荐") ends the article only after this much body
// (weighted characters, 50 Han): above that it heads a box inside the text.
constexpr int kMinBodyBeforeCut = 100;
constexpr std::size_t kMaxTitleChars = 60;
// A "related" list entry: headline, then author, then a timestamp line.
constexpr std::size_t kMaxListHeadlineChars = 60;
constexpr std::size_t kMaxListAuthorChars = 16;
// Under a list heading, a complete sentence this long means prose follows.
constexpr std::size_t kMinProseChars = 40;
constexpr std::size_t kListLookahead = 6;  // lines read under a list heading

enum class LineKind { kBody, kNoise, kLabelled };

struct Line {
  std::string text;
  LineKind kind;
};

bool ends_sentence(std::string_view line) {
  for (std::string_view end : {"。", "！", "？", "…", ".", "!", "?", "。”", "！”", "？”"}) {
    if (line.ends_with(end)) return true;
  }
  return false;
}

bool is_prose(std::string_view line) { return char_count(line) >= kMinProseChars && ends_sentence(line); }

// Whether prose, not a list, follows the list heading raw[i]. A timestamp
// line first means list entries (headline, author, time).
bool prose_follows(const std::vector<std::string>& raw, std::size_t i) {
  const std::size_t end = std::min(raw.size(), i + 1 + kListLookahead);
  for (std::size_t k = i + 1; k < end; ++k) {
    if (is_bare_timestamp(raw[k])) return false;
    if (is_prose(raw[k])) return true;
  }
  return false;
}

// The names of a byline without a colon (`本报记者 张三 李四`, `记者 王五`):
// up to 8 characters of outlet, 记者, then 1-4 names of 2-4 characters apart
// by spaces or 、. "" when the line is anything else.
std::string byline_names(std::string_view line) {
  constexpr std::size_t kMaxOutlet = 8, kMinName = 2, kMaxName = 4, kMaxNames = 4;
  const auto at = line.find("记者");
  if (at == std::string_view::npos || char_count(line.substr(0, at)) > kMaxOutlet) return {};
  // Without an outlet a space must follow: `记者手记` is a column heading.
  const std::string_view after = line.substr(at + std::string_view("记者").size());
  if (at == 0 && !after.starts_with(" ")) return {};
  std::string names;
  std::size_t name = 0, count = 0;
  std::u32string rest = to_u32(after);
  rest += U' ';
  for (char32_t c : rest) {
    if (is_han(c)) {
      if (++name > kMaxName) return {};
      append_utf8(names, c);
      continue;
    }
    if (c != U' ' && c != U'、') return {};
    if (name == 0) continue;
    if (name < kMinName || ++count > kMaxNames) return {};
    names += ' ';
    name = 0;
  }
  if (!names.empty()) names.pop_back();
  return names;
}

// A labelled body line is metadata unless all its labels are header-only.
bool is_body_metadata(const std::vector<LabelledValue>& pairs) {
  return std::any_of(pairs.begin(), pairs.end(), [](const LabelledValue& p) { return !p.label->header_only; });
}

class LineFilter {
 public:
  explicit LineFilter(const FilterOptions& options)
      : options_(options), title_key_(noise_key(options.title)) {}

  Filtered run(std::vector<std::string> raw);

 private:
  // Filters raw[i]; returns the index of the next line to read, or
  // raw.size() when the line cut the rest of the text.
  std::size_t add(std::vector<std::string>& raw, std::size_t i);
  std::size_t skip_list_head(std::vector<std::string>& raw, std::size_t i);
  void take_labels(const std::vector<LabelledValue>& pairs);
  void drop_list_entry();
  void find_title();
  void push(std::string text, LineKind kind) { lines_.push_back({std::move(text), kind}); }

  const FilterOptions& options_;
  const std::string title_key_;
  std::vector<Line> lines_;
  int body_weight_ = 0;
  std::string original_source_;
  Filtered out_;
};

void LineFilter::take_labels(const std::vector<LabelledValue>& pairs) {
  for (const LabelledValue& p : pairs) {
    if (p.value.empty()) continue;
    auto keep_first = [&](std::string& slot) {
      if (slot.empty()) slot = p.value;
    };
    switch (p.label->kind) {
      case LabelKind::kSource: keep_first(out_.source); break;
      case LabelKind::kOriginalSource: keep_first(original_source_); break;
      case LabelKind::kAuthor: keep_first(out_.author); break;
      case LabelKind::kPublished: keep_first(out_.published); break;
      case LabelKind::kIgnored: break;
      case LabelKind::kField: {
        const std::string key(p.label->text);
        const bool seen = std::any_of(out_.fields.begin(), out_.fields.end(),
                                      [&](const auto& f) { return f.first == key; });
        if (!seen) out_.fields.emplace_back(key, p.value);
        break;
      }
    }
  }
}

// The timestamp line just dropped closed a "related" entry: its headline and
// author lines, still counted as body, go too.
void LineFilter::drop_list_entry() {
  const std::size_t limits[] = {kMaxListAuthorChars, kMaxListHeadlineChars};
  std::size_t i = lines_.size();
  for (std::size_t limit : limits) {
    if (i == 0 || lines_[i - 1].kind != LineKind::kBody) return;
    Line& line = lines_[--i];
    if (char_count(line.text) > limit || ends_sentence(line.text)) return;
    line.kind = LineKind::kNoise;
    body_weight_ -= text_stats(line.text).weighted;
  }
}

// The heading raw[i] stands over prose: it and the short lines under it go.
std::size_t LineFilter::skip_list_head(std::vector<std::string>& raw, std::size_t i) {
  push(std::move(raw[i]), LineKind::kNoise);
  for (++i; i < raw.size() && !is_prose(raw[i]); ++i) push(std::move(raw[i]), LineKind::kNoise);
  return i;
}

std::size_t LineFilter::add(std::vector<std::string>& raw, std::size_t i) {
  std::string& line = raw[i];
  const SpamCut spam = remove_spam(line);
  out_.spam_removed += spam.spans;
  out_.spam_bytes += spam.bytes;
  if (line.empty()) {
    if (spam.spans > 0) push({}, LineKind::kNoise);
    return i + 1;
  }
  if (!lines_.empty() && lines_.back().kind == LineKind::kBody && lines_.back().text == line) return i + 1;
  if (const auto pairs = parse_labelled_line(line); pairs && is_body_metadata(*pairs)) {
    take_labels(*pairs);
    push(std::move(line), LineKind::kLabelled);
    return i + 1;
  }
  if (std::string names = byline_names(line); !names.empty()) {
    if (out_.author.empty()) out_.author = std::move(names);
    push(std::move(line), LineKind::kLabelled);
    return i + 1;
  }
  const std::string key = noise_key(line);
  const NoiseVerdict noise = classify_noise_key(key);
  if (noise.action == NoiseAction::kCutList && prose_follows(raw, i)) return skip_list_head(raw, i);
  const bool cut = noise.action == NoiseAction::kCut || noise.action == NoiseAction::kCutList;
  if (cut && body_weight_ >= kMinBodyBeforeCut) {
    out_.notes.push_back("cut at " + std::string(noise.why));
    return raw.size();
  }
  if (noise.action != NoiseAction::kNone || (!title_key_.empty() && key == title_key_)) {
    if (noise.why == "timestamp") drop_list_entry();
    push(std::move(line), LineKind::kNoise);
    return i + 1;
  }
  body_weight_ += text_stats(line).weighted;
  push(std::move(line), LineKind::kBody);
  return i + 1;
}

// The first short body line that chrome follows, before the body proper.
void LineFilter::find_title() {
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    const Line& line = lines_[i];
    if (line.kind != LineKind::kBody) continue;
    const std::size_t chars = char_count(line.text);
    if (chars > kMaxTitleChars) return;
    const bool chrome_next = i + 1 < lines_.size() && lines_[i + 1].kind != LineKind::kBody;
    if (!chrome_next || ends_sentence(line.text) || text_stats(line.text).han == 0) continue;
    out_.title = line.text;
    for (std::size_t k = 0; k <= i; ++k) {
      if (lines_[k].kind == LineKind::kBody) lines_[k].kind = LineKind::kNoise;
    }
    return;
  }
}

Filtered LineFilter::run(std::vector<std::string> raw) {
  for (const std::string& line : raw) out_.input_bytes += line.size();
  for (std::size_t i = 0; i < raw.size();) i = add(raw, i);
  if (options_.find_title) find_title();
  for (const std::string& line : options_.header) {
    if (const auto pairs = parse_labelled_line(line)) take_labels(*pairs);
  }
  for (Line& line : lines_) {
    if (line.kind == LineKind::kBody) out_.paragraphs.push_back(std::move(line.text));
  }
  if (!original_source_.empty()) out_.source = original_source_;
  return std::move(out_);
}

}  // namespace

Filtered filter_lines(std::vector<std::string> lines, const FilterOptions& options) {
  return LineFilter(options).run(std::move(lines));
}

}  // namespace clean
