// Pages and feeds the e2e tests serve from the loopback server: articles in
// the shape of NetEase (网易号) and gov.cn open-information pages, chrome
// included, and the RSS / HTML list feeds that point at them. All text is
// written for these tests (fictional places and names).
//
// Each article's clean text is exactly its Story's paragraphs: the tests
// assert the spool holds that and none of the chrome strings below.
#ifndef JINGWEN_TESTS_E2E_PAGES_H_
#define JINGWEN_TESTS_E2E_PAGES_H_

#include <string>
#include <string_view>
#include <vector>

namespace e2e {

struct Story {
  std::string title = {};
  std::string published = {};  // as printed on the page: "2024-03-05 09:30:00"
  std::string source = {};     // the 来源 of a NetEase page
  std::vector<std::string> paragraphs = {};
  std::string text() const;  // the paragraphs joined with '\n'
};

// Five different stories (no two are near-duplicates of each other).
const Story& park_story();          // NetEase: a factory turned park
const Story& library_story();       // NetEase: a mobile library for village schools
const Story& hydrogen_story();      // NetEase: offshore wind to hydrogen
const Story& irrigation_notice();   // gov: a notice on spring irrigation works
const Story& elderly_care_notice(); // gov: an announcement on care subsidies

// The i-th of an endless series of distinct stories, for tests that need
// hundreds: one of the five above, numbered in its title, with a last
// paragraph naming the number. Close in SimHash: such tests switch
// near-duplicate detection off.
Story numbered_story(int i);

// The park story as another site re-posted it: one sentence edited (a
// figure changed). Within the daemon's near-duplicate distance of the
// original (fixtures_test checks with the daemon's own SimHash).
Story park_story_reposted();

// `story` with the first occurrence of `from` in its paragraphs replaced by
// `to` (`from` must occur).
Story edited(const Story& story, std::string_view from, std::string_view to);

// The 相关推荐 headlines a NetEase page shows under the article by default.
std::vector<std::string> default_related();
// Strings that exist only in the pages' chrome: none may reach the spool.
const std::vector<std::string>& netease_chrome();
const std::vector<std::string>& gov_chrome();

// A NetEase 网易号-like article page: nav, breadcrumb, share widget, the
// body in .post_body, disclaimer, 相关推荐 list (`related`), footer.
std::string netease_page(const Story& story, const std::vector<std::string>& related = default_related());

// The open-information table of a gov page.
struct OpenInfo {
  std::string index_no = {};    // 索引号
  std::string category = {};    // 组配分类
  std::string publisher = {};   // 发布机构
  std::string written = {};     // 成文日期
  std::string subject = {};     // 主题分类
};
OpenInfo irrigation_info();
OpenInfo elderly_care_info();

// A gov.cn-like page: site header and nav, 当前位置, the open-info table,
// the title, the body in .TRS_Editor, 打印本页/关闭窗口, 相关链接, footer.
std::string gov_page(const Story& story, const OpenInfo& info);

// A soft 404 that a CMS serves with status 200.
std::string error_page();
// A page with almost no text (a column under construction).
std::string stub_page();

struct FeedEntry {
  std::string title = {};
  std::string link = {};      // absolute URL
  std::string pub_date = {};  // RFC 822 ("Tue, 05 Mar 2024 09:30:00 +0800"); "" for none
};
// An RSS 2.0 document.
std::string rss_feed(std::string_view channel_title, std::string_view site_link,
                     const std::vector<FeedEntry>& entries);
// A gov.cn-style column page: nav links, the list of entries (title,
// date), pagination links. Only the entries' links match
// kGovListLinkPattern.
std::string html_list_page(std::string_view column_title, const std::vector<FeedEntry>& entries);
inline constexpr std::string_view kGovListLinkPattern = "/gov/art/t\\d+_\\d+\\.html$";

}  // namespace e2e

#endif  // JINGWEN_TESTS_E2E_PAGES_H_
