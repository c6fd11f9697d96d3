// The four seeds (shared/seeds: text dumps of real pages as naive scrapers
// see them) through clean::extract's plain-text path, and HTML pages written
// for these tests in the same four layouts (testdata/seeds/). Each test
// asserts that the seed's noise is gone and its body kept.
//
// The real seeds are third-party text, so nothing of their body is copied
// here: the body lines a test expects are read from the seed file itself
// (the long lines between the title and the closing disclaimer), and the
// noise is named by the chrome phrases that mark it.
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "clean/clean.h"
#include "clean/script.h"

namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The seed named by its number prefix ("000"), or "" when shared/ is absent.
std::string Seed(std::string_view number) {
  const fs::path dir = fs::path(JINGWEN_SHARED) / "seeds";
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().filename().string().starts_with(number)) return ReadFile(entry.path());
  }
  return {};
}

#define SEED_OR_SKIP(var, number)                                                       \
  const std::string var = Seed(number);                                                 \
  if (var.empty()) GTEST_SKIP() << "seed " << number << " not found under " << JINGWEN_SHARED \
                                << "/seeds (set JINGWEN_SHARED_DIR)"

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The seed's body paragraphs: lines of 40+ bytes between the first line
// starting with `from` and the first containing `to`, without `skip_if`.
std::vector<std::string> BodyLines(std::string_view seed, std::string_view from, std::string_view to,
                                   std::string_view skip_if = "\x01") {
  std::vector<std::string> body;
  bool in = from.empty();
  for (const std::string& line : SplitLines(seed)) {
    if (!in) {
      in = line.starts_with(from);
      continue;
    }
    if (line.find(to) != std::string::npos) break;
    if (line.size() >= 40 && line.find(skip_if) == std::string::npos) body.push_back(line);
  }
  return body;
}

clean::Article CleanText(const std::string& text) {
  clean::Input input;
  input.bytes = text;
  input.plain_text = true;
  return clean::extract(input);
}

clean::Article CleanPage(const std::string& name) {
  const std::string html = ReadFile(fs::path(JINGWEN_TESTDATA) / "seeds" / name);
  EXPECT_FALSE(html.empty()) << name;
  clean::Input input;
  input.bytes = html;
  return clean::extract(input);
}

