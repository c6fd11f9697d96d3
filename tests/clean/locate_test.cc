// Stage 3 (locate + prune) and stage 4 (linearize) on small pages built to
// show one behaviour each.
#include "clean/locate.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "clean/linearize.h"
#include "clean/parse.h"

namespace clean {
namespace {

struct Located {
  std::vector<std::string> paragraphs;
  std::string how;
};

Located run(const std::string& html, std::string_view host = "nowhere.example",
            std::string_view selector = "", std::string_view title = "") {
  const Document doc = parse(html, 256);
  const Selection sel = locate(doc, {.host = host, .content_selector = selector, .title = title});
  return {linearize(doc, sel), sel.how};
}

std::string joined(const Located& l) {
  std::string s;
  for (const auto& p : l.paragraphs) s += p + "\n";
  return s;
}

// A paragraph of Chinese prose, numbered so each is distinct.
std::string prose(int n) {
  return "第" + std::to_string(n) +
         "段：今年以来，全区上下坚持稳中求进，持续推进产业升级、城市更新和民生改善，"
         "各项工作取得了新的进展，群众的获得感、幸福感和安全感不断增强。";
}

std::string headline_list(const char* cls, int n) {
  std::string s = "<div class='" + std::string(cls) + "'><ul>";
  for (int i = 0; i < n; ++i) {
    s += "<li><a href='/n" + std::to_string(i) + "'>这是一条很长的相关新闻标题，用来占据侧栏的篇幅第" +
         std::to_string(i) + "条</a><span>2023-05-0" + std::to_string(i % 9) + "</span></li>";
  }
  return s + "</ul></div>";
}

TEST(Locate, PicksProseOverALongerLinkSidebar) {
  std::string html = "<body><div class='wrap'><div class='left'>";
  for (int i = 1; i <= 3; ++i) html += "<p>" + prose(i) + "</p>";
  html += "</div><div class='right'>" + headline_list("list", 30) + "</div></div></body>";
  const Located l = run(html);
  EXPECT_EQ(l.how, "scored");
  ASSERT_EQ(l.paragraphs.size(), 3u);
  EXPECT_EQ(l.paragraphs[0], prose(1));
  EXPECT_EQ(joined(l).find("相关新闻标题"), std::string::npos);
}

TEST(Locate, ProfileWinsWhenItMatches) {
  std::string html = "<body><div class='post_body'><p>" + prose(1) + "</p></div>"
                     "<div class='other'>";
  for (int i = 2; i <= 6; ++i) html += "<p>" + prose(i) + "</p>";
  html += "</div></body>";
  const Located l = run(html, "www.163.com");
  EXPECT_EQ(l.how, "profile:netease-dy");
  ASSERT_EQ(l.paragraphs.size(), 1u);
  EXPECT_EQ(l.paragraphs[0], prose(1));
}

TEST(Locate, HostSpecificProfileIgnoredOnOtherHosts) {
  std::string html = "<body><div class='post_body'><p>短短一句话，十几个字而已。</p></div><div class='story'>";
  for (int i = 1; i <= 4; ++i) html += "<p>" + prose(i) + "</p>";
  html += "</div></body>";
  const Located l = run(html, "www.example.com");
  EXPECT_EQ(l.how, "scored");
  EXPECT_NE(joined(l).find(prose(4)), std::string::npos);
}

TEST(Locate, ContentSelectorOverridesProfilesAndScore) {
  std::string html = "<body><div id='zoom'>";
  for (int i = 1; i <= 4; ++i) html += "<p>" + prose(i) + "</p>";
  html += "</div><div class='lead'><p>" + prose(9) + "</p></div></body>";
  const Located l = run(html, "", ".lead");
  EXPECT_EQ(l.how, "selector");
  ASSERT_EQ(l.paragraphs.size(), 1u);
  EXPECT_EQ(l.paragraphs[0], prose(9));
}

TEST(Locate, GathersSiblingsAroundAnAd) {
  std::string html = "<body><div id='main'><div class='part'>";
  for (int i = 1; i <= 3; ++i) html += "<p>" + prose(i) + "</p>";
  html += "</div><div class='ad-box'><a href='/ad'>点击购买</a></div><div class='part'>";
  for (int i = 4; i <= 6; ++i) html += "<p>" + prose(i) + "</p>";
  html += "</div></div>" + headline_list("sidebar", 10) + "</body>";
  const Located l = run(html);
  const std::string text = joined(l);
  for (int i = 1; i <= 6; ++i) EXPECT_NE(text.find(prose(i)), std::string::npos) << i;
  EXPECT_EQ(text.find("点击购买"), std::string::npos);
  EXPECT_EQ(text.find("相关新闻标题"), std::string::npos);
}

TEST(Locate, PrunesRelatedListInsideContainer) {
  std::string html = "<body><div class='article'>";
  for (int i = 1; i <= 4; ++i) html += "<p>" + prose(i) + "</p>";
  html += headline_list("related", 8) + "<div class='share'><a href='#'>分享到微博</a></div></div></body>";
  const std::string text = joined(run(html));
  EXPECT_NE(text.find(prose(4)), std::string::npos);
  EXPECT_EQ(text.find("相关新闻标题"), std::string::npos);
  EXPECT_EQ(text.find("分享到微博"), std::string::npos);
}

TEST(Locate, RemovesHeadingThatRepeatsTheTitle) {
  std::string html = "<body><div class='article'><h1>北仑获评优质均衡发展区</h1><h2>一、小标题</h2>";
  for (int i = 1; i <= 4; ++i) html += "<p>" + prose(i) + "</p>";
  html += "</div></body>";
  const Located l = run(html, "x.example", "", "北仑获评优质均衡发展区_网易订阅");
  const std::string text = joined(l);
  EXPECT_EQ(text.find("北仑获评"), std::string::npos);
  EXPECT_NE(text.find("一、小标题"), std::string::npos);
}

TEST(Locate, TableLayoutBodyInACell) {
  std::string html = "<body><table><tr><td class='menu'><a href='/'>首页</a><br><a href='/b'>论坛</a></td><td>";
  for (int i = 1; i <= 4; ++i) html += prose(i) + "<br><br>";
  html += "</td></tr></table></body>";
  const Located l = run(html);
  ASSERT_GE(l.paragraphs.size(), 4u);
  EXPECT_EQ(l.paragraphs[0], prose(1));
  EXPECT_EQ(joined(l).find("论坛"), std::string::npos);
}

TEST(Linearize, BrTableRowsAndWhitespace) {
  const std::string html =
      "<body><div id='zoom'><p>\u3000\u3000第一行文字，<br>第二行文字。</p>"
      "<table><tr><td>项目</td><td>金额</td></tr><tr><td>道路</td><td>300万元</td></tr></table>"
      "<p>\u00a0</p><p>结尾\u200b一句，结束了这篇短文的全部内容。</p></div></body>";
  const Located l = run(html, "", "#zoom");
  EXPECT_EQ(l.paragraphs, (std::vector<std::string>{"第一行文字，", "第二行文字。", "项目 金额",
                                                    "道路 300万元", "结尾一句，结束了这篇短文的全部内容。"}));
}

TEST(Linearize, LiftedInlineRunsStaySeparateFromBlocks) {
  std::string html = "<body><div class='article'>" + prose(1) + "<p>" + prose(2) + "</p>" + prose(3) +
                     "<p>" + prose(4) + "</p></div></body>";
  const Located l = run(html);
  EXPECT_EQ(l.paragraphs, (std::vector<std::string>{prose(1), prose(2), prose(3), prose(4)}));
}

// CMS templates reuse the body class for footer fragments; a profile match
// inside a footer-named block is not the body.
TEST(Locate, ProfileMatchInsideFooterIsIgnored) {
  std::string html = "<body><div class='TRS_Editor'>";
  for (int i = 1; i <= 3; ++i) html += "<p>" + prose(i) + "</p>";
  html += "</div><div class='bm_footer'><div class='TRS_Editor'>联系电话：0478-8655532 政府网站标识码：1508000002</div></div></body>";
  const Located l = run(html, "www.bynr.gov.cn");
  EXPECT_EQ(l.how, "profile:trs-editor");
  const std::string text = joined(l);
  EXPECT_NE(text.find(prose(3)), std::string::npos);
  EXPECT_EQ(text.find("网站标识码"), std::string::npos);
}

// Negative: the caller's own selector is taken at its word, chrome or not.
TEST(Locate, ContentSelectorInsideFooterStillMatches) {
  std::string html = "<body><div class='story'>";
  for (int i = 1; i <= 3; ++i) html += "<p>" + prose(i) + "</p>";
  html += "</div><div class='footer'><div class='notice'>" + prose(7) + "</div></div></body>";
  const Located l = run(html, "", ".notice");
  EXPECT_EQ(l.how, "selector");
  ASSERT_EQ(l.paragraphs.size(), 1u);
  EXPECT_EQ(l.paragraphs[0], prose(7));
}

// NetEase 2015 column pages: the body in `.entext`, only a licence notice in
// `#endText` beside it.
TEST(Locate, NeteaseColumnBodyInEntext) {
  std::string html = "<body><div class='con_1'><div class='entext'>";
  for (int i = 1; i <= 3; ++i) html += "<p>" + prose(i) + "</p>";
  html += "</div><div id='endText' class='end-text'><p>本文为某某独家授权网易财经《亦观察》专栏发布，转载请注明出处。</p></div></div></body>";
  const Located l = run(html, "money.163.com");
  EXPECT_EQ(l.how, "profile:netease-2015");
  EXPECT_NE(joined(l).find(prose(1)), std::string::npos);
}

// NetEase's 延伸阅读 box inside the body is `div.related_article`: the
// compound name is negative, so the box goes. (Unweighted, the box is over
// 90% list text, and lists are exempt from the link-density rule.)
TEST(Locate, PrunesRelatedArticleBoxInsideBody) {
  std::string html = "<body><div id='endText' class='post_text'>";
  for (int i = 1; i <= 4; ++i) html += "<p>" + prose(i) + "</p>";
  html += "<div class='related_article'><div class='related_article_title'>延伸阅读</div>"
          "<ul class='related_article_list'><li><a href='/a'>张文宏:上海零新增我很担心 这么多人进来怎会是零</a></li>"
          "<li><a href='/b'>李克强：现在看来最终战胜疫情的曙光就要出现了</a></li>"
          "<li><a href='/c'>滞留武汉人员睡地下通道被子被冲湿 党报:要关照好</a></li></ul></div></div></body>";
  const std::string text = joined(run(html, "news.163.com"));
  EXPECT_NE(text.find(prose(4)), std::string::npos);
  EXPECT_EQ(text.find("延伸阅读"), std::string::npos);
  EXPECT_EQ(text.find("张文宏"), std::string::npos);
}

std::string body_with_table(const std::string& table) {
  std::string html = "<body><div class='article'>";
  for (int i = 1; i <= 2; ++i) html += "<p>" + prose(i) + "</p>";
  html += table;
  for (int i = 3; i <= 4; ++i) html += "<p>" + prose(i) + "</p>";
  return html + "</div></body>";
}

// A five-cell row of headline links is a layout table, not data: pruned.
TEST(Locate, PrunesLinkLayoutTableInsideBody) {
  const std::string table =
      "<table><tr><td>今日推荐</td><td><img src='a.jpg'></td>"
      "<td><a href='/1'>七九年每月挣六千的大款收藏老车</a><br><a href='/2'>全国武术冠军改行学擦皮鞋</a></td>"
      "<td><img src='b.jpg'></td>"
      "<td><a href='/3'>农民工和他的日记本</a><br><a href='/4'>顶尖高手修行秘笈大公开</a></td></tr></table>";
  const std::string text = joined(run(body_with_table(table)));
  EXPECT_NE(text.find(prose(4)), std::string::npos);
  EXPECT_EQ(text.find("擦皮鞋"), std::string::npos);
}

// Negative: a table of figures, or one with a header row, stays whatever its
// size or links.
TEST(Locate, KeepsDataTablesInsideBody) {
  const std::string figures =
      "<table><tr><td>地区</td><td>一月</td><td>二月</td><td>三月</td><td>合计</td></tr>"
      "<tr><td>城区</td><td>12</td><td>15</td><td>18</td><td>45</td></tr></table>";
  EXPECT_NE(joined(run(body_with_table(figures))).find("城区 12 15 18 45"), std::string::npos);
  const std::string files =
      "<table><tr><th>序号</th><th>文件</th></tr>"
      "<tr><td>1</td><td><a href='/f1.pdf'>关于做好春季农业生产工作的通知</a></td></tr>"
      "<tr><td>2</td><td><a href='/f2.pdf'>关于开展安全生产大检查的通知</a></td></tr></table>";
  EXPECT_NE(joined(run(body_with_table(files))).find("春季农业生产"), std::string::npos);
}

// A forum post's container also holds the board's 郑重声明 rules table.
TEST(Locate, PrunesBlockUnderADisclaimerHeading) {
  std::string html = "<body><center><table><tr><td><font>";
  for (int i = 1; i <= 4; ++i) html += "<p>" + prose(i);
  html += "<p><center>本贴由大卫于2005年8月12日发表.</center><hr><table align='center'>"
          "<tr><td><div align='center'><font><strong>郑 重 声 明</strong></font></div></td></tr>"
          "<tr><td><font>1. </font><font>任何言论纯属作者个人观点，与本论坛无关；</font></td></tr>"
          "<tr><td><font>2. </font><font>禁止发表恶意攻击他人的言论；</font></td></tr></table>"
          "</font></td></tr></table></center></body>";
  const std::string text = joined(run(html));
  EXPECT_NE(text.find(prose(4)), std::string::npos);
  EXPECT_EQ(text.find("郑 重 声 明"), std::string::npos);
  EXPECT_EQ(text.find("任何言论纯属作者个人观点"), std::string::npos);
}

// Negative: a paragraph that opens with a bold label and goes on in the same
// line is text; the line filter judges it, not the pruner.
TEST(Locate, KeepsParagraphOpeningWithADisclaimerLabel) {
  std::string html = "<body><div class='article'>";
  for (int i = 1; i <= 3; ++i) html += "<p>" + prose(i) + "</p>";
  html += "<p><strong>特别声明：</strong>以上内容为作者本人观点，本站仅提供信息存储空间服务。</p></div></body>";
  EXPECT_NE(joined(run(html)).find("以上内容为作者本人观点"), std::string::npos);
}

std::string tweet(const char* wrapper_class, const char* text) {
  return std::string("<div") + (*wrapper_class ? std::string(" class='") + wrapper_class + "'" : "") +
         "><blockquote class='twitter-tweet'><p lang='en'>" + text +
         " <a href='https://t.co/Nc0nKoXGBP'>https://t.co/Nc0nKoXGBP</a></p>&mdash; Some One (@someone) "
         "<a href='https://twitter.com/someone/status/1'>November 18, 2019</a></blockquote></div>";
}

// Embedded tweets are quotes the author chose: kept whatever their wrapper's
// name or links.
TEST(Locate, KeepsEmbeddedTweets) {
  std::string html = "<body><div class='story'>";
  for (int i = 1; i <= 2; ++i) html += "<p>" + prose(i) + "</p>";
  html += tweet("social-media-embed", "Yes this is real and the state spent half a million on it:");
  html += "<p>" + prose(3) + "</p>" + tweet("", "Greedy Williams has been solid in run support so far.");
  html += "<p>" + prose(4) + "</p><div class='social-share'><a href='/fb'>Share on Facebook</a></div></div></body>";
  const std::string text = joined(run(html));
  EXPECT_NE(text.find("Yes this is real"), std::string::npos);
  EXPECT_NE(text.find("Greedy Williams"), std::string::npos);
  EXPECT_NE(text.find(prose(4)), std::string::npos);
  // Negative: the share row beside them still goes.
  EXPECT_EQ(text.find("Share on Facebook"), std::string::npos);
}

// The CMS repeats its body wrapper around each part of the article, and the
// first part's prose sits deeper than the score climbs: the same-class
// sibling counts with its best inner candidate.
TEST(Locate, GathersDeepPartInARepeatedBodyWrapper) {
  auto deep = [](const std::string& inner) {
    return "<div class='wrap'><div class='inner'><div class='flex'><section><div class='col'>" + inner +
           "</div></section></div></div></div>";
  };
  std::string html = "<body><div class='page'><div class='acf-content'>" +
                     deep("<div class='post__content'><p>" + prose(1) + "</p><p>" + prose(2) + "</p></div>") +
                     "</div><figure><img src='x.jpg'></figure><div class='acf-content'><div class='post__content'>";
  for (int i = 3; i <= 8; ++i) html += "<p>" + prose(i) + "</p>";
  html += "</div></div>";
  // Negative: deep prose in a sibling of another class is not gathered.
  html += "<div class='more-stories'>" + deep("<div class='teaser'><p>" + prose(20) + "</p></div>") + "</div>";
  html += "</div></body>";
  const std::string text = joined(run(html));
  for (int i = 1; i <= 8; ++i) EXPECT_NE(text.find(prose(i)), std::string::npos) << i;
  EXPECT_EQ(text.find(prose(20)), std::string::npos);
}

std::string article_with(const std::string& extra) {
  std::string html = "<body><div class='story'>";
  for (int i = 1; i <= 3; ++i) html += "<p>" + prose(i) + "</p>";
  return html + extra + "<p>" + prose(4) + "</p></div></body>";
}

// Long runs that are all links go, lifted into the container or in a block
// of their own.
TEST(Locate, PrunesLongLinkRuns) {
  std::string tags = "<strong>Tags<br>";
  for (const char* t : {"calendario stock car 2018", "stock car brasil", "stock car cascavel",
                        "stock car interlagos", "stock car londrina"}) {
    tags += std::string("<a href='/tag/x'>") + t + "</a>, ";
  }
  tags += "</strong>";
  std::string text = joined(run(article_with(tags)));
  EXPECT_NE(text.find(prose(4)), std::string::npos);
  EXPECT_EQ(text.find("stock car"), std::string::npos);
  text = joined(run(article_with(
      "<div>·<a href='/1'>富夫妻望子成龙假离婚 三月后丈夫另娶</a><br>·<a href='/2'>沪银行关照直系亲属房贷记录</a><br>"
      "·<a href='/3'>夫妻勾结受贿近37万 原局长被判13年</a></div>")));
  EXPECT_EQ(text.find("望子成龙"), std::string::npos);
}

// Negative: prose with a few links stays, and so does a long line of fewer
// than three links (one report title, one appendix).
TEST(Locate, KeepsProseWithLinksAndShortLinkPairs) {
  std::string text = joined(run(article_with(
      "<p>据<a href='/a'>新华社</a>报道，<a href='/b'>国务院</a>近日印发通知，要求各地<a href='/c'>统筹推进</a>疫情防控和经济社会发展工作。</p>")));
  EXPECT_NE(text.find("统筹推进疫情防控"), std::string::npos);
  text = joined(run(article_with(
      "<p><a href='/r.pdf'>The full report of the commission on rural schools and their heating, 2005 edition</a> "
      "<a href='/a.pdf'>and its statistical appendix with tables by county</a></p>")));
  EXPECT_NE(text.find("statistical appendix"), std::string::npos);
}

// Negative: an earlier element of the top's class that is short (a teaser
// in the body's template) is not a first post; the longest stays.
TEST(Locate, ShortEarlierSameClassBlockIsNotAFirstPost) {
  std::string html = "<body><div class='lead'><div class='text'><p>" + prose(30) +
                     "</p></div></div><div class='main'><div class='text'>";
  for (int i = 1; i <= 6; ++i) html += "<p>" + prose(i) + "</p>";
  html += "</div></div></body>";
  const std::string text = joined(run(html));
  EXPECT_NE(text.find(prose(6)), std::string::npos);
}

// A list that is all links is a list of headlines, numbered or not; so is a
// run of headline links tagged "[VIDEO]".
TEST(Locate, PrunesListsOfHeadlineLinks) {
  std::string text = joined(run(article_with(
      "<div class='trending'><h3>Trending</h3><ol><li><a href='/1'>Actor's wife killed; son shot by deputies</a></li>"
      "<li><a href='/2'>Iowa man finds 5 inches of animal blood flooding basement</a></li>"
      "<li><a href='/3'>Airline went into records after Max crash, engineer says</a></li></ol></div>")));
  EXPECT_NE(text.find(prose(4)), std::string::npos);
  EXPECT_EQ(text.find("Trending"), std::string::npos);
  EXPECT_EQ(text.find("Iowa man"), std::string::npos);
  text = joined(run(article_with(
      "<p><strong>DON'T MISS</strong></p><p><a href='/1'>China furious at Macron for Hong Kong protest jibe</a> "
      "[<strong>INSIGHT]|<br></strong><a href='/2'>Lakers vs Nets: NBA make final decision on game</a> "
      "[<strong>VIDEO]<br></strong><a href='/3'>Hong Kong threatened with military intervention</a>"
      "<strong> [REACTION]</strong></p>")));
  EXPECT_EQ(text.find("Lakers vs Nets"), std::string::npos);
}

// Negative: a list of points that carries a few links stays, and so does a
// list of two links.
TEST(Locate, KeepsListsOfPointsAndShortLinkLists) {
  std::string text = joined(run(article_with(
      "<ul><li>Automatically on, automatically connected to <a href='/1'>your devices</a></li>"
      "<li>Quick access to <a href='/2'>Siri</a> by saying the wake words aloud</li>"
      "<li>Charges quickly in the case, <a href='/3'>more on the battery</a> below</li></ul>")));
  EXPECT_NE(text.find("Quick access to Siri"), std::string::npos);
  text = joined(run(article_with(
      "<ul><li><a href='/r.pdf'>The full report of the commission</a></li><li><a href='/a.pdf'>Its statistical appendix</a></li></ul>")));
  EXPECT_NE(text.find("statistical appendix"), std::string::npos);
}

std::string card(int i, const std::string& blurb) {
  return "<div class='tumb'><div class='r'><a href='/d" + std::to_string(i) + "'><img src='d.jpg'></a></div>"
         "<div class='title'><a href='/d" + std::to_string(i) + "'>Диета номер " + std::to_string(i) +
         "</a></div><div class='body'>" + blurb + "</div></div>";
}

// A grid of teaser cards (image, title link, blurb) inside the container
// goes, blurbs and all.
TEST(Locate, PrunesGridOfTeaserCards) {
  std::string grid = "<div id='tumblock'><h2>Самые популярные диеты</h2>";
  for (int i = 1; i <= 4; ++i) grid += card(i, "Популярная диета, результаты похудения до 10 кг за 14 дней.");
  const std::string text = joined(run(article_with(grid + "</div>")));
  EXPECT_NE(text.find(prose(4)), std::string::npos);
  EXPECT_EQ(text.find("Популярная диета"), std::string::npos);
  EXPECT_EQ(text.find("Самые популярные"), std::string::npos);
}

// Negative: product boxes whose feature lists run past a teaser's length
// stay (scrapinghub's gold keeps them), and so do two cards.
TEST(Locate, KeepsLongProductBoxesAndPairsOfCards) {
  const std::string features =
      "Automatically on, automatically connected. Easy setup for all your devices. Quick access to the "
      "assistant by voice. Double-tap to play or skip forward. A new chip delivers a faster wireless "
      "connection to your devices. Charges quickly in the case.";
  std::string boxes = "<div class='deals'>";
  for (int i = 1; i <= 3; ++i) boxes += card(i, features);
  std::string text = joined(run(article_with(boxes + "</div>")));
  EXPECT_NE(text.find("Double-tap to play"), std::string::npos);
  text = joined(run(article_with("<div class='pair'>" + card(1, "Простая и эффективная диета.") +
                                 card(2, "Легкая диета для студентов.") + "</div>")));
  EXPECT_NE(text.find("Легкая диета"), std::string::npos);
}

// Negative: a notice's 附件 list links document files; however many, it is
// part of the notice, not a list of headlines.
TEST(Locate, KeepsAttachmentLists) {
  std::string text = joined(run(article_with(
      "<p>附件：<br><a href='/f/1.doc'>1.春季农业生产工作方案</a><br><a href='/f/2.xls'>2.各乡镇任务分解表</a><br>"
      "<a href='/f/3.pdf?v=2'>3.技术指导意见</a></p>")));
  EXPECT_NE(text.find("各乡镇任务分解表"), std::string::npos);
  text = joined(run(article_with(
      "<ul><li><a href='/f/1.DOC'>春季农业生产工作方案</a></li><li><a href='/f/2.wps'>各乡镇任务分解表</a></li>"
      "<li><a href='/f/3.pdf'>技术指导意见</a></li></ul>")));
  EXPECT_NE(text.find("技术指导意见"), std::string::npos);
}

}  // namespace
}  // namespace clean
