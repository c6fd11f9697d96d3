// Tests for daemon/digest.h: SHA-256 against the FIPS 180-2 vectors, and the
// SimHash properties dedup relies on, measured on Chinese news text written
// for this test (a county library reopening; a winter wheat advisory).
#include "daemon/digest.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "clean/text.h"

namespace jingwend {
namespace {

// ~580 characters in five paragraphs.
const std::string kLibrary =
    "本报讯（记者 林晓）十一月二十日上午，青溪县图书馆改造工程正式完工，新馆将于下月一日起向市民免费开放。"
    "据县文化和旅游局介绍，这次改造历时八个月，总投资约一千二百万元，主要对馆舍结构、照明系统、消防设施和阅览空间进行了全面升级。"
    "改造后的图书馆建筑面积达到六千五百平方米，设有少儿阅览区、老年阅览区、自习室、地方文献室和数字体验区，阅览座位由原来的三百个增加到八百个。\n"
    "县图书馆馆长周明华表示，过去馆舍老旧、空间狭小，周末经常一座难求，不少学生只能在走廊里看书。"
    "新馆在设计时充分听取了读者意见，把采光最好的南侧整层留给了自习室，并增设了二十四小时自助借还书机。"
    "读者只要持身份证或社保卡，就可以在任何时间借阅图书。\n"
    "在数字体验区，记者看到，几名小学生正戴着耳机收听有声读物，另一侧的电子屏上滚动显示着本县的历史照片和非遗资料。"
    "工作人员介绍，馆内已完成十二万册纸质图书的数字化编目，读者通过手机就能查询馆藏位置，还可以在线预约座位。\n"
    "据了解，青溪县还将在今后三年内，依托乡镇综合文化站建设二十个城乡阅读驿站，实现图书通借通还。"
    "县文化和旅游局相关负责人说，下一步将结合“书香青溪”全民阅读活动，定期举办读书分享会、亲子阅读和作家讲座，让图书馆真正成为群众身边的精神家园。\n"
    "开馆首月，图书馆还将推出“带一本书回家”借阅季活动，每位读者可一次借阅十本图书，借期延长至六十天。";

// ~500 characters on another subject, in the same register.
const std::string kWheat =
    "为做好今冬明春小麦田间管理工作，确保夏粮丰收，县农业农村局近日组织技术人员深入各乡镇开展巡回指导。"
    "今年秋播以来，全县降水偏少，部分地块出现旱情，麦苗长势不均衡。技术人员建议，对缺墒地块要抓住有利时机及时浇好越冬水，"
    "浇水时间以日平均气温稳定在三到五摄氏度、夜冻昼消时为宜，切忌大水漫灌。\n"
    "对于播种偏晚、苗情偏弱的麦田，要在冬前适量追施氮肥，促进分蘖和根系生长；对于旺长麦田，可采取镇压或喷施化控药剂的办法，"
    "控制群体过大，防止冻害和后期倒伏。同时，要密切关注纹枯病、条锈病和麦蜘蛛等病虫害的发生动态，做到早发现、早防治。\n"
    "县农业技术推广中心主任李建国介绍，今年全县小麦播种面积四十二万亩，比去年略有增加，其中优质专用小麦十八万亩。"
    "目前已印发冬季管理技术明白纸三万余份，举办田间课堂六十多场，培训农民七千余人次。\n"
    "据气象部门预测，今冬全县平均气温较常年偏高，降水偏少，出现阶段性干旱的可能性较大。"
    "专家提醒，广大种植户要提前检修水利设施，备足抗旱物资，合理安排灌溉，确保小麦安全越冬。";

std::string replaced(std::string text, std::string_view from, std::string_view to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

int distance(const std::string& a, const std::string& b) { return hamming_distance(simhash(a), simhash(b)); }

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, HashesEveryByteIncludingNul) {
  const std::string with_nul("a\0b", 3);
  EXPECT_NE(sha256_hex(with_nul), sha256_hex("a"));
  EXPECT_EQ(sha256_hex(with_nul).size(), 64u);
}

TEST(HammingDistance, CountsDifferingBits) {
  EXPECT_EQ(hamming_distance(0, 0), 0);
  EXPECT_EQ(hamming_distance(0, ~std::uint64_t{0}), 64);
  EXPECT_EQ(hamming_distance(0b1011, 0b0001), 2);
  EXPECT_EQ(hamming_distance(std::uint64_t{1} << 63, 0), 1);
}

TEST(SimHash, TheTestTextIsTheSizeTheThresholdIsFor) {
  const std::size_t chars = clean::char_count(kLibrary);
  EXPECT_GT(chars, 550u);
  EXPECT_LT(chars, 650u);
}

TEST(SimHash, IsDeterministicAndNonZeroForText) {
  EXPECT_EQ(simhash(kLibrary), simhash(std::string(kLibrary)));
  EXPECT_NE(simhash(kLibrary), 0u);
}

TEST(SimHash, TextWithoutLettersHashesToZero) {
  EXPECT_EQ(simhash(""), 0u);
  EXPECT_EQ(simhash(" \n\t，。、；：？！“”‘’（）《》【】…—,.;:?!()\u3000"), 0u);
}

TEST(SimHash, ShortTextIsOneShingle) {
  // Shorter than kShingleChars: still a hash, and not the same as another.
  EXPECT_NE(simhash("通知"), 0u);
  EXPECT_NE(simhash("通知"), simhash("公告"));
}

TEST(SimHash, PunctuationWhitespaceAndLatinCaseDoNotCount) {
  // A re-post that re-wraps lines, uses ASCII punctuation and different quotes.
  std::string repost = replaced(kLibrary, "，新馆将于", ", 新馆将于");
  repost = replaced(repost, "“书香青溪”", "\"书香青溪\"");
  repost = replaced(repost, "（记者 林晓）", "(记者林晓)");
  repost = replaced(repost, "。\n县图书馆", "。\n\n\u3000\u3000县图书馆");
  repost = replaced(repost, "二十四小时", "二十四 小时");
  EXPECT_EQ(simhash(repost), simhash(kLibrary));
  EXPECT_EQ(simhash("Made in QINGXI 2024"), simhash("made in qingxi, 2024."));
}

TEST(SimHash, OneSentenceCorrectedStaysWithinThreeBits) {
  // The editor corrects the figures of one sentence.
  const std::string corrected = replaced(kLibrary, "这次改造历时八个月，总投资约一千二百万元",
                                         "这次改造历时九个月，总投资约一千三百万元");
  const int d = distance(kLibrary, corrected);
  EXPECT_GT(d, 0);
  EXPECT_LE(d, 3);
}

TEST(SimHash, OneWordChangedInOneSentenceIsMostlyWithinThreeBits) {
  // Each sentence in turn gets two characters replaced in its middle. On
  // average this moves about 2 of 64 bits; across hash functions about 85 %
  // of such edits land within 3 (a binomial tail, not a bound), so the test
  // asks that most do and that none strays far.
  const std::u32string text = clean::to_u32(kLibrary);
  int sentences = 0;
  int within_three = 0;
  std::size_t start = 0;
  for (std::size_t end = text.find(U'。'); end != std::u32string::npos; end = text.find(U'。', end + 1)) {
    std::u32string edited = text;
    const std::size_t middle = (start + end) / 2;
    edited[middle] = U'甲';
    edited[middle + 1] = U'乙';
    const int d = distance(kLibrary, clean::to_utf8(edited));
    ++sentences;
    if (d <= 3) ++within_three;
    EXPECT_LE(d, 8) << "sentence " << sentences;
    start = end + 1;
  }
  EXPECT_EQ(sentences, 11);
  EXPECT_GE(within_three, 8);
}

TEST(SimHash, ASentenceRewrittenIsARevisionNotAReprint) {
  // A whole sentence replaced changes ~50 of ~550 shingles: about 7 bits on
  // average, past dedup's 3-bit limit by design, yet far from unrelated text.
  const std::string rewritten =
      replaced(kLibrary, "读者只要持身份证或社保卡，就可以在任何时间借阅图书。",
               "与此同时，有关部门还就后续管理和安全保障工作作出了具体安排。");
  const int d = distance(kLibrary, rewritten);
  EXPECT_GT(d, 0);
  EXPECT_LT(d, distance(kLibrary, kWheat));
}

TEST(SimHash, UnrelatedTextsAreFarApart) {
  EXPECT_GT(distance(kLibrary, kWheat), 10);
  // Sharing a topic is not sharing a story: the library text's first
  // paragraph against its last two.
  const std::size_t cut = kLibrary.find("\n");
  const std::size_t tail = kLibrary.find("据了解");
  EXPECT_GT(distance(kLibrary.substr(0, cut), kLibrary.substr(tail)), 10);
}

}  // namespace
}  // namespace jingwend
