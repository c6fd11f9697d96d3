// Tests for the extract stages of clean::extract() (DESIGN.md "clean/" 1-4:
// decode, parse, locate, linearize), run through the public API on the small
// pages in testdata/extract/. Each fixture is named after the case it proves.
//
// The assertions are about content: body sentences present, in order, as
// separate paragraphs (or lines); page chrome that sits outside the article
// container (nav, breadcrumbs, sidebars, related lists, footers, script and
// hidden text) absent. Line filters, script conversion and metadata (stages
// 5-7) are not judged here: nothing below depends on a disclaimer inside the
// container vanishing or on the title being filled.
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "tests/clean/test_util.h"

#include "clean/clean.h"

namespace {

std::string ReadFixture(const std::string& name) {
  const std::string path = std::string(JINGWEN_TESTDATA) + "/extract/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open fixture " << path;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

clean::Article Extract(const std::string& name, const std::string& url = "",
                       const std::string& http_charset = "",
                       const clean::Options& options = {}) {
  const std::string bytes = ReadFixture(name);
  clean::Input input;
  input.bytes = bytes;
  input.url = url;
  input.http_charset = http_charset;
  return clean::extract(input, options);
}

// The article as numbered paragraphs plus reasons, for failure messages.
std::string Dump(const clean::Article& a) {
  std::ostringstream out;
  out << "\n--- " << a.paragraphs.size() << " paragraphs, charset=" << a.charset << "\n";
  for (std::size_t i = 0; i < a.paragraphs.size(); ++i) {
    out << "[" << i << "] " << a.paragraphs[i] << "\n";
  }
  out << "--- reasons:";
  for (const auto& r : a.reasons) out << " {" << r << "}";
  return out.str();
}

// text() split at '\n': one entry per paragraph or per line break inside one.
std::vector<std::string> Lines(const clean::Article& a) {
  std::vector<std::string> lines;
  const std::string text = a.text();
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// Each needle is found in its own entry of `items`, at strictly increasing
// indices: present, in order, and not run together with the one before.
::testing::AssertionResult InOrder(const std::vector<std::string>& items,
                                   std::initializer_list<std::string_view> needles,
                                   const char* what) {
  long prev = -1;
  std::string_view prev_needle;
  for (std::string_view needle : needles) {
    long found = -1;
    for (std::size_t i = static_cast<std::size_t>(prev + 1); i < items.size(); ++i) {
      if (items[i].find(needle) != std::string::npos) {
        found = static_cast<long>(i);
        break;
      }
    }
    if (found < 0) {
      bool anywhere = false;
      for (const auto& item : items) anywhere |= item.find(needle) != std::string::npos;
      return ::testing::AssertionFailure()
             << "\"" << needle << "\" "
             << (anywhere ? std::string("is not in a ") + what + " of its own after \"" +
                                std::string(prev_needle) + "\""
                          : std::string("is missing"));
    }
    prev = found;
    prev_needle = needle;
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult ParagraphsInOrder(const clean::Article& a,
                                             std::initializer_list<std::string_view> needles) {
  auto r = InOrder(a.paragraphs, needles, "paragraph");
  if (!r) r << Dump(a);
  return r;
}

::testing::AssertionResult LinesInOrder(const clean::Article& a,
                                        std::initializer_list<std::string_view> needles) {
  auto r = InOrder(Lines(a), needles, "line");
  if (!r) r << Dump(a);
  return r;
}

// Some line of the text is exactly `line` (a <br>-separated verse line, say).
::testing::AssertionResult HasLine(const clean::Article& a, std::string_view line) {
  for (const auto& l : Lines(a)) {
    if (l == line) return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "no line is exactly \"" << line << "\"" << Dump(a);
}

// None of the needles occurs anywhere in the body text.
::testing::AssertionResult Absent(const clean::Article& a,
                                  std::initializer_list<std::string_view> needles) {
  const std::string text = a.text();
  std::vector<std::string_view> leaked;
  for (std::string_view needle : needles) {
    if (text.find(needle) != std::string::npos) leaked.push_back(needle);
  }
  if (leaked.empty()) return ::testing::AssertionSuccess();
  auto r = ::testing::AssertionFailure() << "chrome leaked into the body:";
  for (auto s : leaked) r << " \"" << s << "\"";
  return r << Dump(a);
}

// Table rows become lines: each row's cells appear in one line, in order, and
// the rows are on successive, different lines.
::testing::AssertionResult RowsAsLines(const clean::Article& a,
                                       std::initializer_list<std::vector<std::string_view>> rows) {
  const auto lines = Lines(a);
  long prev = -1;
  for (const auto& cells : rows) {
    long found = -1;
    for (std::size_t i = static_cast<std::size_t>(prev + 1); i < lines.size() && found < 0; ++i) {
      std::size_t pos = 0;
      bool all = true;
      for (auto cell : cells) {
        pos = lines[i].find(cell, pos);
        if (pos == std::string::npos) {
          all = false;
          break;
        }
        pos += cell.size();
      }
      if (all) found = static_cast<long>(i);
    }
    if (found < 0) {
      auto r = ::testing::AssertionFailure() << "no line after line " << prev << " holds the row";
      for (auto c : cells) r << " [" << c << "]";
      return r << Dump(a);
    }
    prev = found;
  }
  return ::testing::AssertionSuccess();
}

// The linearize contract for every paragraph: valid UTF-8, not empty, no
// indent or padding characters (U+3000, NBSP, tabs, CR), no invisible
// characters (zero-width space/joiners, BOM; soft hyphens are the author's and stay), whitespace
// collapsed (no double spaces, no leading or trailing space on any line).
::testing::AssertionResult LinearizedCleanly(const clean::Article& a) {
  static constexpr std::pair<std::string_view, const char*> kBanned[] = {
      {"\u3000", "U+3000 ideographic space"}, {"\u00a0", "NBSP"},
      {"\u200b", "zero-width space"},         {"\u200c", "zero-width non-joiner"},
      {"\u200d", "zero-width joiner"},        {"\ufeff", "BOM / ZWNBSP"},
      {"\t", "tab"},
      {"\r", "carriage return"},              {"  ", "a double space"},
      {"&nbsp;", "an undecoded &nbsp;"},
  };
  for (std::size_t i = 0; i < a.paragraphs.size(); ++i) {
    const std::string& p = a.paragraphs[i];
    if (p.empty()) return ::testing::AssertionFailure() << "paragraph " << i << " is empty" << Dump(a);
    if (!clean_test::ValidUtf8(p)) return ::testing::AssertionFailure() << "paragraph " << i << " is not UTF-8";
    for (auto [s, name] : kBanned) {
      if (p.find(s) != std::string::npos) {
        return ::testing::AssertionFailure() << "paragraph " << i << " contains " << name << Dump(a);
      }
    }
  }
  for (const auto& line : Lines(a)) {
    if (line.front() == ' ' || line.back() == ' ') {
      return ::testing::AssertionFailure() << "line \"" << line << "\" is not trimmed" << Dump(a);
    }
  }
  return ::testing::AssertionSuccess();
}

// ---------------------------------------------------------------------------
// NetEase 网易号: body in div.post_body; nav, breadcrumb, share widget,
// related/hot lists, author card, channel lists and footer all around it.

constexpr const char* kNeteaseUrl = "https://www.163.com/dy/article/J0FIXTURE0001.html";

void ExpectNeteaseBody(const clean::Article& a) {
  EXPECT_TRUE(ParagraphsInOrder(a, {
      "四月的第一个星期一，湖畔镇中心小学的孩子们走进了学校里第一间真正意义上的科学教室。",
      "这间教室原本是学校后院的一座旧仓库，墙皮剥落，屋顶漏雨，堆满了多年不用的课桌椅。",
      // <strong> inside a <p> is inline: no break, no space.
      "去年秋天，学校把旧仓库改造成科学教室的计划报到镇里，很快得到了支持。",
      "改造工程用了整整一个寒假，工人们重新铺设了电路和水管，还在窗边装上了六张实验台。",
      "科学老师陈晓燕说，过去讲到电路和磁铁，只能在黑板上画图，现在学生可以亲手连接导线，看着小灯泡一点点亮起来。",
      "五年级学生林小禾告诉我们，她最喜欢的是显微镜，第一次看到洋葱表皮细胞时，她忍不住叫出了声。",
      "学校计划在下学期开设每周两节的实验课，并邀请县城中学的老师定期来上示范课。",
      "校长周建国表示，一间教室改变不了所有事情，但它让孩子们知道，科学不只写在课本上。",
  }));
  EXPECT_TRUE(Absent(a, {
      // top nav and breadcrumb
      "网易首页", "注册免费邮箱", "网易严选", "申请入驻",
      // post_info and its share widget (outside post_body)
      "湖畔周刊", "分享至", "用微信扫码二维码",
      // 相关推荐 / 热点推荐 headline + author + time triplets
      "相关推荐", "热点推荐", "老街改造后，这家开了三十年的面馆排起了长队",
      "一场春雨过后，山里的茶农开始忙碌起来", "水库边新修的步道", "城南生活圈", "茶乡日记",
      "2024-04-11 21:15:33",
      // author card
      "文章数", "关注度", "往期回顾", "记录湖畔镇的大事小情",
      // channel lists
      "教育要闻", "头条要闻", "体育要闻", "多地公布中小学暑假时间安排", "气象台发布今年首个高温预警",
      // footer
      "无障碍浏览", "进入关怀版", "网易公司版权所有", "联系我们",
      // script and style text, head and tail
      "页面脚本变量里的文字", "NTES_PAGE", "页尾脚本里的提示文字", "样式表伪元素文字", "line-height",
  }));
  EXPECT_TRUE(LinearizedCleanly(a));
}

TEST(ExtractNetease, PostBodyWithUrl) {
  const auto a = Extract("netease-post-body.html", kNeteaseUrl);
  ASSERT_FALSE(a.empty()) << Dump(a);
  EXPECT_EQ(a.charset, "utf-8");
  ExpectNeteaseBody(a);
}

TEST(ExtractNetease, PostBodyWithoutUrlFoundByScoring) {
  // No URL, so no site profile: the scorer alone must find the same body.
  const auto a = Extract("netease-post-body.html");
  ASSERT_FALSE(a.empty()) << Dump(a);
  ExpectNeteaseBody(a);
}

// ---------------------------------------------------------------------------
// Government TRS page: open-info table twice, tools bar, TRS_Editor body with
// U+3000 indents, &nbsp; indents, a hard-wrapped line, a zero-width space, an
// inline <style>, and a table inside the body.

TEST(ExtractGov, TrsEditorBody) {
  const auto a = Extract("gov-trs-editor.html", "https://www.yunling.gov.cn/zwgk/tzgg/202403/t20240305_123.html");
  ASSERT_FALSE(a.empty()) << Dump(a);
  EXPECT_TRUE(ParagraphsInOrder(a, {
      "为满足辖区适龄儿童少年就近入学需求，经区政府研究同意，现将2024年秋季新增公办学位安排通知如下。",
      "一、总体安排",
      // Source wraps this sentence across lines: the newline and indent
      // between two Han characters must vanish, not become a space.
      "今年全区新建学校三所，改扩建学校五所，共新增公办学位三千二百个。",
      "各学校要在八月二十日前完成教室、课桌椅和饮水设施的配置，确保开学当天正常使用。",
      // A zero-width space sits between 开展 and 竣工 in the source.
      "区教育局将会同区住建局对新建校舍开展竣工验收，验收不合格的一律不得投入使用。",
      "二、工作要求",
      "各学校要提前公布招生范围和报名方式，做好家长咨询解答工作，不得以任何形式举行入学考试。",
  }));
  EXPECT_TRUE(Absent(a, {
      // site nav, breadcrumb, open-info directory sidebar
      "走进云岭", "互动交流", "当前位置", "信息公开目录", "机构职能", "财政资金",
      // the open-information table (PC table and mobile div), outside the body
      "索引号", "113301000012345678/2024-00321", "组配分类", "公开方式", "面向全社会", "主题分类",
      // font size / print / close tools, above and below the body
      "【字体", "打印本页", "关闭窗口", "我要纠错",
      // the <style> inside TRS_Editor
      "TRS_Editor", "宋体", "margin-top",
      // footer
      "网站地图", "主办单位", "承办单位", "网站标识码", "京ICP备05060708号", "京公网安备",
  }));
  EXPECT_TRUE(LinearizedCleanly(a));
}

TEST(ExtractGov, TrsEditorTableRowsBecomeLines) {
  const auto a = Extract("gov-trs-editor.html");
  ASSERT_FALSE(a.empty()) << Dump(a);
  EXPECT_TRUE(RowsAsLines(a, {
      {"序号", "学校名称", "新增学位"},
      {"云岭区实验小学", "540"},
      {"北湖中学", "720"},
      {"青石路小学", "360"},
  }));
  // The table sits between 竣工验收 and 二、工作要求, and no row shares a
  // line with another row or with prose.
  EXPECT_TRUE(LinesInOrder(a, {"开展竣工验收", "学校名称", "云岭区实验小学", "北湖中学",
                               "青石路小学", "二、工作要求"}));
  for (const auto& line : Lines(a)) {
    if (line.find("云岭区实验小学") != std::string::npos) {
      EXPECT_EQ(line.find("北湖中学"), std::string::npos) << line;
      EXPECT_EQ(line.find("学校名称"), std::string::npos) << line;
    }
  }
}

// GBK bytes, labelled gb2312 in a <meta http-equiv> that comes after 1.5 KB
// of head (with GBK Chinese in it); body in div#zoom.
void ExpectZoomBody(const clean::Article& a) {
  EXPECT_EQ(a.charset, "gb18030");
  EXPECT_TRUE(ParagraphsInOrder(a, {
      "入汛以来，我县降雨量较常年同期偏多三成，部分河道水位持续上涨，防汛形势严峻。",
      "各乡镇要立即开展一次隐患排查，重点检查山塘水库、地质灾害点和临河村庄，发现问题当天整改。",
      "县水利局要加强雨情水情监测，每天早晚两次报送主要河道水位，遇有险情随时报告。",
      "各村要确定一名防汛联络员，保证汛期通信畅通，转移路线和安置点要提前告知群众。",
      "本通知自印发之日起执行。",
  }));
  EXPECT_EQ(a.text().find("\ufffd"), std::string::npos) << "mis-decoded bytes" << Dump(a);
  EXPECT_TRUE(Absent(a, {
      "网站首页", "办事服务", "临溪概况", "您现在的位置", "浏览次数",
      "今日关注", "县领导带队检查城区排涝泵站运行情况", "全县中小学开展暑期防溺水安全教育",
      "便民服务", "公积金查询",
      "承办：临溪县信息中心", "网站标识码", "浙ICP备09012345号",
      "font-family", "#zoom",
  }));
  EXPECT_TRUE(LinearizedCleanly(a));
}

TEST(ExtractGov, ZoomGbkLateMeta) {
  const auto a = Extract("gov-zoom-gbk.html", "http://www.linxi.gov.cn/art/2024/6/11/art_1_42.html");
  ASSERT_FALSE(a.empty()) << Dump(a);
  ExpectZoomBody(a);
}

TEST(ExtractGov, ZoomGbkHttpCharsetLabels) {
  for (const char* label : {"GBK", "gb2312", "GB18030", "x-gbk"}) {
    SCOPED_TRACE(label);
    const auto a = Extract("gov-zoom-gbk.html", "", label);
    ASSERT_FALSE(a.empty()) << Dump(a);
    ExpectZoomBody(a);
  }
}

// ---------------------------------------------------------------------------
// An English WordPress post: the article wins over comments (long prose too),
// the widget sidebar, post navigation and the site footer.

TEST(ExtractBlog, EnglishPost) {
  const auto a = Extract("blog-english.html", "https://marrowlane.example.org/2023/09/bicycle/");
  ASSERT_FALSE(a.empty()) << Dump(a);
  EXPECT_TRUE(ParagraphsInOrder(a, {
      "The bicycle had been leaning against the back wall of the shed for eleven winters, and the tyres had gone as soft as bread.",
      "My neighbour Tomas lent me a pump, a set of spanners and a tin of grease that smelled faintly of oranges.",
      "The chain was the worst part. It was stiff with rust, so I soaked it overnight in a tray of paraffin and scrubbed each link with an old toothbrush.",
      // Inline <a> and <em>: words keep their single spaces.
      "It was a small job to replace the brake pads, although the rear cable needed three attempts before it sat straight.",
      "The first ride",
      "On Sunday morning I rode it down to the river and back, about four miles, and nothing fell off.",
      "Next month I want to repaint the frame a dark green and fit a basket for the market.",
  }));
  EXPECT_TRUE(Absent(a, {
      // header and menu
      "Small repairs and long walks", "About Me", "Get in Touch",
      // previous/next navigation
      "Previous post", "A New Latch for the Garden Gate",
      // comments and the reply form
      "2 thoughts on", "We had exactly the same trouble with our tandem",
      "Paraffin works well for soaking", "Leave a Reply", "Your email address will not be published",
      "Textarea placeholder words", "Post Comment",
      // widgets
      "Recent Posts", "What the Hedge Taught Me About Patience", "Rewiring a Lamp", "Archives",
      "October 2023",
      // footer and scripts
      "Proudly powered", "All rights reserved", "Script greeting text", "ajaxurl",
  }));
  EXPECT_TRUE(LinearizedCleanly(a));
}

TEST(ExtractSelector, SelectorOverridesTheScorer) {
  clean::Options options;
  options.content_selector = "#comments";
  const auto a = Extract("blog-english.html", "", "", options);
  ASSERT_FALSE(a.empty()) << Dump(a);
  EXPECT_TRUE(ParagraphsInOrder(a, {
      "We had exactly the same trouble with our tandem, and in the end we gave up on the old chain and bought a new one from the shop on Hill Street.",
      "Paraffin works well for soaking, but be sure to dry the links properly before oiling them or the grit will come straight back.",
  }));
  EXPECT_TRUE(Absent(a, {"The bicycle had been leaning", "Recent Posts", "Proudly powered"}));
}

TEST(ExtractSelector, DescendantAndClassSelector) {
  clean::Options options;
  options.content_selector = "article div.entry-content";
  const auto a = Extract("blog-english.html", "", "", options);
  ASSERT_FALSE(a.empty()) << Dump(a);
  EXPECT_TRUE(ParagraphsInOrder(a, {"The bicycle had been leaning", "Next month I want to repaint"}));
  EXPECT_TRUE(Absent(a, {"We had exactly the same trouble", "Recent Posts", "Posted in"}));
}

TEST(ExtractSelector, SelectorThatMatchesNothingFallsBackToScoring) {
  clean::Options options;
  options.content_selector = "#no-such-element";
  const auto a = Extract("netease-post-body.html", "", "", options);
  ASSERT_FALSE(a.empty()) << Dump(a);
  ExpectNeteaseBody(a);
}

// ---------------------------------------------------------------------------
// Locate: harder layouts.

TEST(ExtractLocate, SidebarLongerThanArticle) {
  // The sidebar holds four times the article's text, but it is all links.
  // Class names are neutral (col-l / col-r), so only the text itself decides.
  const auto a = Extract("sidebar-longer-than-article.html");
  ASSERT_FALSE(a.empty()) << Dump(a);
  EXPECT_TRUE(ParagraphsInOrder(a, {
      "从本周一开始，城西菜市场恢复了停办两年的早市，每天清晨五点半开门，上午九点前结束。",
      "市场管理处在入口处划出了二十个临时摊位，优先提供给附近村里自产自销的菜农，摊位不收费用。",
      "住在对面小区的王阿姨说，早上买的青菜还带着露水，价格也比超市便宜一些。",
  }));
  EXPECT_TRUE(Absent(a, {
      "看了又看", "排行榜", "老城区二十条背街小巷完成改造", "今年第一批杨梅上市",
      "本市公布第二批老旧小区加装电梯名单", "市民热线上半年受理诉求十二万件", "05-19",
      "视频", "禁止下载使用", "版权所有 城市新闻网",
  }));
  EXPECT_TRUE(LinearizedCleanly(a));
}

TEST(ExtractLocate, ArticleSplitAcrossSiblingsAroundAnAd) {
  const auto a = Extract("article-split-across-siblings.html");
  ASSERT_FALSE(a.empty()) << Dump(a);
  // Both halves, in order: the second div.text is merged, not dropped.
  EXPECT_TRUE(ParagraphsInOrder(a, {
      "晚上十点，县城汽车站的最后一班夜班公交准时发车，车上只有七八位乘客。",
      "司机老郑已经开了六年夜班车，他说坐这趟车的大多是刚下班的超市店员、餐馆厨师和医院护士。",
      "这条线路全长十四公里，途经城区和两个工业园区，单程大约需要四十分钟。",
      "去年冬天，公交公司根据乘客的建议，把末班车的发车时间从九点半推迟到了十点。",
      "一位在纺织厂上班的乘客说，以前下了晚班只能打车回家，一个月光车费就要花掉好几百元。",
      "老郑说，只要车上还有一个乘客，他就会把车稳稳当当地开到终点站。",
  }));
  // ...but the ad between them is not.
  EXPECT_TRUE(Absent(a, {
      "限时优惠", "滨江花园精装公寓首付五万元起", "广告",
      "上一篇", "下一篇", "菜市场里的修秤师傅",
      "晚报网首页", "图片新闻", "雪后的古镇", "元宵节灯会", "未经授权禁止转载",
  }));
  EXPECT_TRUE(LinearizedCleanly(a));
}

TEST(ExtractLocate, TableLayout2005BodyInTd) {
  const auto a = Extract("table-layout-2005.html");
  ASSERT_FALSE(a.empty()) << Dump(a);
  EXPECT_TRUE(ParagraphsInOrder(a, {
      "三月十二日上午，石门乡组织机关干部和各村群众四百余人，在后山荒坡开展春季植树活动。",
      "活动现场，大家分工合作，有的挖坑，有的扶苗，有的培土浇水，一上午共栽下杉树和板栗树苗三千余株。",
      "乡林业站的技术人员在现场讲解了栽植要领，并提醒各村做好新栽树苗的管护工作。",
      "近年来，石门乡坚持每年春季集中植树，全乡森林覆盖率已由五年前的百分之四十一提高到百分之五十三。",
  }));
  EXPECT_TRUE(Absent(a, {
      // top menu row
      "本站首页", "乡情概况", "新闻动态", "留言板",
      // left column menu and friendly links
      "栏目导航", "单位概况", "领导分工", "办事指南", "下载中心", "友情链接", "县农业信息网",
      // footer row
      "版权所有：石门乡人民政府", "800*600", "建议使用IE5.0以上浏览器",
      // stylesheet
      "FONT-SIZE", "TEXT-DECORATION",
  }));
  EXPECT_TRUE(LinearizedCleanly(a));
}

// A 2005 portal page: the article's cell also holds related links and a
// slideshow (link density ~0.5), and the copyright notice under the page
// scores by its many commas. The notice opens with 著作权声明 and goes.
TEST(ExtractLocate, CopyrightNoticeDoesNotOutscoreTheArticle) {
  const auto a = Extract("portal-2005-copyright-notice.html");
  ASSERT_FALSE(a.empty()) << Dump(a);
  EXPECT_TRUE(ParagraphsInOrder(a, {
      "入冬以后，山里的早晨格外冷。",
      "据乡中心校的老师介绍，热水器装在宿舍楼顶",
      "县教育局表示，明年还将为另外八所村小安装热水器，并同步改造学生浴室。",
  }));
  EXPECT_TRUE(Absent(a, {"著作权声明", "内容合作方", "相关报道", "太阳能进校园", "幻灯欣赏", "某某首页"}));
}

// A blog archive: three posts in one template, the second the longest. The
// page's article is the first post (CleanEval's gold for such pages).
TEST(ExtractLocate, BlogArchiveGivesTheFirstPost) {
  const auto a = Extract("blog-archive-several-posts.html");
  ASSERT_FALSE(a.empty()) << Dump(a);
  EXPECT_TRUE(ParagraphsInOrder(a, {
      "距城区西北约一百公里处，是当年发现第一块天然黄金的地方",
      "反正金矿让人很难忘呢，尤其是回来的路上开高速",
  }));
  EXPECT_TRUE(Absent(a, {"头发留得很长很长了", "回家以后换了一身衣服", "周末和朋友们一起去海边",
                         "共 3 篇评论", "发表评论", "最新文章", "博客首页"}));
}

// ---------------------------------------------------------------------------
// Linearize.

TEST(ExtractLinearize, BrSeparatedParagraphs) {
  const auto a = Extract("br-separated.html");
  ASSERT_FALSE(a.empty()) << Dump(a);
  EXPECT_TRUE(LinesInOrder(a, {
      "外婆家的院子里有一棵桂花树，据说是母亲出生那年外公亲手种下的。",
      "每到八月，满树细碎的小花一夜之间全开了，香气能飘到村口的石桥上。",
      "外婆会在树下铺一张旧床单，轻轻摇动树枝，金黄的花瓣便落了一床单。",
      "外婆常念的几句老话是这样的：",
      "桂花开在八月天",
      "香到村口石桥边",
      "一年一回花落尽",
      "后来外婆搬进了城里，那棵桂花树还留在老院子里，每年照旧开花。",
  }));
  // A single <br> ends a line too: each verse line stands alone, without the
  // &nbsp; / U+3000 indents of the prose lines.
  EXPECT_TRUE(HasLine(a, "桂花开在八月天"));
  EXPECT_TRUE(HasLine(a, "香到村口石桥边"));
  EXPECT_TRUE(HasLine(a, "一年一回花落尽"));
  EXPECT_TRUE(HasLine(a, "外婆家的院子里有一棵桂花树，据说是母亲出生那年外公亲手种下的。"));
  EXPECT_TRUE(HasLine(a, "外婆会在树下铺一张旧床单，轻轻摇动树枝，金黄的花瓣便落了一床单。"));
  EXPECT_TRUE(Absent(a, {"最新文章", "美文排行", "父亲的旧自行车", "雨夜里的一盏路灯",
                         "tougao@example.com", "散文天地 版权所有"}));
  EXPECT_TRUE(LinearizedCleanly(a));
}

// Known gap: a <pre> directly in <body> scores the body, so the links around
// it leak in. Line breaks inside <pre> are kept (linearize.cc).
TEST(ExtractLinearize, DISABLED_PreKeepsItsLineBreaks) {
  const auto a = Extract("pre-essay.html");
  ASSERT_FALSE(a.empty()) << Dump(a);
  EXPECT_TRUE(LinesInOrder(a, {
      "小时候，我家门前有一个渡口，一条木船，一位撑船的老人。",
      "老人姓何，村里的孩子都叫他何爷爷。他每天天不亮就起来，把船上的积水舀干净，再坐在船头抽一袋烟。",
      "过河的人多半是去镇上赶集的，挑着鸡蛋、青菜和自家织的布，船一靠岸，岸上就热闹起来。",
      "后来河上修了一座水泥桥，渡口渐渐没有人来了，那条木船在岸边放了很多年。",
      "一九九八年冬",
      "写于南方小城",
  }));
  EXPECT_TRUE(HasLine(a, "小时候，我家门前有一个渡口，一条木船，一位撑船的老人。"));
  EXPECT_TRUE(HasLine(a, "一九九八年冬"));
  EXPECT_TRUE(HasLine(a, "写于南方小城"));
  EXPECT_TRUE(Absent(a, {"返回存档目录", "网站首页"}));
  EXPECT_TRUE(LinearizedCleanly(a));
}

TEST(ExtractParse, HiddenElementsScriptsAndFormControlsLeaveNoText) {
  const auto a = Extract("hidden-and-scripts.html");
  ASSERT_FALSE(a.empty()) << Dump(a);
  EXPECT_TRUE(ParagraphsInOrder(a, {
      // The display:none <span> inside this sentence goes; the sentence stays whole.
      "从下个月起，桂园社区图书馆每天早上八点开门，晚上九点闭馆，比原来多开放三个小时。",
      "图书馆负责人介绍，延长开放时间后，将增加两名志愿者协助借还图书，周末还会举办亲子阅读活动。",
      "不少居民说，下班以后终于有时间来图书馆坐一坐，看看报纸，或者给孩子借几本绘本。",
      "图书馆目前藏书一万二千余册，今年还计划新增两千册少儿读物和一批有声读物。",
  }));
  EXPECT_TRUE(Absent(a, {
      "行内隐藏的文字",                            // <span style="display:none">
      "头部脚本里的文字", "headScript",           // <script> in <head>
      "头部样式里的文字",                          // <style> in <head>
      "正文里脚本输出的文字", "document.write",   // <script> in the body
      "正文里样式表的文字", "text-indent",        // <style> in the body
      "请启用浏览器脚本",                          // <noscript>
      "模板里尚未渲染的段落",                      // <template>
      "框架不可用时的回退文字",                    // <iframe> fallback
      "矢量图里的文字",                            // <svg><text>
      "整块隐藏的文字",                            // style="display: none;"
      "带有隐藏属性的段落",                        // hidden attribute
      "只给读屏软件隐藏的文字",                    // aria-hidden="true"
      "不可见但占位的文字",                        // VISIBILITY: hidden
      "注释里的文字",                              // <!-- comment -->
      "输入框里的默认文字",                        // <input value>
      "下拉选项里的文字", "另一个下拉选项",        // <select><option>
      "多行文本框里的文字",                        // <textarea>
      "按钮上的文字",                              // <button>
      "页尾脚本里的文字", "console.log",          // <script> at the end
      "桂园社区服务中心",                          // footer
  }));
  EXPECT_TRUE(LinearizedCleanly(a));
}

TEST(ExtractLocate, ListPageIsNotAnArticle) {
  const auto a = Extract("list-page.html", "http://www.qingling.gov.cn/zwgk/gzdt/");
  EXPECT_TRUE(a.empty()) << "a page of headline links is not an article" << Dump(a);
  EXPECT_FALSE(a.reasons.empty()) << "an empty article must say why";
  for (const auto& r : a.reasons) EXPECT_FALSE(r.empty());
}

// ---------------------------------------------------------------------------
// Properties over every fixture.

const char* const kArticleFixtures[] = {
    "netease-post-body.html",  "gov-trs-editor.html",      "gov-zoom-gbk.html",
    "blog-english.html",       "sidebar-longer-than-article.html",
    "article-split-across-siblings.html", "table-layout-2005.html",
    "br-separated.html",       "pre-essay.html",           "hidden-and-scripts.html",
};

TEST(ExtractProperties, EveryArticleFixtureIsLinearizedCleanly) {
  for (const char* name : kArticleFixtures) {
    SCOPED_TRACE(name);
    const auto a = Extract(name);
    EXPECT_FALSE(a.empty()) << Dump(a);
    EXPECT_TRUE(LinearizedCleanly(a));
    EXPECT_FALSE(a.charset.empty());
  }
}

TEST(ExtractProperties, Deterministic) {
  for (const char* name : kArticleFixtures) {
    SCOPED_TRACE(name);
    const auto a = Extract(name);
    const auto b = Extract(name);
    EXPECT_EQ(a.paragraphs, b.paragraphs);
    EXPECT_EQ(a.charset, b.charset);
    EXPECT_EQ(a.reasons, b.reasons);
  }
}

TEST(ExtractProperties, SafeToCallFromManyThreadsAtOnce) {
  std::vector<std::string> pages;
  std::vector<std::vector<std::string>> expected;
  for (const char* name : kArticleFixtures) {
    pages.push_back(ReadFixture(name));
    clean::Input in;
    in.bytes = pages.back();
    expected.push_back(clean::extract(in).paragraphs);
  }
  constexpr int kThreads = 8;
  std::vector<std::vector<std::vector<std::string>>> got(
      kThreads, std::vector<std::vector<std::string>>(pages.size()));
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round) {
        for (std::size_t i = 0; i < pages.size(); ++i) {
          // Each thread starts at a different page, so different pages run at once.
          const std::size_t k = (i + static_cast<std::size_t>(t)) % pages.size();
          clean::Input in;
          in.bytes = pages[k];
          got[t][k] = clean::extract(in).paragraphs;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    for (std::size_t k = 0; k < pages.size(); ++k) {
      EXPECT_EQ(got[t][k], expected[k]) << "thread " << t << ", " << kArticleFixtures[k];
    }
  }
}

}  // namespace
