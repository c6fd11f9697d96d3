// The filter stage (clean/filter.h) on line lists written for each rule:
// where a cut happens and where it must not, labelled lines moving into the
// metadata, "related" list entries, and the text-mode title.
#include "clean/filter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace clean {
namespace {

// A complete sentence of body text, long enough to count as prose.
std::string Prose(int n) {
  return "第" + std::to_string(n) + "段：全区新建改建学校十二所，新增学位六千个，乡村学校的办学条件明显改善，群众满意度逐年提高。";
}

Filtered Filter(std::vector<std::string> lines, FilterOptions options = {}) {
  return filter_lines(std::move(lines), options);
}

TEST(Filter, ListHeadingAfterTheBodyCutsTheRest) {
  const Filtered f = Filter({Prose(1), Prose(2), "相关推荐", "某地发布新规", "某作者", "2024-06-06 22:42:57", Prose(3)});
  EXPECT_EQ(f.paragraphs, (std::vector<std::string>{Prose(1), Prose(2)}));
  ASSERT_FALSE(f.notes.empty());
  EXPECT_EQ(f.notes.front(), "cut at 相关推荐");
}

// NetEase finance appends a second story under 相关新闻: prose follows the
// heading, so only the heading and its short headline go.
TEST(Filter, ListHeadingOverProseDropsOnlyTheHeadingAndHeadline) {
  const Filtered f = Filter({Prose(1), Prose(2), "相关新闻", "另一条新闻的标题", Prose(3)});
  EXPECT_EQ(f.paragraphs, (std::vector<std::string>{Prose(1), Prose(2), Prose(3)}));
}

TEST(Filter, CutBeforeTheBodyBeganDropsOnlyTheLine) {
  const Filtered f = Filter({"相关推荐", "短标题一", "短标题二", Prose(1), Prose(2)});
  EXPECT_EQ(f.paragraphs.back(), Prose(2));
  EXPECT_TRUE(f.notes.empty());
}

TEST(Filter, ClosingDisclaimerCutsTheAuthorCardAfterIt) {
  const Filtered f = Filter({Prose(1), Prose(2), "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台用户上传并发布。",
                             "某某资讯", "1494950文章数 200987关注度", Prose(3)});
  EXPECT_EQ(f.paragraphs.size(), 2u);
}

TEST(Filter, LabelledLinesBecomeMetadata) {
  const Filtered f = Filter({"类别:教育 发布时间:2023-11-23 09:49:00 来源:某看点", "本文转自:江岚日报", Prose(1),
                             "作者：张三", "责任编辑：李四"});
  EXPECT_EQ(f.paragraphs, (std::vector<std::string>{Prose(1)}));
  EXPECT_EQ(f.source, "江岚日报");  // the original over the aggregator's 来源
  EXPECT_EQ(f.author, "张三");
  EXPECT_EQ(f.published, "2023-11-23 09:49:00");
  EXPECT_EQ(f.fields, (std::vector<std::pair<std::string, std::string>>{{"类别", "教育"}, {"责任编辑", "李四"}}));
}

// A meeting notice's own 时间/名称 lines are body; beside 来源 they are metadata.
TEST(Filter, HeaderOnlyLabelsStayInTheBodyAlone) {
  const Filtered f = Filter({Prose(1), "时间：2023年5月1日上午9时", "地点：区政府三楼会议室", "时间：2023-05-01 来源：区教育局"});
  EXPECT_EQ(f.paragraphs, (std::vector<std::string>{Prose(1), "时间：2023年5月1日上午9时", "地点：区政府三楼会议室"}));
  EXPECT_EQ(f.source, "区教育局");
  EXPECT_EQ(f.published, "2023-05-01");
}

TEST(Filter, BylineWithoutColonFillsTheAuthor) {
  const Filtered f = Filter({Prose(1), "江岚晚报记者 张楠 李响"});
  EXPECT_EQ(f.author, "张楠 李响");
  EXPECT_EQ(f.paragraphs, (std::vector<std::string>{Prose(1)}));
}

// The dateline and sentences about reporters stay.
TEST(Filter, ReporterSentencesStay) {
  const std::vector<std::string> lines = {"本报讯（记者张三）全区新建改建学校十二所，新增学位六千个。", "记者从会上获悉",
                                          "记者 采访了三位老师", "记者手记", Prose(1)};
  const Filtered f = Filter(lines);
  EXPECT_EQ(f.paragraphs, lines);
  EXPECT_EQ(f.author, "");
}

TEST(Filter, OpenInfoTablePrintedTwiceGivesEachFieldOnce) {
  const Filtered f = Filter({"索引号 | 0001/2023-1 | ||", "发布机构 | 区教育局 |", "索引号 | 0001/2023-1 |",
                             "发布机构 | 区教育局 |", Prose(1)});
  EXPECT_EQ(f.fields, (std::vector<std::pair<std::string, std::string>>{{"索引号", "0001/2023-1"},
                                                                       {"发布机构", "区教育局"}}));
  EXPECT_EQ(f.paragraphs.size(), 1u);
}

TEST(Filter, HeaderLinesFillOnlyWhatTheBodyLeftEmpty) {
  const std::vector<std::string> header = {"2024-05-18 10:32 来源：页面来源", "作者：页眉作者"};
  const Filtered f = Filter({Prose(1), "来源：正文来源"}, {.header = header});
  EXPECT_EQ(f.source, "正文来源");
  EXPECT_EQ(f.author, "页眉作者");
  EXPECT_EQ(f.published, "2024-05-18 10:32");
}

TEST(Filter, RelatedEntryTripletsGoWithTheirTimestamp) {
  const Filtered f = Filter({Prose(1), Prose(2), "某地发布新规引热议", "某某频道", "2024-06-06 22:42:57"});
  EXPECT_EQ(f.paragraphs, (std::vector<std::string>{Prose(1), Prose(2)}));
}

// A notice ends with its issuer and a bare date (落款): both stay.
TEST(Filter, NoticeSignatureStays) {
  const Filtered f = Filter({Prose(1), "江岚省教育厅", "2023年2月1日"});
  EXPECT_EQ(f.paragraphs, (std::vector<std::string>{Prose(1), "江岚省教育厅", "2023年2月1日"}));
}

TEST(Filter, RepeatedLinesAndTitleRepeatsGo) {
  const Filtered f = Filter({"某地举办读书节", Prose(1), Prose(1)}, {.title = "某地举办读书节"});
  EXPECT_EQ(f.paragraphs, (std::vector<std::string>{Prose(1)}));
}

TEST(Filter, TextTitleIsTheShortLineChromeFollows) {
  const Filtered f = Filter({"• 我的订阅", "• 教育", "某地举办读书节", "0", "分享至", Prose(1)}, {.find_title = true});
  EXPECT_EQ(f.title, "某地举办读书节");
  EXPECT_EQ(f.paragraphs, (std::vector<std::string>{Prose(1)}));
}

// A section heading that body text follows is no title.
TEST(Filter, TextTitleNeedsChromeAfterIt) {
  const Filtered f = Filter({"一、总体要求", Prose(1), Prose(2)}, {.find_title = true});
  EXPECT_EQ(f.title, "");
  EXPECT_EQ(f.paragraphs.front(), "一、总体要求");
}

TEST(Filter, SpamSpansAreCountedAndRemoved) {
  const Filtered f = Filter({"国产av一区二区|成人影片在线观看|日韩无码视频", Prose(1)});
  EXPECT_EQ(f.spam_removed, 1);
  EXPECT_GT(f.spam_bytes, 0u);
  EXPECT_EQ(f.paragraphs, (std::vector<std::string>{Prose(1)}));
}

}  // namespace
}  // namespace clean
