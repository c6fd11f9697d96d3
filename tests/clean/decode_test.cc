// Tests for stage 1, decode: which evidence picks the charset, that the text
// comes out right, and that no input yields anything but valid UTF-8.
#include "clean/decode.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace clean {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// Sentences of the Chinese fixtures (written for these tests; see the
// fixture names for the byte encodings).
constexpr std::string_view kArticleStart = "今天上午，市图书馆举办了一场关于古籍修复的公开讲座。";
constexpr std::string_view kArticleEnd = "活动持续两个小时，现场座无虚席。";
constexpr std::string_view kTitle = "古籍修复公开讲座";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string fixture(std::string_view name) {
  const fs::path path = fs::path(JINGWEN_TESTDATA) / "decode" / name;
  std::string bytes = read_file(path);
  EXPECT_FALSE(bytes.empty()) << "missing fixture " << path;
  return bytes;
}

// Strict UTF-8 check (no overlongs, surrogates or code points past U+10FFFF),
// written apart from decode.cc's so the two do not share a bug.
bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    int extra = 0;
    char32_t cp = 0;
    if (b < 0x80) {
      ++i;
      continue;
    } else if ((b & 0xE0) == 0xC0) {
      extra = 1;
      cp = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      extra = 2;
      cp = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      extra = 3;
      cp = b & 0x07;
    } else {
      return false;
    }
    if (s.size() - i <= static_cast<std::size_t>(extra)) return false;  // cut short
    for (int k = 1; k <= extra; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    constexpr char32_t kMinForLength[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

// The string value of "key" in a flat JSON object, or "" when absent. Enough
// for the corpus .json files (the value holds no escaped quotes); std::regex
// would do too, but GCC 12 warns inside it under -O2/sanitizers.
std::string json_string_field(std::string_view json, std::string_view key) {
  const std::string quoted_key = "\"" + std::string(key) + "\"";
  const std::size_t key_at = json.find(quoted_key);
  if (key_at == std::string_view::npos) return "";
  const std::size_t colon = json.find_first_not_of(" \t\r\n", key_at + quoted_key.size());
  if (colon == std::string_view::npos || json[colon] != ':') return "";
  const std::size_t open = json.find_first_not_of(" \t\r\n", colon + 1);
  if (open == std::string_view::npos || json[open] != '"') return "";
  const std::size_t close = json.find('"', open + 1);
  if (close == std::string_view::npos) return "";
  return std::string(json.substr(open + 1, close - open - 1));
}

std::size_t count(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t pos = haystack.find(needle); pos != std::string_view::npos;
       pos = haystack.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

// GBK bytes of 中文 and 测试, for pages built inline.
constexpr std::string_view kGbkZhongWen = "\xD6\xD0\xCE\xC4";
constexpr std::string_view kGbkCeShi = "\xB2\xE2\xCA\xD4";

// ---------------------------------------------------------------------------
// canonical_charset

TEST(CanonicalCharset, GbLabelsAreGb18030) {
  for (std::string_view label : {"gb2312", "GB2312", "gbk", "GBK", "x-gbk", "cp936", "gb_2312-80",
                                 "gb18030", "GB18030", "chinese", "csgb2312", "euc-cn"}) {
    EXPECT_EQ(canonical_charset(label), "gb18030") << label;
  }
}

TEST(CanonicalCharset, Big5LabelsAreBig5Hkscs) {
  for (std::string_view label :
       {"big5", "BIG5", "big5-hkscs", "Big5-HKSCS", "x-x-big5", "cn-big5", "csbig5"}) {
    EXPECT_EQ(canonical_charset(label), "big5-hkscs") << label;
  }
}

TEST(CanonicalCharset, Utf8Labels) {
  for (std::string_view label : {"utf-8", "UTF-8", "utf8", "Utf8", "unicode-1-1-utf-8"}) {
    EXPECT_EQ(canonical_charset(label), "utf-8") << label;
  }
}

TEST(CanonicalCharset, LatinAndAsciiLabelsAreWindows1252) {
  for (std::string_view label :
       {"iso-8859-1", "ISO-8859-1", "latin1", "us-ascii", "ascii", "windows-1252", "cp1252"}) {
    EXPECT_EQ(canonical_charset(label), "windows-1252") << label;
  }
}

TEST(CanonicalCharset, ToleratesSpacesQuotesAndTrailingSlash) {
  EXPECT_EQ(canonical_charset("  gbk "), "gb18030");
  EXPECT_EQ(canonical_charset("\"gb2312\""), "gb18030");
  EXPECT_EQ(canonical_charset("'big5'"), "big5-hkscs");
  EXPECT_EQ(canonical_charset("gbk/"), "gb18030");
}

TEST(CanonicalCharset, OtherCharsetsIcuKnowsGetTheirPublicName) {
  EXPECT_EQ(canonical_charset("EUC-KR"), "euc-kr");
  EXPECT_EQ(canonical_charset("shift_jis"), "shift_jis");
  EXPECT_EQ(canonical_charset("koi8-r"), "koi8-r");
  EXPECT_EQ(canonical_charset("UTF-16LE"), "utf-16le");
}

TEST(CanonicalCharset, UnknownLabelsAreEmpty) {
  EXPECT_EQ(canonical_charset("x-no-such-charset"), "");
  EXPECT_EQ(canonical_charset(""), "");
  EXPECT_EQ(canonical_charset("   "), "");
  EXPECT_EQ(canonical_charset("text/html"), "");
  EXPECT_EQ(canonical_charset("gbk\0junk"s), "");
}

// ---------------------------------------------------------------------------
// Evidence order: BOM, HTTP, meta, UTF-8 validity, detector, default.

TEST(Decode, Utf8BomWinsOverMetaAndIsRemoved) {
  const Decoded d = decode(fixture("utf8-bom-meta-gbk.html"), "");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.how, "bom");
  EXPECT_TRUE(d.text.starts_with("<!DOCTYPE html>")) << d.text.substr(0, 20);
  EXPECT_NE(d.text.find(kArticleStart), std::string::npos);
}

TEST(Decode, Utf16LeBom) {
  const Decoded d = decode(fixture("utf16le-bom.html"), "gbk");
  EXPECT_EQ(d.charset, "utf-16le");
  EXPECT_EQ(d.how, "bom");
  EXPECT_TRUE(d.text.starts_with("<!DOCTYPE html>"));  // BOM gone, no U+FEFF left
  EXPECT_NE(d.text.find(kArticleStart), std::string::npos);
  EXPECT_NE(d.text.find(kArticleEnd), std::string::npos);
}

TEST(Decode, Utf16BeBom) {
  const Decoded d = decode(fixture("utf16be-bom.html"), "");
  EXPECT_EQ(d.charset, "utf-16be");
  EXPECT_EQ(d.how, "bom");
  EXPECT_TRUE(d.text.starts_with("<!DOCTYPE html>"));
  EXPECT_NE(d.text.find(kTitle), std::string::npos);
}

TEST(Decode, HttpLabelWinsOverMeta) {
  const Decoded d = decode(fixture("gbk-http-label-meta-big5.html"), "GBK");
  EXPECT_EQ(d.charset, "gb18030");
  EXPECT_EQ(d.how, "http");
  EXPECT_NE(d.text.find(kArticleStart), std::string::npos);
  EXPECT_EQ(count(d.text, kReplacement), 0u);
}

TEST(Decode, GbkBytesUnderAWrongUtf8HeaderFollowTheMeta) {
  const std::string bytes = fixture("gbk-meta-after-1024.html");
  const Decoded d = decode(bytes, "utf-8");
  EXPECT_EQ(d.charset, "gb18030");
  EXPECT_EQ(d.how, "meta");
  EXPECT_NE(d.text.find(kArticleStart), std::string::npos);
  EXPECT_EQ(count(d.text, kReplacement), 0u);
}

TEST(Decode, BadBytesUnderAUtf8HeaderWithoutAPageLabelStayUtf8) {
  const std::string bytes = "<html><body><p>" + std::string(kGbkZhongWen) + "</p></body></html>";
  const Decoded d = decode(bytes, "utf-8");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.how, "http");
  EXPECT_GT(count(d.text, kReplacement), 0u);
}

TEST(Decode, HttpContentTypeValueIsNotALabel) {
  // The caller passes the charset parameter, not the whole header; a whole
  // header is an unknown label and the page's own evidence decides.
  const Decoded d = decode(fixture("gbk-meta-after-1024.html"), "text/html; charset=big5");
  EXPECT_EQ(d.charset, "gb18030");
  EXPECT_EQ(d.how, "meta");
}

TEST(Decode, Big5HttpLabelDecodesHkscsCharacters) {
  const Decoded d = decode(fixture("big5-http-label.html"), "big5");
  EXPECT_EQ(d.charset, "big5-hkscs");
  EXPECT_EQ(d.how, "http");
  EXPECT_NE(d.text.find("港鐵公司表示"), std::string::npos);
  EXPECT_NE(d.text.find("新的\U000282E2將於"), std::string::npos) << "HKSCS 𨋢 lost";
  EXPECT_EQ(count(d.text, kReplacement), 0u);
}

TEST(Decode, MetaAfter1024Bytes) {
  const std::string bytes = fixture("gbk-meta-after-1024.html");
  ASSERT_GT(bytes.find("charset=gb2312"), 1024u);
  const Decoded d = decode(bytes, "");
  EXPECT_EQ(d.charset, "gb18030");
  EXPECT_EQ(d.how, "meta");
  EXPECT_NE(d.text.find(kTitle), std::string::npos);
  EXPECT_NE(d.text.find(kArticleEnd), std::string::npos);
}

TEST(Decode, MetaAfter32KiBIsStillFound) {
  const std::string filler = "<script>var x = 1;</script>\n";
  std::string bytes = "<html><head>";
  while (bytes.size() < 40 * 1024) bytes += filler;
  bytes += "<meta charset=\"gbk\"></head><body><p>";
  bytes += kGbkZhongWen;
  bytes += "</p></body></html>";
  const Decoded d = decode(bytes, "");
  EXPECT_EQ(d.charset, "gb18030");
  EXPECT_EQ(d.how, "meta");
  EXPECT_NE(d.text.find("<p>中文</p>"), std::string::npos);
}

TEST(Decode, MetaPast64KiBIsIgnored) {
  std::string bytes = "<html><head><style>";
  bytes.append(70 * 1024, ' ');
  bytes += "</style><meta charset=\"big5\"></head><body>plain ascii</body></html>";
  const Decoded d = decode(bytes, "");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.how, "default");
}

