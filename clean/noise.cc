// The noise tables. A phrase earns its place by marking chrome on many pages
// of NetEase, government CMSs, WeChat re-posts or snapshot aggregators; the
// seeds in shared/seeds show each kind. Kept in groups, sorted in each.
#include "clean/noise.h"

#include <algorithm>

#include "clean/metadata.h"
#include "clean/text.h"

namespace clean {
namespace {

using enum NoiseAction;
using enum NoiseMatch;

constexpr int kHeading = 16;    // a section heading, maybe with "全部"/"更多"
constexpr int kControl = 24;    // a widget label or control line
constexpr int kFooter = 120;    // a footer or promo line
constexpr int kNotice = 400;    // a disclaimer paragraph

constexpr NoisePhrase kPhrases[] = {
    // Headings of what follows the article: related/hot lists, author
    // archives, comments. The headline lists under them go too.
    {"专题推荐", kPrefix, kCutList, kHeading},
    {"为您推荐", kPrefix, kCutList, kHeading},
    {"今日推荐", kPrefix, kCutList, kHeading},
    {"大家都在看", kPrefix, kCutList, kHeading},
    {"延伸阅读", kPrefix, kCutList, kHeading},
    {"往期回顾", kPrefix, kCutList, kHeading},
    {"推荐阅读", kPrefix, kCutList, kHeading},
    {"更多关于", kPrefix, kCutList, kHeading + 8},
    {"最新评论", kPrefix, kCutList, kHeading},
    {"热点推荐", kPrefix, kCutList, kHeading},
    {"热门推荐", kPrefix, kCutList, kHeading},
    {"热门文章", kPrefix, kCutList, kHeading},
    {"热门评论", kPrefix, kCutList, kHeading},
    {"猜你喜欢", kPrefix, kCutList, kHeading},
    {"相关推荐", kPrefix, kCutList, kHeading},
    {"相关文章", kPrefix, kCutList, kHeading},
    {"相关新闻", kPrefix, kCutList, kHeading},
    {"相关链接", kPrefix, kCutList, kHeading},
    {"相关阅读", kPrefix, kCutList, kHeading},
    {"精彩推荐", kPrefix, kCutList, kHeading},
    {"网友评论", kPrefix, kCutList, kHeading},

    // Disclaimers that close an article; what follows them is page chrome
    // (NetEase's author card and channel lists, a snapshot's other stories).
    {"Notice:Thecontentabove", kPrefix, kCut, kNotice},
    {"以上内容为资讯信息快照", kPrefix, kCut, kNotice},
    {"特别声明:以上内容", kPrefix, kCut, kNotice},
    {"特别声明：以上内容", kPrefix, kCut, kNotice},

    // Disclaimers and notices that may sit mid-page: only the line goes.
    // Reprint notices (`本文为X独家授权…发布，转载请注明出处`) among them.
    {"不得转载", kContains, kDrop, kFooter},
    {"信息原文地址", kPrefix, kDrop, kFooter},
    {"免责声明", kPrefix, kDrop, kNotice},
    {"快照生成时间", kPrefix, kDrop, kControl + 16},
    {"本文来自澎湃新闻", kPrefix, kDrop, kFooter},
    {"本站信息快照查询", kPrefix, kDrop, kNotice},
    {"版权声明", kPrefix, kDrop, kNotice},
    {"禁止转载", kContains, kDrop, kFooter},
    {"请勿转载", kContains, kDrop, kFooter},
    {"转载请注明", kContains, kDrop, kFooter},

    // Share, print, close, font-size and navigation controls.
    {"上一篇", kPrefix, kDrop, kFooter / 2},
    {"下一篇", kPrefix, kDrop, kFooter / 2},
    {"关键词：", kPrefix, kDrop, kControl + 16},
    {"关闭窗口", kContains, kDrop, kControl},
    {"分享到", kPrefix, kDrop, kControl},
    {"分享至", kWhole, kDrop, 0},
    {"字体:大中小", kContains, kDrop, kControl},
    {"字体：大中小", kContains, kDrop, kControl},
    {"字号：大中小", kContains, kDrop, kControl},
    {"当前位置", kPrefix, kDrop, kFooter / 2},
    {"您当前的位置", kPrefix, kDrop, kFooter / 2},
    {"您所在的位置", kPrefix, kDrop, kFooter / 2},
    {"您现在的位置", kPrefix, kDrop, kFooter / 2},
    {"您的位置", kPrefix, kDrop, kFooter / 2},
    {"打印本页", kContains, kDrop, kControl},
    {"收藏成功", kPrefix, kDrop, kControl},
    {"文章关键词", kPrefix, kDrop, kControl + 16},
    {"无障碍浏览", kContains, kDrop, kControl},
    {"申请入驻", kWhole, kDrop, 0},
    {"知道了", kWhole, kDrop, 0},
    {"返回顶部", kWhole, kDrop, 0},
    {"进入关怀版", kContains, kDrop, kControl},

    // Site footers: who runs the site, its registration numbers.
    {"Copyright", kPrefix, kDrop, kFooter},
    {"ICP备", kContains, kDrop, kFooter},
    {"主办单位", kPrefix, kDrop, kFooter},
    {"公安机关备案号", kContains, kDrop, kFooter},
    {"公网安备", kContains, kDrop, kFooter},
    {"承办单位", kPrefix, kDrop, kFooter},
    {"技术支持", kPrefix, kDrop, kFooter / 2},
    {"版权所有", kContains, kDrop, kFooter},
    {"网站标识码", kContains, kDrop, kFooter},

    // English newsletter and share promos, credit lines (written without
    // spaces: the key drops them).
    {"Shareitwithafriend", kContains, kDrop, kFooter},
    {"contributedtothisreport", kContains, kDrop, kFooter},
    {"rightinyourinbox", kContains, kDrop, kFooter},

    // WeChat and app promos at the end of re-posted articles.
    {"回复【", kPrefix, kDrop, kFooter / 2},
    {"扫描下方二维码", kContains, kDrop, kFooter},
    {"扫码关注", kContains, kDrop, kFooter},
    {"点【在看】", kContains, kDrop, kFooter},
    {"点击菜单栏", kPrefix, kDrop, kFooter},
    {"长按二维码", kContains, kDrop, kFooter},
    {"长按识别二维码", kContains, kDrop, kFooter},
};

// Pages that are no article say so; checked only on short pages (extract.cc)
// because an article may quote any of these.
constexpr std::pair<std::string_view, std::string_view> kNonArticle[] = {
    {"403 Forbidden", "error page"}, {"404 Not Found", "error page"}, {"Page not found", "error page"},
    {"Page Not Found", "error page"}, {"内容已被删除", "error page"},   {"文章已删除", "error page"},
    {"文章不存在", "error page"},     {"页面不存在", "error page"},     {"页面已删除", "error page"},
    {"请登录后", "login wall"},       {"需要登录", "login wall"},
    {"页面未找到", "error page"},     {"登录后查看", "login wall"},     {"请先登录", "login wall"},
};

bool is_ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }

// `网易首页 > 网易号 > 正文`: two or more `>` between short segments.
bool is_breadcrumb(std::string_view key) {
  constexpr int kMaxSegment = 12;
  constexpr int kMaxLine = 60;
  const std::u32string s = to_u32(key);
  if (static_cast<int>(s.size()) > kMaxLine) return false;
  int arrows = 0, segment = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool arrow = s[i] == '>' || s[i] == U'»' || s[i] == U'＞' || s[i] == U'›';
    if (arrow) {
      if (i > 0 && s[i - 1] != s[i]) ++arrows;  // ">>" is one arrow
      segment = 0;
    } else if (++segment > kMaxSegment + 8) {  // the last segment may carry a control
      return false;
    }
  }
  return arrows >= 2;
}

