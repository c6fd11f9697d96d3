#include "clean/script.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "clean/opencc.h"

namespace clean {
namespace {

// Sentences written for these tests, each in both scripts.
constexpr char kLibraryHant[] =
    "今年秋天，這座城市的圖書館會開放到晚上十點，讓學生們在考試前有更多時間讀書。"
    "館長說，這項計畫已經過議會討論。";
constexpr char kLibraryHans[] =
    "今年秋天，这座城市的图书馆会开放到晚上十点，让学生们在考试前有更多时间读书。"
    "馆长说，这项计划已经过议会讨论。";
constexpr char kMouseHant[] = "我的滑鼠壞了，只好重新安裝軟體，再用網路下載驅動程式。";

ScriptResult convert_one(std::string& text, std::string_view config) {
  std::string* texts[] = {&text};
  return convert_if_traditional(texts, config);
}

TEST(ScriptMarkTable, MarksCharactersOfOneScriptOnly) {
  EXPECT_EQ(script_mark(U'們'), ScriptMark::kTraditional);
  EXPECT_EQ(script_mark(U'们'), ScriptMark::kSimplified);
  EXPECT_EQ(script_mark(U'中'), ScriptMark::kNone);
  EXPECT_EQ(script_mark(U'a'), ScriptMark::kNone);
  // Simplified forms that Traditional also writes (皇后, 公里) say nothing.
  EXPECT_EQ(script_mark(U'后'), ScriptMark::kNone);
  EXPECT_EQ(script_mark(U'里'), ScriptMark::kNone);
}

TEST(ScriptDetect, TraditionalParagraph) {
  const ScriptCounts counts = count_script(kLibraryHant);
  EXPECT_GE(counts.traditional, 10);
  EXPECT_EQ(counts.simplified, 0);
  EXPECT_TRUE(reads_traditional(counts));
}

TEST(ScriptDetect, SimplifiedParagraph) {
  const ScriptCounts counts = count_script(kLibraryHans);
  EXPECT_EQ(counts.traditional, 0);
  EXPECT_GE(counts.simplified, 10);
  EXPECT_FALSE(reads_traditional(counts));
}

TEST(ScriptDetect, HongKongTextWithAFewSimplifiedCharactersIsTraditional) {
  // 开 and 让 slipped into Traditional text, as on Hong Kong portals.
  const ScriptCounts counts = count_script(
      "本港天文台表示，颱風將於明日早上登陸，學校會停課一天，开放時間另行通知。"
      "政府呼籲市民留在室內，并让長者避免外出。");
  EXPECT_GE(counts.simplified, 2);
  EXPECT_TRUE(reads_traditional(counts));
}

TEST(ScriptDetect, SimplifiedTextQuotingATraditionalTitleIsSimplified) {
  const ScriptCounts counts =
      count_script("记者昨天在香港书展看到，《蘋果日報》的旧刊仍然吸引不少读者，"
                   "许多人说这是一段难忘的回忆。");
  EXPECT_GE(counts.traditional, 1);
  EXPECT_FALSE(reads_traditional(counts));
}

TEST(ScriptDetect, EnglishAndEmptyAreNotTraditional) {
  EXPECT_FALSE(reads_traditional(count_script("The library opens until ten tonight.")));
  const ScriptCounts empty = count_script("");
  EXPECT_EQ(empty.traditional, 0);
  EXPECT_EQ(empty.simplified, 0);
  EXPECT_FALSE(reads_traditional(empty));
}

TEST(ScriptDetect, TooFewMarksAreNotTraditional) {
  EXPECT_FALSE(reads_traditional(count_script("學會")));  // 2 < kMinTraditionalMarks
}

TEST(ScriptConvert, TraditionalParagraphBecomesSimplified) {
  std::string text = kLibraryHant;
  const ScriptResult result = convert_one(text, "t2s");
  EXPECT_TRUE(result.converted);
  EXPECT_EQ(result.from, "zh-Hant");
  EXPECT_EQ(result.error, "");
  EXPECT_EQ(text, kLibraryHans);
}

TEST(ScriptConvert, TextsAreJudgedTogetherAndAllConverted) {
  // The title alone has too few marks; with the body it reads as Traditional.
  std::string title = "學會";
  std::string body = kLibraryHant;
  std::string* texts[] = {&title, nullptr, &body};
  EXPECT_TRUE(convert_if_traditional(texts, "t2s.json").converted);
  EXPECT_EQ(title, "学会");
  EXPECT_EQ(body, kLibraryHans);
}

TEST(ScriptConvert, TaiwanPhrasesConfigDiffersFromPlainT2s) {
  std::string plain = kMouseHant;
  std::string taiwan = kMouseHant;
  EXPECT_TRUE(convert_one(plain, "t2s").converted);
  EXPECT_TRUE(convert_one(taiwan, "tw2sp").converted);
  EXPECT_EQ(plain, "我的滑鼠坏了，只好重新安装软体，再用网路下载驱动程式。");
  EXPECT_EQ(taiwan, "我的鼠标坏了，只好重新安装软件，再用网络下载驱动程序。");
}

TEST(ScriptConvert, PathLikeConfigIsRefusedAndTextUntouched) {
  std::string text = kLibraryHant;
  const ScriptResult result = convert_one(text, "../../etc/passwd");
  EXPECT_FALSE(result.converted);
  EXPECT_EQ(result.from, "");
  EXPECT_NE(result.error.find("../../etc/passwd"), std::string::npos) << result.error;
  EXPECT_EQ(text, kLibraryHant);
}

TEST(ScriptConvert, MissingConfigIsAnErrorNamingItAndTextUntouched) {
  std::string text = kLibraryHant;
  const ScriptResult result = convert_one(text, "nope");
  EXPECT_FALSE(result.converted);
  EXPECT_NE(result.error.find("\"nope\""), std::string::npos) << result.error;
  EXPECT_EQ(text, kLibraryHant);
  // Asked again (now from the cache of failures): the same answer.
  EXPECT_EQ(convert_one(text, "nope").error, result.error);
}

TEST(ScriptConvert, SimplifiedTextNeverLoadsOpencc) {
  // A config that cannot load proves OpenCC was not needed.
  std::string text = kLibraryHans;
  const ScriptResult result = convert_one(text, "nope");
  EXPECT_FALSE(result.converted);
  EXPECT_EQ(result.error, "");
  EXPECT_EQ(text, kLibraryHans);
}

TEST(ScriptConvert, ConcurrentConversionsAgree) {
  constexpr int kThreads = 8;
  constexpr int kRounds = 50;
  const std::string input = std::string(kLibraryHant) + kMouseHant;
  const std::string want =
      std::string(kLibraryHans) + "我的滑鼠坏了，只好重新安装软体，再用网路下载驱动程式。";
  std::vector<int> wrong(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int r = 0; r < kRounds; ++r) {
        std::string text = input;
        // Half the threads spell the config differently: still one shared load.
        const ScriptResult result = convert_one(text, t % 2 == 0 ? "t2s" : "t2s.json");
        if (!result.converted || text != want) ++wrong[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(wrong[t], 0) << "thread " << t;
}

TEST(ScriptOpencc, AcceptsOnlyBareConfigNames) {
  EXPECT_TRUE(is_valid_opencc_config("t2s"));
  EXPECT_TRUE(is_valid_opencc_config("t2s.json"));
  EXPECT_TRUE(is_valid_opencc_config("tw2sp"));
  EXPECT_TRUE(is_valid_opencc_config("my_t2s-2"));
  EXPECT_FALSE(is_valid_opencc_config(""));
  EXPECT_FALSE(is_valid_opencc_config(".json"));
  EXPECT_FALSE(is_valid_opencc_config("T2S"));
  EXPECT_FALSE(is_valid_opencc_config("../t2s"));
  EXPECT_FALSE(is_valid_opencc_config("/usr/share/opencc/t2s.json"));
  EXPECT_FALSE(is_valid_opencc_config("t2s.json.json"));
  EXPECT_FALSE(is_valid_opencc_config(std::string("t2s\0x", 5)));
  EXPECT_FALSE(is_valid_opencc_config(std::string(kMaxOpenccConfigName + 1, 'a')));
}

TEST(ScriptOpencc, KeepsNulBytesAndRepairsMalformedUtf8) {
  const OpenccConverter converter = OpenccConverter::open("t2s");
  ASSERT_TRUE(converter.ok()) << converter.error();
  const OpenccResult with_nul = converter.convert(std::string("軟體\0網路", 13));
  ASSERT_TRUE(with_nul.ok()) << with_nul.error;
  EXPECT_EQ(with_nul.text, std::string("软体\0网路", 13));
  // A stray byte and a truncated sequence would make OpenCC fail or overread.
  const OpenccResult malformed = converter.convert("\xff軟體\xe4\xb8");
  ASSERT_TRUE(malformed.ok()) << malformed.error;
  EXPECT_EQ(malformed.text, "\uFFFD软体\uFFFD\uFFFD");
}

TEST(ScriptOpencc, MovedFromConverterIsEmpty) {
  OpenccConverter first = OpenccConverter::open("t2s");
  ASSERT_TRUE(first.ok());
  OpenccConverter second = std::move(first);
  EXPECT_TRUE(second.ok());
  EXPECT_FALSE(first.ok());  // NOLINT(bugprone-use-after-move): the moved-from state is the point
  EXPECT_FALSE(first.convert("這個").ok());
  EXPECT_EQ(second.convert("這個").text, "这个");
}

TEST(ScriptOpencc, SharedConverterIsLoadedOncePerConfig) {
  const auto a = shared_opencc("t2s");
  const auto b = shared_opencc("t2s.json");
  ASSERT_TRUE(a->ok());
  EXPECT_EQ(a.get(), b.get());
  EXPECT_EQ(a->config(), "t2s");
  EXPECT_NE(shared_opencc("hk2s").get(), a.get());
}

}  // namespace
}  // namespace clean