TEST(Decode, MetaSpellings) {
  const std::string body = std::string("</head><body>") + std::string(kGbkZhongWen) + "</body>";
  const std::vector<std::string> heads = {
      "<meta charset=\"gb2312\">",
      "<META CHARSET=GB2312>",
      "<meta charset = 'gbk' />",
      "<meta charset=gbk/>",
      "<meta\tcharset=\" gbk \">",
      "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
      "<meta http-equiv=content-type content=\"text/html;charset=GBK\" />",
      "<meta content=\"text/html; charset=gb2312\" http-equiv=\"Content-Type\">",
      "<META HTTP-EQUIV=\"CONTENT-TYPE\" CONTENT=\"TEXT/HTML; CHARSET = 'gbk'\">",
      "<meta content=\"text/html; charset=gbk\">",  // no http-equiv, nothing else either
      "<meta charset=\"x-no-such-charset\"><meta charset=\"gbk\">",  // first usable wins
  };
  for (const std::string& head : heads) {
    const Decoded d = decode("<html><head>" + head + body, "");
    EXPECT_EQ(d.charset, "gb18030") << head;
    EXPECT_EQ(d.how, "meta") << head;
    EXPECT_NE(d.text.find("中文"), std::string::npos) << head;
  }
}

TEST(Decode, MetaLookalikesAreIgnored) {
  const std::vector<std::string> heads = {
      "<!-- <meta charset=\"big5\"> -->",
      "<meta name=\"description\" content=\"charset=big5 explained\">",
      "<metadata charset=\"big5\">",
      "<meta property=\"og:description\" content=\"text/html; charset=big5\">",
      "<meta http-equiv=\"refresh\" content=\"5; charset=big5\">",
      "<meta charset=\"x-no-such-charset\">",
  };
  for (const std::string& head : heads) {
    const Decoded d = decode("<html><head>" + head + "</head><body>ascii only</body></html>", "");
    EXPECT_EQ(d.charset, "utf-8") << head;
    EXPECT_EQ(d.how, "default") << head;
  }
}