// `1170320文章数 47744关注度`: a NetEase author card's counters.
bool is_author_card(std::string_view key) {
  constexpr std::string_view kCounters[] = {"关注度", "文章数", "粉丝", "获赞"};
  if (char_count(key) > std::size_t{kControl} * 2) return false;
  for (std::string_view c : kCounters) {
    const auto at = key.find(c);
    if (at != std::string_view::npos && at > 0 && is_ascii_digit(static_cast<unsigned char>(key[at - 1]))) {
      return true;
    }
  }
  return false;
}

// `教育要闻`, `头条要闻`: NetEase channel list headings.
bool is_channel_heading(std::string_view key) {
  constexpr std::size_t kMaxChars = 6;
  return key.ends_with("要闻") && char_count(key) <= kMaxChars;
}

// `网易财经` alone on a line: a logo or credit under the text, never prose.
bool is_site_name_line(std::string_view key) {
  const auto names = title_site_names();
  return std::binary_search(names.begin(), names.end(), key);
}

// `0`, `12`: share and comment counters left alone on a line.
bool is_bare_counter(std::string_view key) {
  constexpr std::size_t kMaxDigits = 6;
  return !key.empty() && key.size() <= kMaxDigits &&
         std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool phrase_matches(const NoisePhrase& p, std::string_view key, int chars) {
  if (p.max_chars > 0 && chars > p.max_chars) return false;
  switch (p.match) {
    case kWhole: return key == p.text;
    case kPrefix: return key.starts_with(p.text);
    case kContains: return key.find(p.text) != std::string_view::npos;
  }
  return false;
}

}  // namespace

