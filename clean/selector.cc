#include "clean/selector.h"

#include <algorithm>

#include "clean/text.h"

namespace clean {
namespace {

constexpr std::pair<Tag, std::string_view> kTagNames[] = {
    {Tag::kHtml, "html"},   {Tag::kBody, "body"},     {Tag::kA, "a"},
    {Tag::kP, "p"},         {Tag::kDiv, "div"},       {Tag::kSpan, "span"},
    {Tag::kBr, "br"},       {Tag::kHr, "hr"},         {Tag::kImg, "img"},
    {Tag::kH1, "h1"},       {Tag::kH2, "h2"},         {Tag::kH3, "h3"},
    {Tag::kH4, "h4"},       {Tag::kH5, "h5"},         {Tag::kH6, "h6"},
    {Tag::kUl, "ul"},       {Tag::kOl, "ol"},         {Tag::kLi, "li"},
    {Tag::kDl, "dl"},       {Tag::kDt, "dt"},         {Tag::kDd, "dd"},
    {Tag::kTable, "table"}, {Tag::kTbody, "tbody"},   {Tag::kThead, "thead"},
    {Tag::kTfoot, "tfoot"}, {Tag::kTr, "tr"},         {Tag::kTd, "td"},
    {Tag::kTh, "th"},       {Tag::kCaption, "caption"}, {Tag::kPre, "pre"},
    {Tag::kBlockquote, "blockquote"}, {Tag::kSection, "section"},
    {Tag::kArticle, "article"}, {Tag::kMain, "main"}, {Tag::kAside, "aside"},
    {Tag::kNav, "nav"},     {Tag::kHeader, "header"}, {Tag::kFooter, "footer"},
    {Tag::kFigure, "figure"}, {Tag::kFigcaption, "figcaption"},
    {Tag::kAddress, "address"}, {Tag::kCenter, "center"}, {Tag::kFont, "font"},
    {Tag::kStrong, "strong"}, {Tag::kB, "b"},         {Tag::kEm, "em"},
    {Tag::kI, "i"},         {Tag::kU, "u"},           {Tag::kForm, "form"},
    {Tag::kFieldset, "fieldset"},
};

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// True when `raw`, lower-cased, is `lower`. Compares in place: selectors
// run against every node of the page, once per site profile.
bool equals_lower(std::string_view raw, std::string_view lower) {
  if (raw.size() != lower.size()) return false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (((c >= 'A' && c <= 'Z') ? char(c + 32) : c) != lower[i]) return false;
  }
  return true;
}

// True when the space-separated `list` holds `word` (lower-case), ignoring
// the list's case.
bool has_word(std::string_view list, std::string_view word) {
  std::size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && list[i] == ' ') ++i;
    std::size_t j = i;
    while (j < list.size() && list[j] != ' ') ++j;
    if (equals_lower(list.substr(i, j - i), word)) return true;
    i = j;
  }
  return false;
}

}  // namespace

std::string_view tag_name(Tag tag) {
  for (auto [t, name] : kTagNames) {
    if (t == tag) return name;
  }
  return {};
}

Selector::Selector(std::string_view text) {
  const std::string s = ascii_lower(text);
  Chain chain;
  std::size_t i = 0;
  auto read_name = [&] {
    std::size_t j = i;
    while (j < s.size() && is_name_char(s[j])) ++j;
    std::string name = s.substr(i, j - i);
    i = j;
    return name;
  };
  while (i <= s.size() && ok_) {
    if (i == s.size() || s[i] == ',') {
      if (chain.empty()) ok_ = false;
      alternatives_.push_back(std::move(chain));
      chain.clear();
      ++i;
      continue;
    }
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
      ++i;
      continue;
    }
    Compound c;
    while (i < s.size() && ok_ && s[i] != ' ' && s[i] != ',') {
      const char kind = s[i];
      if (kind == '.' || kind == '#') ++i;
      std::string name = read_name();
      if (name.empty()) ok_ = false;
      if (kind == '.') c.classes.push_back(std::move(name));
      else if (kind == '#') c.id = std::move(name);
      else c.tag = std::move(name);
    }
    chain.push_back(std::move(c));
  }
  if (!ok_ || alternatives_.empty()) {
    ok_ = false;
    alternatives_.clear();
  }
  needs_id_or_class_ = std::all_of(alternatives_.begin(), alternatives_.end(), [](const Chain& c) {
    return !c.back().id.empty() || !c.back().classes.empty();
  });
}

bool Selector::compound_matches(const Compound& c, const Document& doc, NodeId id) {
  const Node& n = doc[id];
  if (n.tag == Tag::kText) return false;
  if (!c.tag.empty() && tag_name(n.tag) != c.tag) return false;
  if (!c.id.empty() && !equals_lower(n.id, c.id)) return false;
  return std::all_of(c.classes.begin(), c.classes.end(),
                     [&](const std::string& k) { return has_word(n.classes, k); });
}

bool Selector::chain_matches(const Chain& chain, const Document& doc, NodeId id) {
  if (!compound_matches(chain.back(), doc, id)) return false;
  // Match the rest of the chain against ancestors, innermost first (greedy is
  // exact for descendant-only chains).
  auto step = chain.rbegin() + 1;
  for (NodeId a = doc[id].parent; a != kNoNode && step != chain.rend(); a = doc[a].parent) {
    if (compound_matches(*step, doc, a)) ++step;
  }
  return step == chain.rend();
}

bool Selector::matches(const Document& doc, NodeId id) const {
  if (needs_id_or_class_ && doc[id].id.empty() && doc[id].classes.empty()) return false;
  return std::any_of(alternatives_.begin(), alternatives_.end(),
                     [&](const Chain& c) { return chain_matches(c, doc, id); });
}

std::vector<NodeId> Selector::select_outermost(const Document& doc) const {
  std::vector<NodeId> out;
  if (!ok_) return out;
  doc.walk(doc.root(), [&](NodeId id) {
    if (!matches(doc, id)) return true;
    out.push_back(id);
    return false;  // nested matches belong to this one
  });
  return out;
}

}  // namespace clean