TEST(Decode, MetaUtf16OrUtf32MeansUtf8) {
  for (std::string_view label : {"utf-16", "UTF-16LE", "utf-32"}) {
    const Decoded d = decode("<meta charset=\"" + std::string(label) + "\"><p>中文测试</p>", "");
    EXPECT_EQ(d.charset, "utf-8") << label;
    EXPECT_EQ(d.how, "meta") << label;
    EXPECT_NE(d.text.find("<p>中文测试</p>"), std::string::npos) << label;
  }
}

TEST(Decode, UnknownMetaLabelFallsThroughToDetection) {
  const Decoded d = decode(fixture("unknown-meta-label-gbk.html"), "");
  EXPECT_EQ(d.charset, "gb18030");
  EXPECT_EQ(d.how, "detected");
  EXPECT_NE(d.text.find(kArticleStart), std::string::npos);
}

TEST(Decode, UnknownHttpLabelFallsThroughToMeta) {
  const Decoded d = decode(fixture("gbk-meta-after-1024.html"), "x-no-such-charset");
  EXPECT_EQ(d.charset, "gb18030");
  EXPECT_EQ(d.how, "meta");
}

TEST(Decode, UnlabelledGbkIsDetected) {
  const Decoded d = decode(fixture("gbk-no-label.html"), "");
  EXPECT_EQ(d.charset, "gb18030");
  EXPECT_EQ(d.how, "detected");
  EXPECT_NE(d.text.find(kArticleEnd), std::string::npos);
}