std::span<const NoisePhrase> noise_phrases() { return kPhrases; }

std::string_view non_article_kind(std::string_view text) {
  for (const auto& [phrase, kind] : kNonArticle) {
    if (text.find(phrase) != std::string_view::npos) return kind;
  }
  return {};
}

std::string noise_key(std::string_view line) {
  // In UTF-8 throughout: every line of the page passes here, and a round
  // trip through UTF-32 cost four allocations a line. Re-encoding each code
  // point makes `s` well-formed (a bad byte becomes U+FFFD, as to_u32 has it).
  std::string s;
  s.reserve(line.size());
  for (std::size_t i = 0; i < line.size();) {
    const char32_t c = next_code_point(line, i);
    if (!is_space(c)) append_utf8(s, c);
  }
  std::string_view key = without_enclosing_brackets(std::string_view(s));
  constexpr std::string_view kFullwidthColon = "：";
  while (true) {
    if (key.ends_with(':')) {
      key.remove_suffix(1);
    } else if (key.ends_with(kFullwidthColon)) {
      key.remove_suffix(kFullwidthColon.size());
    } else {
      break;
    }
  }
  return std::string(key);
}

bool is_bare_timestamp(std::string_view line) {
  // YYYY-MM-DD, YYYY/MM/DD or YYYY年M月D日, then HH:MM[:SS]: digits and
  // those separators only, starting with a four-digit year.
  const std::u32string s = to_u32(line);
  constexpr std::size_t kMinLength = 8, kMaxLength = 24;
  if (s.size() < kMinLength || s.size() > kMaxLength) return false;
  for (std::size_t i = 0; i < 4; ++i) {
    if (!is_ascii_digit(s[i])) return false;
  }
  int digits = 0;
  bool time = false;  // a bare date may close a notice (落款); a time never does
  for (char32_t c : s) {
    time = time || c == ':';
    if (is_ascii_digit(c)) {
      ++digits;
      continue;
    }
    constexpr std::u32string_view kSeparators = U"-/.: 年月日";
    if (kSeparators.find(c) == std::u32string_view::npos) return false;
  }
  constexpr int kMinDigits = 6;
  return time && digits >= kMinDigits;
}

NoiseVerdict classify_noise(std::string_view line) { return classify_noise_key(noise_key(line)); }

NoiseVerdict classify_noise_key(std::string_view key) {
  const int chars = static_cast<int>(char_count(key));
  for (const NoisePhrase& p : kPhrases) {
    if (phrase_matches(p, key, chars)) return {p.action, p.text};
  }
  if (is_breadcrumb(key)) return {kDrop, "breadcrumb"};
  if (is_author_card(key)) return {kDrop, "author card"};
  if (is_channel_heading(key)) return {kDrop, "channel heading"};
  if (is_bare_counter(key)) return {kDrop, "counter"};
  if (is_site_name_line(key)) return {kDrop, "site name"};
  if (is_bare_timestamp(key)) return {kDrop, "timestamp"};
  return {};
}

}  // namespace clean
