// Labelled lines: `来源：新华社 作者：张三`, `类别:教育 发布时间:2023-11-23 09:49:00`,
// and the rows of a government open-information table (`索引号 | 1133…/2023-179353`,
// `组配分类 部门工作 发布机构 区教育局`). Such a line is metadata, not body: the
// filter moves its values into the article's fields. The label table lives
// in labels.cc.
#ifndef JINGWEN_CLEAN_LABELS_H_
#define JINGWEN_CLEAN_LABELS_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace clean {

enum class LabelKind : std::uint8_t {
  kSource,          // 来源, 稿源 → Article::source
  kOriginalSource,  // 本文转自 → Article::source, over any 来源 (the aggregator's own)
  kAuthor,          // 作者, 记者 → Article::author
  kPublished,       // 发布时间, 发布日期 → Article::published
  kField,           // open-information and other labelled fields → Article::fields
  kIgnored,         // counters and controls (浏览次数): dropped with the line
};

struct Label {
  std::string_view text;
  LabelKind kind;
  // Common words (来源, 作者, 时间) are labels only before a colon; the
  // open-information names (索引号, 组配分类) are labels on their own.
  bool needs_colon;
  // Inside the article body this word labels content as often as metadata
  // (a meeting notice's `时间：5月1日上午9时`, a tender's `名称：…`): a body
  // line with it is metadata only when another label shares the line.
  bool header_only = false;
};

std::span<const Label> labels();

struct LabelledValue {
  const Label* label;
  // Trimmed, without trailing link labels (举报, 发表评论, ...); empty for an
  // empty table cell or markup debris.
  std::string value;
};

// The label/value pairs of `line` when the whole line is made of them (an
// optional leading date counts as a kPublished value); nullopt when any part
// of the line is prose. Values longer than their kind allows, or holding
// sentence punctuation (an interview's `记者：您怎么看？`), make it prose.
std::optional<std::vector<LabelledValue>> parse_labelled_line(std::string_view line);

}  // namespace clean

#endif  // JINGWEN_CLEAN_LABELS_H_