// The detector sees only the first 2,048 non-ASCII bytes (decode.cc); the
// page has more, behind an ASCII script, and all of it is decoded.
TEST(Decode, UnlabelledBig5IsDetectedFromItsFirstText) {
  const std::string bytes = fixture("big5-no-label-long.html");
  ASSERT_GT(std::count_if(bytes.begin(), bytes.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }),
            2048);
  const Decoded d = decode(bytes, "");
  EXPECT_EQ(d.charset, "big5-hkscs");
  EXPECT_EQ(d.how, "detected");
  EXPECT_NE(d.text.find("<p>本市交通局今日公佈新一輪公車路線調整方案"), std::string::npos);
  EXPECT_NE(d.text.find("<p>全文完。</p>"), std::string::npos);
}

TEST(Decode, LatinLabelMeansWindows1252) {
  const Decoded d = decode(fixture("windows-1252-labelled-latin1.html"), "");
  EXPECT_EQ(d.charset, "windows-1252");
  EXPECT_EQ(d.how, "meta");
  EXPECT_NE(d.text.find("The café’s “special” lunch — only €5"), std::string::npos);
}

// ---------------------------------------------------------------------------
// UTF-8 bytes against labels.

TEST(Decode, Utf8BytesLabelledGb2312AreUtf8) {
  const Decoded d = decode(fixture("utf8-labelled-gb2312.html"), "");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.how, "valid-utf8");
  EXPECT_NE(d.text.find(kArticleStart), std::string::npos);
}

TEST(Decode, Utf8BytesOverruleAnHttpLabelToo) {
  const Decoded d = decode(fixture("utf8-labelled-gb2312.html"), "big5");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.how, "valid-utf8");
  EXPECT_NE(d.text.find(kTitle), std::string::npos);
}

TEST(Decode, AFewUtf8CharactersDoNotOverruleALabel) {
  // Narrowed rule: a handful of GBK characters can form valid UTF-8 by
  // chance, so fewer than eight non-ASCII characters leave the label in
  // charge. "你好" in UTF-8 read as GB18030 is "浣犲ソ".
  const Decoded d = decode("<meta charset=\"gbk\"><p>你好</p>", "");
  EXPECT_EQ(d.charset, "gb18030");
  EXPECT_EQ(d.how, "meta");
  EXPECT_NE(d.text.find("浣犲ソ"), std::string::npos);
}

