// The line-noise tables (clean/noise.h): one test per kind of entry — whole,
// prefix and contains phrases, the length caps that narrow them, and each
// shape (breadcrumb, author card, channel heading, counter, timestamp).
#include "clean/noise.h"

#include <gtest/gtest.h>

namespace clean {
namespace {

NoiseAction Action(std::string_view line) { return classify_noise(line).action; }

TEST(Noise, WholeLinePhrases) {
  EXPECT_EQ(Action("分享至"), NoiseAction::kDrop);
  EXPECT_EQ(Action("申请入驻"), NoiseAction::kDrop);
  EXPECT_EQ(Action("知道了"), NoiseAction::kDrop);
  // A whole-line phrase inside a sentence is prose.
  EXPECT_EQ(Action("他把照片分享至朋友圈，引来不少点赞。"), NoiseAction::kNone);
}

TEST(Noise, PrefixPhrases) {
  EXPECT_EQ(Action("当前位置：首页 > 政务公开 > 通知公告"), NoiseAction::kDrop);
  EXPECT_EQ(Action("免责声明：本文来自自媒体，不代表本站的观点和立场。"), NoiseAction::kDrop);
  EXPECT_EQ(Action("快照生成时间：2023-11-23 12:45:02"), NoiseAction::kDrop);
}

TEST(Noise, ContainsPhrases) {
  EXPECT_EQ(Action("无障碍浏览 进入关怀版"), NoiseAction::kDrop);
  EXPECT_EQ(Action("【字体：大 中 小】 【打印本页】 【关闭窗口】"), NoiseAction::kDrop);
  EXPECT_EQ(Action("更多精彩内容，请扫描下方二维码关注我们的公众号。"), NoiseAction::kDrop);
}

// The caps narrow each phrase to chrome-sized lines: `版权所有` in a long
// paragraph about copyright law is prose.
TEST(Noise, ReprintNotices) {
  EXPECT_EQ(Action("本文为某作者独家授权某某财经专栏发布，转载请注明出处（否则请勿转载）。"), NoiseAction::kDrop);
  EXPECT_EQ(Action("未经本网授权，不得转载、摘编或利用其它方式使用上述作品。"), NoiseAction::kDrop);
}

TEST(Noise, EnglishPromosAndCredits) {
  EXPECT_EQ(Action("Enjoyed this? Share it with a friend!"), NoiseAction::kDrop);
  EXPECT_EQ(Action("Jane Doe contributed to this report."), NoiseAction::kDrop);
  EXPECT_EQ(Action("Get our morning briefing right in your inbox. Sign up here"), NoiseAction::kDrop);
  EXPECT_EQ(Action("Volunteers contributed to this report on river pollution, which the council published on "
                   "Monday after two years of sampling at forty sites along the river and its tributaries."),
            NoiseAction::kNone);
}

TEST(Noise, LengthCapsKeepProse) {
  const std::string prose =
      "法院审理认为，被告未经许可复制原告享有版权所有的摄影作品，并在其经营的网站上传播，"
      "构成侵权，判令被告停止侵权、赔礼道歉并赔偿经济损失三万元，同时承担本案全部诉讼费用。"
      "宣判后，双方均未提出上诉，该判决已经发生法律效力，被告已按判决履行了全部义务。";
  EXPECT_EQ(Action(prose), NoiseAction::kNone);
  EXPECT_EQ(Action("版权所有：江岚省人民政府办公厅"), NoiseAction::kDrop);
}

TEST(Noise, ClosingDisclaimersCut) {
  EXPECT_EQ(Action("特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。"),
            NoiseAction::kCut);
  EXPECT_EQ(Action("Notice: The content above (including the pictures and videos if any) is uploaded and posted "
                   "by a user of NetEase Hao, which is a social media platform and only provides information "
                   "storage services."),
            NoiseAction::kCut);
  EXPECT_EQ(Action("以上内容为资讯信息快照，由某某爬虫进行采集并收录。"), NoiseAction::kCut);
}

TEST(Noise, ListHeadingsCutLists) {
  for (const char* heading : {"相关推荐", "热点推荐", "往期回顾 全部", "专题推荐", "【相关阅读】", "更多关于教育的资讯:"}) {
    EXPECT_EQ(Action(heading), NoiseAction::kCutList) << heading;
  }
  EXPECT_EQ(Action("相关推荐的三条措施已经写入方案，下个月开始在全区推广实施。"), NoiseAction::kNone);
}

TEST(Noise, Breadcrumbs) {
  EXPECT_EQ(classify_noise("网易首页 > 网易号 > 正文 申请入驻").why, "breadcrumb");
  EXPECT_EQ(classify_noise("首页>>政务公开>>部门文件").why, "breadcrumb");
  EXPECT_EQ(Action("当x>0且y>1时，函数的值随x增大而增大，这一结论在教材第三章有详细的证明过程。"), NoiseAction::kNone);
}

TEST(Noise, AuthorCardCounters) {
  EXPECT_EQ(classify_noise("1170320文章数 47744关注度").why, "author card");
  EXPECT_EQ(Action("全县文章数量比去年增加了一倍"), NoiseAction::kNone);
}

TEST(Noise, ChannelHeadings) {
  EXPECT_EQ(classify_noise("教育要闻").why, "channel heading");
  EXPECT_EQ(classify_noise("头条要闻").why, "channel heading");
  EXPECT_EQ(Action("本周全省教育系统十大要闻"), NoiseAction::kNone);
}

TEST(Noise, SiteNameAloneOnALine) {
  EXPECT_EQ(classify_noise("网易财经").why, "site name");
  EXPECT_EQ(classify_noise(" 新华网 ").why, "site name");
  EXPECT_EQ(Action("网易财经记者从多家券商了解到，本周两市成交额持续放大。"), NoiseAction::kNone);
}

TEST(Noise, BareCounters) {
  EXPECT_EQ(classify_noise("0").why, "counter");
  EXPECT_EQ(Action("2023"), NoiseAction::kDrop);  // four digits alone are no paragraph either
  EXPECT_EQ(Action("1234567"), NoiseAction::kNone);
}

// A date with a time is a list entry's timestamp; a bare date closes a
// government notice (落款) and stays.
TEST(Noise, TimestampsNeedATime) {
  EXPECT_TRUE(is_bare_timestamp("2024-06-06 22:42:57"));
  EXPECT_TRUE(is_bare_timestamp("2024/6/6 22:42"));
  EXPECT_FALSE(is_bare_timestamp("2023年2月1日"));
  EXPECT_FALSE(is_bare_timestamp("2024-06-06"));
  EXPECT_FALSE(is_bare_timestamp("12:30 开会"));
}

TEST(Noise, KeyDropsSpacesBracketsAndColons) {
  EXPECT_EQ(noise_key(" 【 相关 阅读 】 "), "相关阅读");
  EXPECT_EQ(noise_key("相关推荐："), "相关推荐");
  EXPECT_EQ(noise_key("(来源:某地)"), "来源:某地");
}

// Edges of the UTF-8 key: one pair of brackets only, brackets before
// colons (a colon after the pair keeps it), an empty pair leaves nothing, a
// bad byte reads as U+FFFD.
TEST(Noise, KeyEdges) {
  EXPECT_EQ(noise_key("【【热点】】"), "【热点】");
  EXPECT_EQ(noise_key("【推荐：】："), "【推荐：】");
  EXPECT_EQ(noise_key("（）"), "");
  EXPECT_EQ(noise_key("(相关"), "(相关");
  EXPECT_EQ(noise_key("：:："), "");
  EXPECT_EQ(noise_key("\u3000推\u00a0荐 "), "推荐");
  EXPECT_EQ(noise_key("推荐\xff"), "推荐\uFFFD");
}

TEST(Noise, ClassifyByKeyAgreesWithClassifyByLine) {
  for (const char* line : {"【 相关阅读 】", "网易首页 > 网易号 > 正文", "2024-06-06 22:42:57", "他说，会议开得很好。"}) {
    const NoiseVerdict by_line = classify_noise(line);
    const NoiseVerdict by_key = classify_noise_key(noise_key(line));
    EXPECT_EQ(by_line.action, by_key.action) << line;
    EXPECT_EQ(by_line.why, by_key.why) << line;
  }
  EXPECT_NE(classify_noise_key(noise_key("网易首页 > 网易号 > 正文")).action, NoiseAction::kNone);
  EXPECT_EQ(classify_noise_key(noise_key("他说，会议开得很好。")).action, NoiseAction::kNone);
}

}  // namespace
}  // namespace clean