::testing::AssertionResult HasNone(const clean::Article& a, const std::vector<std::string_view>& noise) {
  const std::string text = a.title + "\n" + a.text();
  for (std::string_view n : noise) {
    if (text.find(n) != std::string::npos) {
      return ::testing::AssertionFailure() << "\"" << n << "\" is still in the article:\n" << text;
    }
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult KeepsAll(const clean::Article& a, const std::vector<std::string>& body) {
  if (body.empty()) return ::testing::AssertionFailure() << "no body lines found in the seed";
  for (const std::string& line : body) {
    bool found = false;
    for (const std::string& p : a.paragraphs) found = found || p == line;
    if (!found) return ::testing::AssertionFailure() << "body line lost: " << line;
  }
  if (a.paragraphs.size() != body.size()) {
    return ::testing::AssertionFailure() << a.paragraphs.size() << " paragraphs, expected " << body.size()
                                         << ":\n" << a.text();
  }
  return ::testing::AssertionSuccess();
}

std::string Field(const clean::Article& a, std::string_view key) {
  for (const auto& [k, v] : a.fields) {
    if (k == key) return v;
  }
  return {};
}

const std::vector<std::string_view> kNeteaseNoise = {
    "网易首页", "申请入驻", "分享至", "特别声明", "Notice:", "相关推荐", "热点推荐",
    "往期回顾", "专题推荐", "文章数", "关注度", "要闻", "无障碍浏览", "进入关怀版"};

TEST(Seeds, NeteaseNoiseGoesBodyStays) {
  SEED_OR_SKIP(seed, "000");
  const clean::Article a = CleanText(seed);
  EXPECT_TRUE(HasNone(a, kNeteaseNoise));
  EXPECT_TRUE(HasNone(a, {"来源:"}));  // the (来源:…) line became the source
  EXPECT_FALSE(a.source.empty());
  EXPECT_FALSE(a.title.empty());
  // Body: from the share widget to the source line.
  EXPECT_TRUE(KeepsAll(a, BodyLines(seed, "分享至", "(来源")));
}

TEST(Seeds, GovernmentSpamGoesFieldsMove) {
  SEED_OR_SKIP(seed, "001");
  const clean::Article a = CleanText(seed);
  EXPECT_EQ(a.spam_removed, 2);
  EXPECT_TRUE(HasNone(a, {"赌博", "365", "不给出款", "索引号", "组配分类", "公开范围"}));
  for (std::string_view key : {"索引号", "组配分类", "发布机构", "成文日期", "公开方式", "公开范围", "主题分类"}) {
    EXPECT_FALSE(Field(a, key).empty()) << key;
  }
  EXPECT_EQ(a.fields.size(), 7u);  // the table is printed twice; each field once
  // Every body line kept; the two that carried spam are kept minus the spam.
  EXPECT_TRUE(KeepsAll(a, [&] {
    std::vector<std::string> body = BodyLines(seed, "主题分类 | 教育 |", "\x01");
    for (std::string& line : body) {
      const auto spam = line.find("《英国");
      if (spam != std::string::npos) line.erase(spam + 3, line.find("365APP") + 6 - spam - 3);
    }
    return body;
  }()));
}

TEST(Seeds, SnapshotChromeGoesSourceIsTheOriginal) {
  SEED_OR_SKIP(seed, "002");
  const clean::Article a = CleanText(seed);
  EXPECT_TRUE(HasNone(a, {"类别:", "发布时间", "本文转自", "以上内容为资讯信息快照", "快照生成时间", "信息原文地址",
                          "更多关于", "我的订阅", "2023-10-16"}));
  EXPECT_TRUE(seed.find("本文转自:" + a.source) != std::string::npos) << a.source;
  EXPECT_TRUE(a.published.starts_with("2023-11-23")) << a.published;
  EXPECT_EQ(Field(a, "类别"), "教育");
  EXPECT_TRUE(KeepsAll(a, BodyLines(seed, "本文转自", "以上内容为资讯信息快照")));
}

TEST(Seeds, TraditionalWithPinyinAndSpamBecomesSimplified) {
  SEED_OR_SKIP(seed, "003");
  const clean::Article a = CleanText(seed);
  EXPECT_EQ(a.converted_from, "zh-Hant");
  EXPECT_GE(a.spam_removed, 1);
  EXPECT_TRUE(HasNone(a, kNeteaseNoise));
  EXPECT_TRUE(HasNone(a, {"|", "(wǎng)", "(yōu)", "(zhì)", "av", "网易首页"}));
  EXPECT_FALSE(clean::reads_traditional(clean::count_script(a.text())));
  EXPECT_EQ(a.paragraphs.size(), BodyLines(seed, "分享至", "來源").size()) << a.text();
}

// The same layouts as HTML pages written for these tests.

TEST(SeedLayouts, NeteaseDyPage) {
  const clean::Article a = CleanPage("netease-dy-layout.html");
  EXPECT_TRUE(HasNone(a, kNeteaseNoise));
  EXPECT_TRUE(HasNone(a, {"某县城突发暴雨", "教育时评", "2024-06-06", "岚溪县人民政府网站）"}));
  EXPECT_EQ(a.title, "溪口镇获评省级义务教育优质均衡示范镇");
  EXPECT_EQ(a.source, "岚溪县人民政府网站");
  EXPECT_TRUE(a.published.starts_with("2024-06-07")) << a.published;
  ASSERT_EQ(a.paragraphs.size(), 6u) << a.text();
  EXPECT_TRUE(a.paragraphs.front().starts_with("日前，省教育厅"));
  EXPECT_TRUE(a.paragraphs.back().ends_with("（记者陈雨 通讯员周航）"));  // the dateline stays
}

TEST(SeedLayouts, GovernmentOpenInfoPage) {
  const clean::Article a = CleanPage("gov-open-info-layout.html");
  EXPECT_EQ(a.spam_removed, 2);
  EXPECT_TRUE(HasNone(a, {"赌博", "365", "索引号", "字体", "打印本页", "关闭窗口", "主办单位", "网站标识码", "ICP"}));
  EXPECT_EQ(Field(a, "索引号"), "11330206001/2024-00017");
  EXPECT_EQ(Field(a, "发布机构"), "区教育局");
  EXPECT_EQ(Field(a, "主题分类"), "教育");
  EXPECT_EQ(a.title, "枫林区教育局2023年工作总结");
  ASSERT_EQ(a.paragraphs.size(), 8u) << a.text();
  EXPECT_NE(a.text().find("全年出台《“枫林优学”三年行动方案》等文件"), std::string::npos) << a.text();
  EXPECT_NE(a.text().find("制定发布《初中学校提质行动计划》"), std::string::npos) << a.text();
}

TEST(SeedLayouts, SnapshotAggregatorPage) {
  const clean::Article a = CleanPage("snapshot-layout.html");
  EXPECT_TRUE(HasNone(a, {"类别", "本文转自", "快照", "信息原文地址", "更多关于", "双选会", "2023-10-16"}));
  EXPECT_EQ(a.source, "江岚日报");
  EXPECT_TRUE(a.published.starts_with("2023-11-23")) << a.published;
  ASSERT_EQ(a.paragraphs.size(), 3u) << a.text();
  EXPECT_TRUE(a.paragraphs.front().starts_with("本报讯 (记者方可"));  // the dateline stays
}

TEST(SeedLayouts, TraditionalPinyinSpamPage) {
  const clean::Article a = CleanPage("traditional-pinyin-layout.html");
  EXPECT_EQ(a.converted_from, "zh-Hant");
  EXPECT_EQ(a.title, "桐溪县成功创建首批义务教育优质均衡县");
  EXPECT_EQ(a.source, "桐溪观察新闻客户端");
  EXPECT_EQ(a.author, "桐溪资讯");  // from <meta name="author">, converted too
  EXPECT_TRUE(HasNone(a, {"(chuàng)", "(wù)", "av", "|", "特别声明", "文章数", "专题推荐", "金台资讯"}));
  ASSERT_EQ(a.paragraphs.size(), 5u) << a.text();
  EXPECT_TRUE(a.paragraphs[0].starts_with("近日，桐溪县顺利通过首批义务教育优质均衡县创建评估"));
  EXPECT_TRUE(a.paragraphs[3].ends_with("(2023)"));      // not pinyin: stays
  EXPECT_TRUE(a.paragraphs[4].ends_with("(记者周文)"));  // not pinyin: stays
}

}  // namespace