TEST(Decode, UnlabelledUtf8IsSettledBeforeTheDetector) {
  const Decoded d = decode("<p>中文</p>", "");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.how, "valid-utf8");
  EXPECT_EQ(d.text, "<p>中文</p>");
}

TEST(Decode, Utf8CutMidCharacterStaysUtf8) {
  std::string bytes = "<p>一二三四五六七八九十</p>中";
  bytes.pop_back();  // a download cut inside the last character
  const Decoded d = decode(bytes, "");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_TRUE(d.text.starts_with("<p>一二三四五六七八九十</p>"));
  EXPECT_TRUE(d.text.ends_with(kReplacement));
  EXPECT_TRUE(is_valid_utf8(d.text));
}

// ---------------------------------------------------------------------------
// The XML declaration: feeds' own label, at the level of <meta>.

// A GBK RSS feed that names its charset only in the XML declaration, as
// Chinese CMSs write them: 市政府信息公开 and 关于开展春季植树活动的通知.
const std::string kGbkRss =
    "<?xml version=\"1.0\" encoding=\"gb2312\"?>\n<rss version=\"2.0\"><channel><title>"
    "\xCA\xD0\xD5\xFE\xB8\xAE\xD0\xC5\xCF\xA2\xB9\xAB\xBF\xAA"
    "</title><item><title>"
    "\xB9\xD8\xD3\xDA\xBF\xAA\xD5\xB9\xB4\xBA\xBC\xBE\xD6\xB2\xCA\xF7\xBB\xEE\xB6\xAF\xB5\xC4\xCD"
    "\xA8\xD6\xAA"
    "</title><link>http://www.example.gov.cn/a.html</link></item></channel></rss>";

TEST(DecodeXmlDeclaration, GbkRssDeclaredOnlyThere) {
  const Decoded d = decode(kGbkRss, "");
  EXPECT_EQ(d.charset, "gb18030");
  EXPECT_EQ(d.how, "xml");
  EXPECT_NE(d.text.find("<title>市政府信息公开</title>"), std::string::npos) << d.text;
  EXPECT_NE(d.text.find("关于开展春季植树活动的通知"), std::string::npos);
  EXPECT_EQ(count(d.text, kReplacement), 0u);
}

TEST(DecodeXmlDeclaration, Spellings) {
  const std::string body =
      "<rss><channel><title>" + std::string(kGbkZhongWen) + "</title></channel></rss>";
  for (const std::string& declaration : {
           "<?xml version=\"1.0\" encoding=\"GBK\"?>"s,
           "<?xml version='1.0' encoding='gb2312' standalone='yes'?>"s,
           "\n\n  <?xml version=\"1.0\" encoding = \"gbk\" ?>"s,  // sloppy generators
           "<?xml\tencoding=\"gb18030\"?>"s,
       }) {
    const Decoded d = decode(declaration + body, "");
    EXPECT_EQ(d.charset, "gb18030") << declaration;
    EXPECT_EQ(d.how, "xml") << declaration;
    EXPECT_NE(d.text.find("<title>中文</title>"), std::string::npos) << declaration;
  }
}

TEST(DecodeXmlDeclaration, Utf8Declaration) {
  const Decoded d =
      decode("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><title>中文</title></rss>", "");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.how, "xml");
  EXPECT_NE(d.text.find("<title>中文</title>"), std::string::npos);
}

TEST(DecodeXmlDeclaration, LyingAboutValidUtf8FollowsTheValidUtf8Rule) {
  // Re-saved as UTF-8, still declaring gb2312: the bytes win, as for <meta>.
  const Decoded d = decode(
      "<?xml version=\"1.0\" "
      "encoding=\"gb2312\"?><rss><title>关于开展春季植树活动的通知</title></rss>",
      "");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.how, "valid-utf8");
  EXPECT_NE(d.text.find("关于开展春季植树活动的通知"), std::string::npos);
  // Narrowed as for <meta>: two characters are not proof.
  const Decoded few = decode("<?xml version=\"1.0\" encoding=\"gbk\"?><title>你好</title>", "");
  EXPECT_EQ(few.charset, "gb18030");
  EXPECT_EQ(few.how, "xml");
}

