// Hostile and broken input through clean::extract(): every case must return
// (no crash, no throw, no hang) and the result must mean something: either
// the article text we can still expect, or an empty article that says why.
// Pages are generated here, so the sizes are exact and nothing big is checked in.
// No timings are asserted; speed belongs in bench/.
#include <cstddef>
#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "tests/clean/test_util.h"

#include "clean/clean.h"

namespace {

clean::Article Clean(std::string_view bytes, const std::string& http_charset = "",
                   const clean::Options& options = {}) {
  clean::Input input;
  input.bytes = bytes;
  input.http_charset = http_charset;
  return clean::extract(input, options);
}

std::string Dump(const clean::Article& a) {
  std::ostringstream out;
  out << "\n--- " << a.paragraphs.size() << " paragraphs, charset=" << a.charset << "\n";
  for (std::size_t i = 0; i < a.paragraphs.size() && i < 20; ++i) {
    out << "[" << i << "] " << a.paragraphs[i].substr(0, 300) << "\n";
  }
  out << "--- reasons:";
  for (const auto& r : a.reasons) out << " {" << r << "}";
  return out.str();
}

// What every result must satisfy, whatever the input: all strings valid
// UTF-8 without NUL bytes, no empty paragraphs, and an empty article carries
// at least one non-empty reason.
::testing::AssertionResult WellFormed(const clean::Article& a) {
  auto check = [](std::string_view s, const char* what) -> ::testing::AssertionResult {
    if (!clean_test::ValidUtf8(s)) return ::testing::AssertionFailure() << what << " is not valid UTF-8";
    if (s.find('\0') != std::string_view::npos) return ::testing::AssertionFailure() << what << " holds a NUL byte";
    return ::testing::AssertionSuccess();
  };
  for (std::size_t i = 0; i < a.paragraphs.size(); ++i) {
    if (a.paragraphs[i].empty()) return ::testing::AssertionFailure() << "paragraph " << i << " is empty";
    if (auto r = check(a.paragraphs[i], "a paragraph"); !r) return r << " (paragraph " << i << ")";
  }
  for (const auto* s : {&a.title, &a.published, &a.source, &a.author, &a.lang, &a.charset}) {
    if (auto r = check(*s, "a metadata field"); !r) return r;
  }
  for (const auto& [k, v] : a.fields) {
    if (auto r = check(k, "a field name"); !r) return r;
    if (auto r = check(v, "a field value"); !r) return r;
  }
  if (a.empty()) {
    if (a.reasons.empty()) return ::testing::AssertionFailure() << "empty article without a reason";
    for (const auto& r : a.reasons) {
      if (r.empty()) return ::testing::AssertionFailure() << "an empty reason string";
    }
  }
  return ::testing::AssertionSuccess();
}

// The article holds `needle` somewhere in its body.
::testing::AssertionResult Contains(const clean::Article& a, std::string_view needle) {
  if (a.text().find(needle) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "body lacks \"" << needle << "\"" << Dump(a);
}

::testing::AssertionResult EmptyWithReason(const clean::Article& a) {
  if (!a.empty()) return ::testing::AssertionFailure() << "expected no article" << Dump(a);
  if (a.reasons.empty()) return ::testing::AssertionFailure() << "empty article without a reason";
  return ::testing::AssertionSuccess();
}

// A plain, clearly article-shaped paragraph; `n` keeps every one distinct.
std::string Paragraph(int n) {
  return "<p>这是第" + std::to_string(n) +
         "段正文，今天的会议讨论了城市公园的维护计划，大家一致同意在春季前完成步道修整。"
         "会后，工作人员把意见整理成文，送到了各个街道。</p>\n";
}

constexpr std::string_view kHead =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>公园维护计划</title></head><body>"
    "<div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/news/\">新闻</a></div>"
    "<div class=\"article\"><h1>公园维护计划</h1>\n";
// The same without a title or heading: nothing but what the test adds.
constexpr std::string_view kBareHead =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body>"
    "<div class=\"article\">\n";
constexpr std::string_view kTail = "</div><div class=\"footer\">版权所有 示例网站</div></body></html>\n";

std::string ArticlePage(int paragraphs) {
  std::string page(kHead);
  for (int i = 1; i <= paragraphs; ++i) page += Paragraph(i);
  page += kTail;
  return page;
}

std::string RandomBytes(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(byte(rng));
  return s;
}

// ---------------------------------------------------------------------------

TEST(BadInput, EmptyInput) {
  const auto a = Clean("");
  EXPECT_TRUE(EmptyWithReason(a));
  EXPECT_TRUE(WellFormed(a));
}

TEST(BadInput, WhitespaceOnly) {
  const auto a = Clean(" \n\t\r\n   \n");
  EXPECT_TRUE(EmptyWithReason(a));
  EXPECT_TRUE(WellFormed(a));
}

TEST(BadInput, EmptyDocumentSkeleton) {
  const auto a = Clean("<!DOCTYPE html><html><head><title></title></head><body></body></html>");
  EXPECT_TRUE(EmptyWithReason(a));
  EXPECT_TRUE(WellFormed(a));
}

TEST(BadInput, ZeroByteBudgetReadsNothing) {
  clean::Options options;
  options.max_input_bytes = 0;
  const auto a = Clean(ArticlePage(10), "", options);
  EXPECT_TRUE(EmptyWithReason(a));
}

TEST(BadInput, BinaryGarbage) {
  // Fixed seeds: the same bytes on every run. Random bytes are not an article,
  // but whatever comes back must be well-formed, and if it is empty, say why.
  for (std::uint32_t seed : {1u, 7u, 42u, 1234u, 99991u}) {
    for (std::size_t size : {std::size_t{1}, std::size_t{17}, std::size_t{4096}, std::size_t{1} << 20}) {
      SCOPED_TRACE("seed " + std::to_string(seed) + " size " + std::to_string(size));
      const std::string bytes = RandomBytes(size, seed);
      const auto a = Clean(bytes);
      EXPECT_TRUE(WellFormed(a)) << Dump(a);
    }
  }
}

TEST(BadInput, BinaryGarbageUnderEachCharsetLabel) {
  const std::string bytes = RandomBytes(256 * 1024, 20240611u);
  for (const char* label : {"utf-8", "gbk", "gb2312", "gb18030", "big5", "shift_jis", "euc-jp",
                            "utf-16le", "utf-16be", "iso-8859-1", "x-user-defined", "no-such-charset"}) {
    SCOPED_TRACE(label);
    const auto via_http = Clean(bytes, label);
    EXPECT_TRUE(WellFormed(via_http)) << Dump(via_http);
    const std::string page = std::string("<html><head><meta charset=\"") + label + "\"></head><body>" +
                             bytes + "</body></html>";
    const auto via_meta = Clean(page);
    EXPECT_TRUE(WellFormed(via_meta)) << Dump(via_meta);
  }
}

TEST(BadInput, GarbageAroundARealArticle) {
  // Random bytes before and after a real article: the article survives.
  const std::string page = RandomBytes(3000, 5u) + ArticlePage(8) + RandomBytes(3000, 6u);
  const auto a = Clean(page, "utf-8");
  EXPECT_TRUE(WellFormed(a)) << Dump(a);
  EXPECT_TRUE(Contains(a, "这是第1段正文，"));
  EXPECT_TRUE(Contains(a, "这是第8段正文，"));
}

TEST(BadInput, NulBytesInsideHtml) {
  using namespace std::string_literals;
  std::string page(kHead);
  page += Paragraph(1);
  page += "<p>第二段里藏着空字符\0，但这句话的其余部分应当保留下来，读者照样能看懂。</p>\n"s;
  page += "<p\0 class=\"x\0y\">第三段的标签里有空字符，段落本身依然完整可读，没有受到影响。</p>\n"s;
  page += "\0\0\0\0"s;
  page += Paragraph(4);
  page += Paragraph(5);
  page += kTail;
  ASSERT_NE(page.find('\0'), std::string::npos);

  for (bool with_meta : {true, false}) {
    SCOPED_TRACE(with_meta ? "with <meta charset>" : "without <meta charset>");
    std::string bytes = page;
    if (!with_meta) bytes.replace(bytes.find("<meta charset=\"utf-8\">"), 22, "");
    const auto a = Clean(bytes);
    ASSERT_FALSE(a.empty()) << Dump(a);
    EXPECT_TRUE(WellFormed(a)) << Dump(a);
    EXPECT_TRUE(Contains(a, "这是第1段正文，"));
    EXPECT_TRUE(Contains(a, "第二段里藏着空字符"));
    EXPECT_TRUE(Contains(a, "但这句话的其余部分应当保留下来，读者照样能看懂。"));
    EXPECT_TRUE(Contains(a, "第三段的标签里有空字符，段落本身依然完整可读，没有受到影响。"));
    EXPECT_TRUE(Contains(a, "这是第5段正文，"));
  }
}

TEST(BadInput, Utf16WithBomHasNulsEverywhere) {
  // A UTF-16LE page: every ASCII byte is followed by NUL. The BOM decides.
  const std::string utf8 = ArticlePage(6);
  std::string bytes = "\xFF\xFE";
  for (std::size_t i = 0; i < utf8.size();) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    char32_t cp;
    if (b < 0x80) { cp = b; i += 1; }
    else if (b < 0xE0) { cp = ((b & 0x1F) << 6) | (utf8[i + 1] & 0x3F); i += 2; }
    else { cp = ((b & 0x0F) << 12) | ((utf8[i + 1] & 0x3F) << 6) | (utf8[i + 2] & 0x3F); i += 3; }
    bytes += static_cast<char>(cp & 0xFF);
    bytes += static_cast<char>(cp >> 8);
  }
  const auto a = Clean(bytes);
  ASSERT_FALSE(a.empty()) << Dump(a);
  EXPECT_TRUE(WellFormed(a)) << Dump(a);
  EXPECT_TRUE(Contains(a, "这是第1段正文，今天的会议讨论了城市公园的维护计划"));
  EXPECT_TRUE(Contains(a, "这是第6段正文，"));
}

TEST(BadInput, FiftyMebibytePageIsCutAtTheBudget) {
  // Bigger than the default 32 MiB max_input_bytes: the first part is read
  // and cleaned, the rest is not, and the article notes the cut.
  constexpr std::size_t kSize = std::size_t{50} << 20;
  constexpr std::string_view kLast = "这是全文的最后一段，它位于五十兆字节之后，不应被读到。";
  std::string page(kHead);
  page.reserve(kSize + 4096);
  int n = 0;
  while (page.size() < kSize) page += Paragraph(++n);
  page += "<p>";
  page += kLast;
  page += "</p>\n";
  page += kTail;
  ASSERT_GT(page.size(), clean::Options{}.max_input_bytes);

  const auto a = Clean(page);
  ASSERT_FALSE(a.empty()) << Dump(a);
  EXPECT_TRUE(WellFormed(a)) << Dump(a);
  EXPECT_TRUE(Contains(a, "这是第1段正文，"));
  EXPECT_TRUE(Contains(a, "这是第1000段正文，"));
  EXPECT_GT(a.paragraphs.size(), 1000u);
  EXPECT_EQ(a.text().find(kLast), std::string::npos) << "bytes past max_input_bytes were read";
  EXPECT_EQ(a.text().find("这是第" + std::to_string(n) + "段正文"), std::string::npos);
  EXPECT_FALSE(a.reasons.empty()) << "the cut must be noted in reasons";
}

std::string NestedDivs(int depth) {
  std::string page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>";
  page.reserve(static_cast<std::size_t>(depth) * 11 + 4096);
  for (int i = 0; i < depth; ++i) page += "<div>";
  page += Paragraph(1) + Paragraph(2) + Paragraph(3);
  for (int i = 0; i < depth; ++i) page += "</div>";
  page += "</body></html>";
  return page;
}

// Gumbo's tree builder is quadratic in nesting depth (100,000 divs take
// ~50 s in Gumbo alone); until the parse stage cuts nesting before Gumbo
// sees the page (open work), the suite runs 10,000.
TEST(BadInput, TenThousandNestedDivs) {
  const auto a = Clean(NestedDivs(10000));
  ASSERT_FALSE(a.empty()) << "text below the depth limit is flattened, not lost" << Dump(a);
  EXPECT_TRUE(WellFormed(a)) << Dump(a);
  EXPECT_TRUE(Contains(a, "这是第1段正文，今天的会议讨论了城市公园的维护计划"));
  EXPECT_TRUE(Contains(a, "这是第3段正文，"));
}

TEST(BadInput, NestingDeeperThanATinyMaxDepthKeepsItsText) {
  clean::Options options;
  options.max_depth = 3;
  const auto a = Clean(NestedDivs(1000), "", options);
  ASSERT_FALSE(a.empty()) << Dump(a);
  EXPECT_TRUE(WellFormed(a)) << Dump(a);
  EXPECT_TRUE(Contains(a, "这是第1段正文，"));
  EXPECT_TRUE(Contains(a, "这是第3段正文，"));
}

TEST(BadInput, HundredThousandNestedInlineElements) {
  constexpr int kDepth = 100000;
  std::string page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><div class=\"article\">";
  for (int i = 0; i < kDepth; ++i) page += "<span>";
  page += Paragraph(1) + Paragraph(2) + Paragraph(3);
  page += "</div></body></html>";  // the spans are never closed
  const auto a = Clean(page);
  ASSERT_FALSE(a.empty()) << Dump(a);
  EXPECT_TRUE(WellFormed(a)) << Dump(a);
  EXPECT_TRUE(Contains(a, "这是第2段正文，"));
}

TEST(BadInput, TenMegabyteTextNode) {
  constexpr std::string_view kSentence = "这是一个非常长的文本节点，其中的句子不断重复，中间没有任何标签。";
  std::string page(kHead);
  page += "<p>";
  const std::size_t start = page.size();
  while (page.size() - start < 10'000'000) page += kSentence;
  page += "</p>\n";
  page += kTail;

  const auto a = Clean(page);
  ASSERT_FALSE(a.empty()) << Dump(a);
  EXPECT_TRUE(WellFormed(a)) << Dump(a);
  EXPECT_TRUE(Contains(a, kSentence));
}

TEST(BadInput, UnterminatedCommentSwallowsTheRest) {
  // Per HTML, everything after an unclosed "<!--" is comment: no article.
  const std::string page = std::string(kBareHead) + "<!-- 注释没有结束\n" + Paragraph(1) + Paragraph(2) +
                           Paragraph(3) + std::string(kTail);
  const auto a = Clean(page);
  EXPECT_TRUE(EmptyWithReason(a));
  EXPECT_TRUE(WellFormed(a));
}

TEST(BadInput, UnterminatedScriptSwallowsTheRest) {
  const std::string page = std::string(kBareHead) + "<script>var s = '" + Paragraph(1) + Paragraph(2) +
                           Paragraph(3) + std::string(kTail);
  const auto a = Clean(page);
  EXPECT_TRUE(EmptyWithReason(a));
  EXPECT_TRUE(WellFormed(a));
}

TEST(BadInput, TruncatedMidTag) {
  std::string page = std::string(kHead) + Paragraph(1) + Paragraph(2) + Paragraph(3) + Paragraph(4);
  page += "<p class=\"unfinished";  // the download stopped here
  const auto a = Clean(page);
  ASSERT_FALSE(a.empty()) << Dump(a);
  EXPECT_TRUE(WellFormed(a)) << Dump(a);
  EXPECT_TRUE(Contains(a, "这是第4段正文，"));
}

// ---------------------------------------------------------------------------
// Invalid bytes under each charset label. Each page is real text in that
// encoding with invalid sequences between (and inside) the sentences; the
// sentences away from the bad bytes must come out intact, as UTF-8, whether
// the label arrives in <meta charset> or in the HTTP header.

struct CharsetCase {
  const char* label;
  std::vector<std::string> sentences;  // encoded in `label`
  std::vector<std::string> expected;   // the same sentences, UTF-8, that must appear
  std::vector<std::string> invalid;    // invalid byte sequences for this encoding
};

std::vector<CharsetCase> CharsetCases() {
  std::vector<CharsetCase> cases;
  cases.push_back({
      "utf-8",
      {"这是一段合法的文字，后面跟着几个坏字节。", "坏字节之后的句子应当完好无损地保留下来。",
       "第三句话用来确认解码器没有丢掉后面的内容。", "最后一句话说明整页都被读完了。"},
      {"这是一段合法的文字，后面跟着几个坏字节。", "坏字节之后的句子应当完好无损地保留下来。",
       "第三句话用来确认解码器没有丢掉后面的内容。", "最后一句话说明整页都被读完了。"},
      // stray continuation, bad trail, truncated 3-byte, surrogate, overlong, 5-byte, 0xFF
      {"\x80", "\xC3\x28", "\xE4\xB8 ", "\xED\xA0\x80", "\xC0\xAF", "\xF8\x88\x80\x80\x80", "\xFF\xFE"},
  });
  cases.push_back({
      "gbk",
      {// GBK bytes (generated with Python's codec) for the expected sentences below.
       "\275\361\304\352\264\272\314\354\243\254\272\323\261\337\265\304\301\370\312\367\261\310\315\371\304\352\302\314\265\303\324\347\322\273\320\251\241\243",
       "\264\345\300\357\265\304\300\317\310\313\313\265\243\254\325\342\312\307\322\273\270\366\272\303\304\352\276\260\265\304\277\252\312\274\241\243",
       "\320\241\321\247\303\305\277\332\320\302\277\252\301\313\322\273\274\322\316\304\276\337\265\352\243\254\265\352\326\367\312\307\322\273\316\273\270\325\261\317\322\265\265\304\264\363\321\247\311\372\241\243",
       "\303\277\265\275\260\370\315\355\243\254\271\343\263\241\311\317\327\334\323\320\310\313\314\370\316\350\243\254\322\262\323\320\310\313\260\262\276\262\265\330\327\370\327\305\277\264\315\355\317\274\241\243"},
      {"今年春天，河边的柳树比往年绿得早一些。", "村里的老人说，这是一个好年景的开始。",
       "小学门口新开了一家文具店，店主是一位刚毕业的大学生。",
       "每到傍晚，广场上总有人跳舞，也有人安静地坐着看晚霞。"},
      // 0x80 and 0xFF are never valid; a lead byte before a space or another bad byte
      {"\x80", "\xFF", "\x81 ", "\xFE\xFF", "\xA1\x7F "},
  });
  cases.push_back({
      "big5",
      {// Big5 bytes; the first three sentences use only characters that are
       // the same in Traditional and Simplified, so script conversion cannot
       // change them. Note the trail bytes 0x5C '\' and 0x7C '|' in ASCII range.
       "\254K\244\321\252\272\246\255\244W\241A\244s\244U\246\263\244@\244\371\252\341\245\320\241C",
       "\256L\244\321\252\272\251]\261\337\241A\244\321\244W\252\272\254P\254P\253\334\246h\241C",
       "\254\356\244\321\252\272\244\244\244\310\241A\244j\256a\244@\246P\245h\244s\244W\254\335\252\341\241C",
       // 這是一個關於小鎮的故事，鎮上的人們每天早上都會到河邊散步。
       "\263o\254O\244@\255\323\303\366\251\363\244p\302\355\252\272\254G\250\306\241A\302\355\244W\252\272\244H\255\314\250C\244\321\246\255\244W\263\243\267|\250\354\252e\303\344\264\262\250B\241C"},
      {"春天的早上，山下有一片花田。", "夏天的夜晚，天上的星星很多。", "秋天的中午，大家一同去山上看花。"},
      {"\x80", "\xFF", "\xA4 ", "\xA4\x20", "\xC8\x30 "},
  });
  cases.push_back({
      "shift_jis",
      {// Shift_JIS bytes; the first three sentences are unchanged by t2s conversion.
       "\202\261\202\352\202\315\216R\202\314\217\343\202\311\202\240\202\351\217\254\202\263\202\310\222\254\202\305\202\267\201B",
       "\217t\202\311\202\310\202\351\202\306\201A\211\324\202\252\202\275\202\255\202\263\202\361\215\347\202\253\202\334\202\267\201B",
       "\216q\202\307\202\340\202\275\202\277\202\315\220\354\202\314\213\337\202\255\202\305\211\314\202\242\202\334\202\267\201B",
       // 冬の朝は空気が冷たくて、山がよく見えます。
       "\223~\202\314\222\251\202\315\213\363\213C\202\252\227\342\202\275\202\255\202\304\201A\216R\202\252\202\346\202\255\214\251\202\246\202\334\202\267\201B"},
      {"これは山の上にある小さな町です。", "春になると、花がたくさん咲きます。", "子どもたちは川の近くで歌います。"},
      {"\xFF", "\xFD", "\x81 ", "\xA0", "\x85\x20 "},
  });
  return cases;
}

// <p> per sentence pair, with invalid bytes between and after the sentences,
// plus invalid bytes in an attribute value.
std::string CharsetPage(const CharsetCase& c, bool meta_label) {
  std::string page = "<!DOCTYPE html><html><head>";
  if (meta_label) page += std::string("<meta charset=\"") + c.label + "\">";
  page += "<title>test</title></head><body><div class=\"article\" data-x=\"";
  page += c.invalid[0];
  page += "\">\n";
  std::size_t bad = 0;
  for (int round = 0; round < 3; ++round) {  // three times over: enough text to be an article
    for (const auto& s : c.sentences) {
      page += "<p>";
      page += s;
      page += " ";
      page += c.invalid[bad++ % c.invalid.size()];
      page += " ";
      page += s;
      page += "</p>\n";
    }
  }
  page += "</div></body></html>\n";
  return page;
}

TEST(BadInput, InvalidBytesUnderEachCharsetLabel) {
  for (const auto& c : CharsetCases()) {
    for (int how = 0; how < 3; ++how) {
      const bool meta = how != 1;
      const std::string http = how >= 1 ? c.label : "";
      SCOPED_TRACE(std::string(c.label) + (meta ? " meta" : "") + (http.empty() ? "" : " http"));
      const std::string page = CharsetPage(c, meta);
      const auto a = Clean(page, http);
      ASSERT_FALSE(a.empty()) << Dump(a);
      EXPECT_TRUE(WellFormed(a)) << Dump(a);
      for (const auto& s : c.expected) EXPECT_TRUE(Contains(a, s));
    }
  }
}

TEST(BadInput, UnknownCharsetLabelFallsBack) {
  // A label no converter knows must not lose a UTF-8 page.
  std::string page = ArticlePage(6);
  page.replace(page.find("utf-8"), 5, "x-no-such-charset");
  for (const std::string http : {"", "x-no-such-charset", "\xFF\xFE", "utf-8\"; garbage"}) {
    SCOPED_TRACE(http);
    const auto a = Clean(page, http);
    ASSERT_FALSE(a.empty()) << Dump(a);
    EXPECT_TRUE(WellFormed(a)) << Dump(a);
    EXPECT_TRUE(Contains(a, "这是第1段正文，"));
    EXPECT_TRUE(Contains(a, "这是第6段正文，"));
  }
}

}  // namespace
