// The label table and the labelled-line parser. A label is here when pages
// of many sites print it before a value of metadata. Order does not matter:
// the longest label that matches wins.
#include "clean/labels.h"

#include <algorithm>

#include "clean/noise.h"
#include "clean/text.h"

namespace clean {
namespace {

using enum LabelKind;

constexpr Label kLabels[] = {
    // Government open-information tables (政府信息公开): labels without colons,
    // in table cells; `成文日期`/`发文日期` feed `published` when nothing else does.
    {"主题分类", kField, false},   {"主题词", kField, false},     {"信息分类", kField, false},
    {"体裁分类", kField, false},   {"公开形式", kField, false},   {"公开方式", kField, false},
    {"公开日期", kField, false},   {"公开时限", kField, false},   {"公开范围", kField, false},
    {"发布机构", kField, false},   {"发文字号", kField, false},   {"发文日期", kField, false},
    {"发文机关", kField, false},   {"成文日期", kField, false},   {"文号", kField, false},
    {"有效性", kField, false},     {"生效日期", kField, false},   {"索引号", kField, false},
    {"组配分类", kField, false},   {"责任编辑", kField, false},   {"废止日期", kField, false},
    {"所属机构", kField, false},   {"文件编号", kField, false},

    // Article headers and footers: ordinary words, labels only before a colon.
    {"作者", kAuthor, true},       {"撰文", kAuthor, true},       {"记者", kAuthor, true},
    {"信息来源", kSource, true},   {"出处", kSource, true},       {"新闻来源", kSource, true},
    {"文章来源", kSource, true},   {"来源", kSource, true},       {"稿源", kSource, true},
    {"本文转自", kOriginalSource, true}, {"转自", kOriginalSource, true},
    {"发布日期", kPublished, true}, {"发布时间", kPublished, true}, {"发表时间", kPublished, true},
    {"日期", kPublished, true, true}, {"时间", kPublished, true, true},
    {"主编", kField, true},        {"分类", kField, true},        {"审校", kField, true},
    {"审核", kField, true},        {"校对", kField, true},        {"栏目", kField, true},
    {"类别", kField, true},        {"编辑", kField, true},        {"责编", kField, true},
    {"通讯员", kField, true},      {"更新时间", kField, true},    {"名称", kField, true, true},
    {"点击数", kIgnored, true},    {"浏览次数", kIgnored, true},  {"浏览量", kIgnored, true},
    {"访问量", kIgnored, true},    {"阅读量", kIgnored, true},    {"阅读次数", kIgnored, true},
};

// The longest value each kind may have (characters); longer is prose.
std::size_t max_value(LabelKind kind) {
  switch (kind) {
    case kSource: case kOriginalSource: case kAuthor: return 40;
    case kPublished: return 32;
    case kIgnored: return 16;
    case kField: return 100;
  }
  return 0;
}

// Link labels that pages print right after a value on the same line
// (`来源：新京报举报`, `网易商业报道发表评论查看评论`): the value ends there.
constexpr std::string_view kTrailingControls[] = {
    "举报", "分享到", "发表评论", "我要评论", "打印", "收藏", "查看评论", "纠错", "返回",
};

// The value without trailing controls; "" for markup debris (`size="20"`
// from a broken 2005 page) that is no value at all.
std::string clean_value(std::string value) {
  if (value.find_first_of("<>=\"") != std::string::npos) return {};
  for (std::string_view control : kTrailingControls) {
    const auto at = value.find(control);
    if (at != std::string::npos && at > 0) value.resize(at);
  }
  while (!value.empty() && value.back() == ' ') value.pop_back();
  return value;
}

bool has_sentence_punct(std::string_view value) {
  for (std::string_view p : {"，", "。", "？", "！", "；", "?", "!"}) {
    if (value.find(p) != std::string_view::npos) return true;
  }
  return false;
}

bool is_gap(char32_t c) { return is_space(c) || c == '|' || c == U'｜'; }
bool is_colon(char32_t c) { return c == ':' || c == U'：'; }
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

struct LabelMatch {
  const Label* label = nullptr;
  std::size_t end = 0;  // just past the label and its colon
};

// The label starting at s[pos], letters possibly spaced out (`索 引 号`).
// In a table cell (`in_table`: the line's labels so far are the open-info
// kind and s[pos] starts a cell) a colon label may stand alone in its cell
// too: `文号 X 发布日期 2024-04-08` is a four-cell table row.
// REQUIRES: pos < s.size().
LabelMatch match_label(const std::u32string& s, std::size_t pos, bool in_table = false) {
  LabelMatch best;
  std::size_t best_length = 0;
  for (const Label& label : kLabels) {
    if (label.text.size() <= best_length) continue;
    std::size_t i = pos, k = 0;  // k: bytes of label.text matched
    while (k < label.text.size() && i < s.size()) {
      std::size_t next = k;
      if (s[i] == next_code_point(label.text, next)) i++, k = next;
      else if (k > 0 && is_space(s[i])) ++i;
      else break;
    }
    if (k < label.text.size()) continue;
    std::size_t end = i;
    while (end < s.size() && is_space(s[end])) ++end;
    const bool colon = end < s.size() && is_colon(s[end]);
    const bool own_cell = in_table && end > i && end < s.size();  // a gap, then a value
    if (label.needs_colon && !colon && !own_cell) continue;
    if (!colon && end < s.size() && !is_gap(s[end]) && end == i) continue;  // `文号码`: a longer word
    best = {&label, colon ? end + 1 : end};
    best_length = label.text.size();
  }
  return best;
}

// A date at the start of a line (`2019-09-10 09:18`), then a label: its end.
std::size_t leading_date(const std::u32string& s) {
  constexpr int kYearDigits = 4, kMinDigits = 6;
  constexpr std::u32string_view kDateChars = U"-/.: 年月日";
  std::size_t i = 0;
  int digits = 0;
  while (i < s.size() && (is_digit(s[i]) || kDateChars.find(s[i]) != std::u32string_view::npos)) {
    if (is_digit(s[i])) ++digits;
    else if (digits < kYearDigits) return 0;
    ++i;
  }
  return digits >= kMinDigits ? i : 0;
}

std::string trimmed(const std::u32string& s, std::size_t from, std::size_t to) {
  while (from < to && (is_gap(s[from]) || is_colon(s[from]))) ++from;
  while (to > from && is_gap(s[to - 1])) --to;
  return to_utf8(std::u32string_view(s).substr(from, to - from));
}

constexpr Label kLeadingDate = {"", kPublished, false};

}  // namespace

std::span<const Label> labels() { return kLabels; }

std::optional<std::vector<LabelledValue>> parse_labelled_line(std::string_view line) {
  constexpr std::size_t kMaxLine = 300;  // characters; a table row, not an article
  std::u32string s(without_enclosing_brackets(to_u32(collapse_whitespace(line))));
  if (s.empty() || s.size() > kMaxLine) return std::nullopt;
  // Page controls printed on the same line (`来源：X【字体：大 中 小】打印`).
  if (const auto control = s.find(U'【'); control != 0 && control != std::u32string::npos &&
      classify_noise(to_utf8(std::u32string_view(s).substr(control))).action != NoiseAction::kNone) {
    s.resize(control);
  }
  std::vector<LabelledValue> out;
  std::size_t pos = leading_date(s);
  if (pos > 0) out.push_back({&kLeadingDate, trimmed(s, 0, pos)});
  while (pos < s.size() && is_gap(s[pos])) ++pos;
  if (pos >= s.size() || !match_label(s, pos).label) return std::nullopt;
  bool table_row = true;  // every label so far is an open-info one, without colon
  while (pos < s.size()) {
    const LabelMatch m = match_label(s, pos, table_row);
    table_row = table_row && !m.label->needs_colon;
    std::size_t end = m.end;
    // The value runs to the next label (a spaced-out one only after a gap).
    while (end < s.size()) {
      const bool boundary = is_gap(s[end - 1]) || is_colon(s[end - 1]);
      const LabelMatch next = match_label(s, end, table_row && boundary);
      if (next.label && (boundary || next.label->needs_colon)) break;
      ++end;
    }
    std::string value = trimmed(s, m.end, end);
    if (char_count(value) > max_value(m.label->kind)) return std::nullopt;
    value = clean_value(std::move(value));
    if (has_sentence_punct(value)) return std::nullopt;
    out.push_back({m.label, std::move(value)});
    pos = end;
  }
  return out;
}

}  // namespace clean