TEST(DecodeXmlDeclaration, HttpAndBomStillWin) {
  // (A utf-8 header on bytes that are not UTF-8 loses to the declaration:
  // Decode.GbkBytesUnderAWrongUtf8HeaderFollowTheMeta.)
  const Decoded http = decode(kGbkRss, "big5");
  EXPECT_EQ(http.charset, "big5-hkscs");
  EXPECT_EQ(http.how, "http");
  const Decoded bom = decode("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"gbk\"?><t>中文</t>", "");
  EXPECT_EQ(bom.charset, "utf-8");
  EXPECT_EQ(bom.how, "bom");
}

TEST(DecodeXmlDeclaration, ComesBeforeALaterMeta) {
  const Decoded d = decode(
      "<?xml version=\"1.0\" encoding=\"gbk\"?><html><head><meta charset=\"big5\">"
      "</head><body>" +
          std::string(kGbkZhongWen) + "</body></html>",
      "");
  EXPECT_EQ(d.charset, "gb18030");
  EXPECT_EQ(d.how, "xml");
}

TEST(DecodeXmlDeclaration, Utf16DeclarationOnAsciiReadableBytesMeansUtf8) {
  const Decoded d = decode("<?xml version=\"1.0\" encoding=\"UTF-16\"?><t>中文测试</t>", "");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.how, "xml");
}

TEST(DecodeXmlDeclaration, LookalikesAreIgnored) {
  for (const std::string& head : {
           "<?xml version=\"1.0\"?>"s,                                 // no encoding
           "<?xml-stylesheet type=\"text/xsl\" encoding=\"big5\"?>"s,  // another PI
           "<rss><?xml version=\"1.0\" encoding=\"big5\"?>"s,          // not at the start
           "<?xml version=\"1.0\" encoding=\"x-no-such-charset\"?>"s,  // unknown label
           "<?xml version=\"1.0\" encoding=\"big5\""s,                 // never closed
       }) {
    const Decoded d = decode(head + "<t>ascii only</t>", "");
    EXPECT_EQ(d.charset, "utf-8") << head;
    EXPECT_EQ(d.how, "default") << head;
  }
}

TEST(DecodeXmlDeclaration, UnknownLabelFallsThroughToMeta) {
  const Decoded d = decode(
      "<?xml version=\"1.0\" encoding=\"x-no-such\"?><html><head><meta charset=\"gbk\">"
      "</head><body>" +
          std::string(kGbkZhongWen) + "</body></html>",
      "");
  EXPECT_EQ(d.charset, "gb18030");
  EXPECT_EQ(d.how, "meta");
}

// ---------------------------------------------------------------------------
// Invalid bytes become U+FFFD on every path.

TEST(InvalidBytes, Gb18030ViaMeta) {
  const Decoded d = decode(fixture("invalid-gb18030-bytes.html"), "");
  EXPECT_EQ(d.charset, "gb18030");
  EXPECT_EQ(d.how, "meta");
  EXPECT_TRUE(is_valid_utf8(d.text));
  EXPECT_GE(count(d.text, kReplacement), 3u);  // 0xFF, 0x81 before a space, cut-off 0xD6
  EXPECT_NE(d.text.find("公开" + std::string(kReplacement) + "讲座"), std::string::npos);
  EXPECT_NE(d.text.find("显微镜"), std::string::npos);
  EXPECT_NE(d.text.find(kArticleEnd), std::string::npos);
  EXPECT_TRUE(d.text.ends_with(kReplacement));
}

TEST(InvalidBytes, Utf8ViaMeta) {
  const Decoded d = decode(fixture("invalid-utf8-bytes.html"), "");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.how, "meta");
  EXPECT_TRUE(is_valid_utf8(d.text));
  EXPECT_GE(count(d.text, kReplacement), 3u);
  EXPECT_NE(d.text.find(kArticleEnd), std::string::npos);
  EXPECT_EQ(d.text.find("\xC0\xAF"), std::string::npos);
}

