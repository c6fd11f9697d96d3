// Tests for daemon/record.h: the JSON and text forms of a spool record, its
// file name, and JSON string escaping of hostile text.
#include "daemon/record.h"

#include <gtest/gtest.h>

#include <string>

#include "daemon/digest.h"

namespace jingwend {
namespace {

Record sample_record() {
  Record r;
  r.url = "https://www.163.com/dy/article/J1ABC.html?spss=newsapp";
  r.final_url = "https://www.163.com/dy/article/J1ABC.html";
  r.feed = "netease-edu";
  r.article.title = "青溪县图书馆改造完工";
  r.article.published = "2024-11-20T10:30:00+08:00";
  r.article.source = "青溪日报";
  r.article.author = "林晓";
  r.article.fields = {{"索引号", "000-2024-001"}, {"发布机构", "青溪县文化和旅游局"}};
  r.article.paragraphs = {"新馆下月开放。", "阅览座位增加到八百个。"};
  r.article.lang = "zh";
  r.article.converted_from = "zh-Hant";
  r.article.spam_removed = 2;
  r.fetched_at = "2024-11-23T18:04:01Z";
  r.content_sha256 = sha256_hex(r.article.text());
  return r;
}

TEST(JsonQuote, PlainAndChineseTextPassThrough) {
  EXPECT_EQ(json_quote(""), "\"\"");
  EXPECT_EQ(json_quote("abc 123"), "\"abc 123\"");
  EXPECT_EQ(json_quote("净文：新馆开放“书香”"), "\"净文：新馆开放“书香”\"");
  EXPECT_EQ(json_quote("\xF0\x9F\x93\x9A"), "\"\xF0\x9F\x93\x9A\"");  // U+1F4DA, four bytes
}

TEST(JsonQuote, QuotesAndBackslashesAreEscaped) {
  EXPECT_EQ(json_quote("say \"hi\""), "\"say \\\"hi\\\"\"");
  EXPECT_EQ(json_quote("C:\\path"), "\"C:\\\\path\"");
  EXPECT_EQ(json_quote("a/b"), "\"a/b\"");  // '/' needs no escape
}

TEST(JsonQuote, ControlCharactersAreEscaped) {
  EXPECT_EQ(json_quote("a\nb\tc\rd\be\ff"), "\"a\\nb\\tc\\rd\\be\\ff\"");
  EXPECT_EQ(json_quote(std::string("x\0y", 3)), "\"x\\u0000y\"");
  EXPECT_EQ(json_quote("\x01\x1f\x7f"), "\"\\u0001\\u001f\\u007f\"");
  EXPECT_EQ(json_quote("\xC2\x85"), "\"\\u0085\"");            // C1 next-line
  EXPECT_EQ(json_quote("\xE2\x80\xA8|\xE2\x80\xA9"), "\"\\u2028|\\u2029\"");  // line/paragraph separators
  EXPECT_EQ(json_quote("\xC2\xA0"), "\"\xC2\xA0\"");           // NBSP is text, not control
}

TEST(JsonQuote, InvalidUtf8BecomesReplacementCharacters) {
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(json_quote("a\xFF" "b"), "\"a" + fffd + "b\"");            // never a lead byte
  EXPECT_EQ(json_quote("\x80"), "\"" + fffd + "\"");                   // lone continuation
  EXPECT_EQ(json_quote("\xC0\xAF"), "\"" + fffd + fffd + "\"");        // overlong '/'
  EXPECT_EQ(json_quote("\xED\xA0\x80"), "\"" + fffd + fffd + fffd + "\"");  // surrogate D800
  EXPECT_EQ(json_quote("\xF4\x90\x80\x80"), "\"" + fffd + fffd + fffd + fffd + "\"");  // > U+10FFFF
  // A truncated character is one replacement (its maximal subpart), and the
  // next character survives.
  EXPECT_EQ(json_quote("\xE5\x87" "A"), "\"" + fffd + "A\"");
  EXPECT_EQ(json_quote("净\xE6\x96"), "\"净" + fffd + "\"");  // truncated at the end
}

TEST(FormatRecord, JsonHasEveryFieldInOrder) {
  const Record r = sample_record();
  const std::string json = format_record(r, config::RecordFormat::kJson);
  const std::string expected =
      "{\n"
      "  \"url\": \"https://www.163.com/dy/article/J1ABC.html?spss=newsapp\",\n"
      "  \"final_url\": \"https://www.163.com/dy/article/J1ABC.html\",\n"
      "  \"feed\": \"netease-edu\",\n"
      "  \"title\": \"青溪县图书馆改造完工\",\n"
      "  \"published\": \"2024-11-20T10:30:00+08:00\",\n"
      "  \"source\": \"青溪日报\",\n"
      "  \"author\": \"林晓\",\n"
      "  \"fields\": {\"索引号\": \"000-2024-001\", \"发布机构\": \"青溪县文化和旅游局\"},\n"
      "  \"lang\": \"zh\",\n"
      "  \"converted_from\": \"zh-Hant\",\n"
      "  \"spam_removed\": 2,\n"
      "  \"fetched_at\": \"2024-11-23T18:04:01Z\",\n"
      "  \"content_sha256\": \"" + r.content_sha256 + "\",\n"
      "  \"text\": \"新馆下月开放。\\n阅览座位增加到八百个。\"\n"
      "}\n";
  EXPECT_EQ(json, expected);
}

TEST(FormatRecord, JsonFieldsKeepTheFirstOfARepeatedName) {
  Record r = sample_record();
  r.article.fields = {{"索引号", "A"}, {"成文日期", "2024-11-01"}, {"索引号", "B"}};
  const std::string json = format_record(r, config::RecordFormat::kJson);
  EXPECT_NE(json.find("\"fields\": {\"索引号\": \"A\", \"成文日期\": \"2024-11-01\"},\n"), std::string::npos)
      << json;
}

TEST(FormatRecord, JsonEscapesHostileValues) {
  Record r = sample_record();
  r.article.title = "\"quoted\"\n\xFF";
  const std::string json = format_record(r, config::RecordFormat::kJson);
  EXPECT_NE(json.find("  \"title\": \"\\\"quoted\\\"\\n\xEF\xBF\xBD\",\n"), std::string::npos) << json;
}

TEST(FormatRecord, EmptyArticleIsStillAnObject) {
  const std::string json = format_record(Record{}, config::RecordFormat::kJson);
  EXPECT_NE(json.find("  \"fields\": {},\n"), std::string::npos);
  EXPECT_NE(json.find("  \"text\": \"\"\n}\n"), std::string::npos);
}

TEST(FormatRecord, TxtIsHeadersBlankLineText) {
  const Record r = sample_record();
  const std::string txt = format_record(r, config::RecordFormat::kTxt);
  const std::string expected =
      "Url: https://www.163.com/dy/article/J1ABC.html?spss=newsapp\n"
      "Final-Url: https://www.163.com/dy/article/J1ABC.html\n"
      "Feed: netease-edu\n"
      "Title: 青溪县图书馆改造完工\n"
      "Published: 2024-11-20T10:30:00+08:00\n"
      "Source: 青溪日报\n"
      "Author: 林晓\n"
      "Field: 索引号=000-2024-001\n"
      "Field: 发布机构=青溪县文化和旅游局\n"
      "Lang: zh\n"
      "Converted-From: zh-Hant\n"
      "Spam-Removed: 2\n"
      "Fetched-At: 2024-11-23T18:04:01Z\n"
      "Content-Sha256: " + r.content_sha256 + "\n"
      "\n"
      "新馆下月开放。\n阅览座位增加到八百个。\n";
  EXPECT_EQ(txt, expected);
}

TEST(FormatRecord, TxtHeaderValuesCannotSplitTheHeader) {
  Record r = sample_record();
  r.article.title = "第一行\r\nX-Injected: yes";
  r.article.fields = {{"来源\n", "A\rB"}};
  const std::string txt = format_record(r, config::RecordFormat::kTxt);
  EXPECT_NE(txt.find("Title: 第一行  X-Injected: yes\n"), std::string::npos) << txt;
  EXPECT_NE(txt.find("Field: 来源 =A B\n"), std::string::npos) << txt;
  EXPECT_EQ(txt.find("\nX-Injected"), std::string::npos);
}

TEST(RecordName, IsUrlKeyHashDashContentHashDotFormat) {
  const std::string content = sha256_hex("正文");
  const std::string json_name = record_name("https://www.163.com/a.html", content, config::RecordFormat::kJson);
  EXPECT_EQ(json_name, sha256_hex("https://www.163.com/a.html").substr(0, 16) + "-" + content.substr(0, 16) + ".json");
  EXPECT_EQ(json_name.size(), 16u + 1 + 16 + 5);
  const std::string txt_name = record_name("https://www.163.com/a.html", content, config::RecordFormat::kTxt);
  EXPECT_EQ(txt_name, json_name.substr(0, 33) + ".txt");
}

TEST(RecordName, SameInputsSameNameOtherContentOtherName) {
  const std::string a = sha256_hex("正文一");
  const std::string b = sha256_hex("正文二");
  EXPECT_EQ(record_name("k", a, config::RecordFormat::kJson), record_name("k", a, config::RecordFormat::kJson));
  EXPECT_NE(record_name("k", a, config::RecordFormat::kJson), record_name("k", b, config::RecordFormat::kJson));
  EXPECT_NE(record_name("k1", a, config::RecordFormat::kJson), record_name("k2", a, config::RecordFormat::kJson));
}

}  // namespace
}  // namespace jingwend
