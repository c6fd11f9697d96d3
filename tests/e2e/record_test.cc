// The record formats: a JSON object with every field the spec lists, equal
// to what the cleaner makes of the page; or `Key: value` headers, a blank
// line and the text.
#include <regex>

#include "clean/clean.h"
#include "tests/e2e/e2e_test.h"

namespace e2e {
namespace {

constexpr const char* kNeteasePath = "/netease/a/1.html";
constexpr const char* kGovPath = "/gov/art/t20240301_31.html";

class RecordTest : public E2eTest {
 protected:
  void SetUp() override {
    put_netease(kNeteasePath, park_story());
    put_gov(kGovPath, irrigation_notice(), irrigation_info());
    serve_feed(server, "/rss.xml",
               rss_feed("混合", url("/"), {entry(kNeteasePath, park_story()), entry(kGovPath, irrigation_notice())}));
    config.feeds = {rss_spec("mixed", "/rss.xml")};
  }

  // What the cleaner makes of the page the server sends for `path`.
  clean::Article cleaned(const std::string& path, const std::string& html) const {
    clean::Input input;
    input.bytes = html;
    input.url = url(path);
    input.http_charset = "utf-8";
    return clean::extract(input);
  }
};

TEST_F(RecordTest, JsonRecordsHoldTheCleanArticleAndItsMetadata) {
  auto run = run_once("run");
  ASSERT_TRUE(ExitedWith(*run, 0)) << StatusOf(*run) << "\n" << DaemonLog(*run);
  const std::vector<SpoolRecord> records = new_records();
  ASSERT_EQ(records.size(), 2u) << DaemonLog(*run);

  const std::pair<std::string, std::string> pages[] = {{kNeteasePath, netease_page(park_story())},
                                                       {kGovPath, gov_page(irrigation_notice(), irrigation_info())}};
  for (const auto& [path, html] : pages) {
    SCOPED_TRACE(path);
    const SpoolRecord* r = find_record(records, url(path));
    ASSERT_NE(r, nullptr);
    const bool gov = path == kGovPath;
    ExpectStoryRecord(*r, url(path), "mixed", gov ? irrigation_notice() : park_story(), gov ? gov_chrome() : netease_chrome());
    const clean::Article want = cleaned(path, html);
    ASSERT_FALSE(want.empty());
    EXPECT_EQ(r->str("title"), want.title);
    EXPECT_EQ(r->str("published"), want.published);
    EXPECT_EQ(r->str("source"), want.source);
    EXPECT_EQ(r->str("author"), want.author);
    EXPECT_EQ(r->str("lang"), want.lang);
    EXPECT_EQ(r->str("converted_from"), want.converted_from);
    EXPECT_EQ(r->json->find("spam_removed")->number, want.spam_removed);
    // fields: an object in page order.
    const Json& fields = *r->json->find("fields");
    ASSERT_EQ(fields.object.size(), want.fields.size());
    for (std::size_t i = 0; i < want.fields.size(); ++i) {
      EXPECT_EQ(fields.object[i].first, want.fields[i].first);
      ASSERT_TRUE(fields.object[i].second.is_string());
      EXPECT_EQ(fields.object[i].second.string, want.fields[i].second);
    }
  }
  // The gov page's open-information table became fields, and its date the
  // published time.
  const SpoolRecord* gov = find_record(records, url(kGovPath));
  const Json* publisher = gov->json->find("fields")->find("发布机构");
  ASSERT_NE(publisher, nullptr) << gov->bytes;
  EXPECT_EQ(publisher->string, "青溪区农业农村局");
  EXPECT_TRUE(gov->str("published").starts_with("2024-03-01")) << gov->str("published");
  EXPECT_TRUE(find_record(records, url(kNeteasePath))->str("published").starts_with("2024-03-05T09:30"));
}

TEST_F(RecordTest, TxtRecordsAreHeadersABlankLineAndTheText) {
  config.format = "txt";
  auto run = run_once("run");
  ASSERT_TRUE(ExitedWith(*run, 0)) << StatusOf(*run) << "\n" << DaemonLog(*run);
  const std::vector<SpoolRecord> records = new_records();
  ASSERT_EQ(records.size(), 2u) << DaemonLog(*run);

  const std::pair<std::string, const Story*> pages[] = {{kNeteasePath, &park_story()}, {kGovPath, &irrigation_notice()}};
  for (const auto& [path, story] : pages) {
    SCOPED_TRACE(path);
    const SpoolRecord* r = nullptr;
    for (const SpoolRecord& candidate : records) {
      if (candidate.name == expected_record_name(url(path), story->text(), ".txt")) r = &candidate;
    }
    ASSERT_NE(r, nullptr) << "no " << expected_record_name(url(path), story->text(), ".txt") << " among "
                          << testing::PrintToString(sandbox.new_files());
    std::string error;
    const auto txt = parse_txt_record(r->bytes, &error);
    ASSERT_TRUE(txt) << error << "\n" << r->bytes;
    EXPECT_EQ(txt->header("Url"), url(path));
    EXPECT_EQ(txt->header("Feed"), "mixed");
    EXPECT_EQ(txt->header("Title"), story->title);
    EXPECT_EQ(txt->body, story->text() + "\n") << "the text, then one newline";
    for (const auto& [key, value] : txt->headers) {
      EXPECT_TRUE(std::regex_match(key, std::regex("[A-Z][A-Za-z0-9-]*"))) << key;
      EXPECT_EQ(value.find('\r'), std::string::npos);
    }
  }
  // The gov page's fields are `Field: name=value` headers.
  std::string error;
  for (const SpoolRecord& r : records) {
    const auto txt = parse_txt_record(r.bytes, &error);
    ASSERT_TRUE(txt);
    if (txt->header("Url") != url(kGovPath)) continue;
    bool found = false;
    for (const auto& [key, value] : txt->headers) found = found || (key == "Field" && value == "发布机构=青溪区农业农村局");
    EXPECT_TRUE(found) << r.bytes;
  }
}

}  // namespace
}  // namespace e2e