TEST(InvalidBytes, Big5ViaHttp) {
  // 中文 in Big5 around a lone 0x80 and a lead byte followed by a newline.
  const Decoded d = decode("<p>\xA4\xA4\x80\xA4\xE5\xA4\n</p>", "big5");
  EXPECT_EQ(d.charset, "big5-hkscs");
  EXPECT_EQ(d.how, "http");
  EXPECT_TRUE(is_valid_utf8(d.text));
  EXPECT_NE(d.text.find("中" + std::string(kReplacement) + "文"), std::string::npos) << d.text;
  EXPECT_EQ(count(d.text, kReplacement), 2u) << d.text;
  EXPECT_NE(d.text.find("\n</p>"), std::string::npos);  // the ASCII after the bad pair survives
}

TEST(InvalidBytes, Windows1252UnassignedBytesBecomeC1Controls) {
  // windows-1252 has no invalid bytes: its five holes map to U+0081.. as in
  // WHATWG's index, and never to ICU's one-byte substitute U+001A.
  const Decoded d = decode("caf\xE9 \x81\x8D\x8F\x90\x9D end", "windows-1252");
  EXPECT_EQ(d.charset, "windows-1252");
  EXPECT_EQ(d.text, "café \u0081\u008D\u008F\u0090\u009D end");
}

TEST(InvalidBytes, Utf16LoneSurrogateAndOddByte) {
  // BOM, "中", a lone high surrogate, "文", then half a code unit.
  const std::string bytes("\xFF\xFE\x2D\x4E\x00\xD8\x87\x65\x41", 9);
  const Decoded d = decode(bytes, "");
  EXPECT_EQ(d.charset, "utf-16le");
  EXPECT_EQ(d.how, "bom");
  EXPECT_TRUE(is_valid_utf8(d.text));
  EXPECT_TRUE(d.text.starts_with("中" + std::string(kReplacement) + "文")) << d.text;
}

TEST(InvalidBytes, Utf8BomWithInvalidBody) {
  const Decoded d = decode("\xEF\xBB\xBF中\xFF文", "");
  EXPECT_EQ(d.how, "bom");
  EXPECT_EQ(d.text, "中" + std::string(kReplacement) + "文");
}

TEST(InvalidBytes, GbkViaDetection) {
  std::string bytes = fixture("gbk-no-label.html");
  bytes.insert(bytes.find("</p>"), "\xFF\xFF");
  const Decoded d = decode(bytes, "");
  EXPECT_EQ(d.charset, "gb18030");
  EXPECT_EQ(d.how, "detected");
  EXPECT_TRUE(is_valid_utf8(d.text));
  EXPECT_EQ(count(d.text, kReplacement), 2u);
  EXPECT_NE(d.text.find(kArticleEnd), std::string::npos);
}

TEST(InvalidBytes, EveryLabelOnGarbage) {
  std::mt19937 random(20240611);  // fixed seed: the same bytes every run
  std::string garbage(64 * 1024, '\0');
  for (char& c : garbage) c = static_cast<char>(random() & 0xFF);
  for (std::string_view label : {"", "utf-8", "gbk", "big5", "utf-16le", "utf-16be", "windows-1252",
                                 "shift_jis", "euc-kr", "x-no-such-charset"}) {
    const Decoded d = decode(garbage, label);
    EXPECT_TRUE(is_valid_utf8(d.text)) << label;
    EXPECT_FALSE(d.text.empty()) << label;
    EXPECT_FALSE(d.charset.empty()) << label;
    EXPECT_NE(d.how, "error") << label;
  }
}

// ---------------------------------------------------------------------------
// Edges.

TEST(Decode, EmptyInput) {
  const Decoded d = decode("", "");
  EXPECT_EQ(d.text, "");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.how, "default");

  const Decoded labelled = decode("", "gbk");
  EXPECT_EQ(labelled.text, "");
  EXPECT_EQ(labelled.charset, "gb18030");
  EXPECT_EQ(labelled.how, "http");

  const Decoded bom_only = decode("\xFF\xFE", "");
  EXPECT_EQ(bom_only.text, "");
  EXPECT_EQ(bom_only.charset, "utf-16le");
}

TEST(Decode, PlainAsciiDefaultsToUtf8) {
  const Decoded d = decode("<html><body>Hello, world.</body></html>", "");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.how, "default");
  EXPECT_EQ(d.text, "<html><body>Hello, world.</body></html>");
}

TEST(Decode, NulBytesAreKeptAndDoNotTruncate) {
  const std::string utf8 = "<p>中文\0测试</p>"s;
  ASSERT_EQ(utf8.size(), 20u);
  const Decoded d = decode(utf8, "");
  EXPECT_EQ(d.text, utf8);
  EXPECT_EQ(d.charset, "utf-8");

  const std::string gbk =
      "<p>" + std::string(kGbkZhongWen) + std::string(1, '\0') + std::string(kGbkCeShi) + "</p>";
  const Decoded g = decode(gbk, "gbk");
  EXPECT_EQ(g.charset, "gb18030");
  EXPECT_EQ(g.text, "<p>中文\0测试</p>"s);
}

TEST(Decode, LargeGbkInput) {
  const std::string page = fixture("gbk-meta-after-1024.html");
  const std::size_t body_at = page.find("<body>");
  ASSERT_NE(body_at, std::string::npos);
  std::string bytes = page.substr(0, body_at + 6);
  const std::string paragraph =
      "<p>" + std::string(kGbkZhongWen) + std::string(kGbkCeShi) + "\xA1\xA3</p>\n";  // 中文测试。
  std::size_t paragraphs = 0;
  while (bytes.size() < 3 * 1024 * 1024 / 2) {
    bytes += paragraph;
    ++paragraphs;
  }
  const Decoded d = decode(bytes, "");
  EXPECT_EQ(d.charset, "gb18030");
  EXPECT_EQ(d.how, "meta");
  EXPECT_EQ(count(d.text, "<p>中文测试。</p>"), paragraphs);
  EXPECT_EQ(count(d.text, kReplacement), 0u);
}

TEST(Decode, LargeUtf8InputIsCopiedWhole) {
  std::string bytes = "<meta charset=\"gb2312\">";
  while (bytes.size() < 2 * 1024 * 1024) bytes += "<p>中文测试，第二段。</p>\n";
  const Decoded d = decode(bytes, "");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.how, "valid-utf8");
  EXPECT_EQ(d.text, bytes);
}

TEST(Decode, ConcurrentCallsAgree) {
  const std::vector<std::string> pages = {
      fixture("gbk-meta-after-1024.html"), fixture("big5-http-label.html"),
      fixture("utf16le-bom.html"), fixture("unknown-meta-label-gbk.html"),
      fixture("invalid-gb18030-bytes.html")};
  std::vector<Decoded> expected;
  for (const std::string& page : pages) expected.push_back(decode(page, ""));
  std::vector<int> mismatches(8, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < mismatches.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        for (std::size_t i = 0; i < pages.size(); ++i) {
          const Decoded d = decode(pages[i], "");
          if (d.text != expected[i].text || d.charset != expected[i].charset) ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

// ---------------------------------------------------------------------------
// The shared corpus: every page's charset must match its .json "charset".

TEST(DecodeCorpus, ChosenCharsetMatchesTruth) {
  const fs::path corpus = fs::path(JINGWEN_SHARED) / "corpus";
  if (!fs::is_directory(corpus)) {
    GTEST_SKIP() << "corpus not found at " << corpus << " (set JINGWEN_SHARED_DIR)";
  }
  int pages = 0;
  int agree = 0;
  for (const auto& source : fs::directory_iterator(corpus)) {
    if (!source.is_directory()) continue;
    for (const auto& entry : fs::directory_iterator(source.path())) {
      if (entry.path().extension() != ".html") continue;
      fs::path json_path = entry.path();
      json_path.replace_extension(".json");
      const std::string truth = json_string_field(read_file(json_path), "charset");
      ASSERT_FALSE(truth.empty()) << "no \"charset\" in " << json_path;
      const Decoded d = decode(read_file(entry.path()), "");
      ++pages;
      EXPECT_TRUE(is_valid_utf8(d.text)) << entry.path();
      if (d.charset == truth) {
        ++agree;
      } else {
        ADD_FAILURE() << entry.path().filename() << ": truth " << truth << ", decoded as "
                      << d.charset << " (" << d.how << ")";
      }
    }
  }
  EXPECT_GT(pages, 0);
  EXPECT_EQ(agree, pages);
}

}  // namespace
}  // namespace clean
