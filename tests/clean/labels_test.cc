// Labelled lines (clean/labels.h): open-information rows in their text and
// table forms, colon labels, and the prose that must not be taken for them.
#include "clean/labels.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace clean {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

// The parsed pairs as (label, value); a leading date shows as ("", date).
std::optional<Pairs> Parse(std::string_view line) {
  const auto parsed = parse_labelled_line(line);
  if (!parsed) return std::nullopt;
  Pairs out;
  for (const LabelledValue& v : *parsed) out.emplace_back(std::string(v.label->text), v.value);
  return out;
}

TEST(Labels, OpenInfoRowWithBars) {
  EXPECT_EQ(Parse("索引号 | 113302060029545102/2023-179353 | ||"),
            (Pairs{{"索引号", "113302060029545102/2023-179353"}}));
  EXPECT_EQ(Parse("组配分类 | 部门工作 | 发布机构 | 区教育局 |"),
            (Pairs{{"组配分类", "部门工作"}, {"发布机构", "区教育局"}}));
}

TEST(Labels, OpenInfoRowAsLinearizedTableCells) {
  EXPECT_EQ(Parse("成文日期 2023-02-01 公开方式 主动公开"),
            (Pairs{{"成文日期", "2023-02-01"}, {"公开方式", "主动公开"}}));
}

// Four-cell rows put a common label (发布日期) in a cell of its own, no colon.
TEST(Labels, ColonLabelInItsOwnCellOfAnOpenInfoRow) {
  EXPECT_EQ(Parse("文号 枫政办发〔2024〕7号 发布日期 2024-04-08"),
            (Pairs{{"文号", "枫政办发〔2024〕7号"}, {"发布日期", "2024-04-08"}}));
  EXPECT_EQ(Parse("发布机构 | 区教育局 | 来源 | 区政府办"),
            (Pairs{{"发布机构", "区教育局"}, {"来源", "区政府办"}}));
}

TEST(Labels, ColonLabelWithoutColonOutsideATableRowStaysText) {
  // The row did not start with an open-info label: no table to read.
  EXPECT_FALSE(Parse("来源 新华社 发布日期 2024-04-08"));
}

TEST(Labels, SpacedOutLabels) {
  EXPECT_EQ(Parse("索 引 号：0001-2024-00117"), (Pairs{{"索引号", "0001-2024-00117"}}));
}

TEST(Labels, ColonLabelsSeveralOnALine) {
  EXPECT_EQ(Parse("类别:教育 发布时间:2023-11-23 09:49:00 来源:某某看点"),
            (Pairs{{"类别", "教育"}, {"发布时间", "2023-11-23 09:49:00"}, {"来源", "某某看点"}}));
  EXPECT_EQ(Parse("来源：江岚日报    编辑：李四"), (Pairs{{"来源", "江岚日报"}, {"编辑", "李四"}}));
}

TEST(Labels, LeadingDateThenLabels) {
  EXPECT_EQ(Parse("2024-05-18 10:32:15 来源: 岚溪发布"), (Pairs{{"", "2024-05-18 10:32:15"}, {"来源", "岚溪发布"}}));
}

TEST(Labels, EnclosingBracketsAndTrailingControls) {
  EXPECT_EQ(Parse("(来源:某区人民政府网站)"), (Pairs{{"来源", "某区人民政府网站"}}));
  EXPECT_EQ(Parse("来源：江岚日报【字体：大 中 小】打印"), (Pairs{{"来源", "江岚日报"}}));
}

TEST(Labels, TrailingLinkLabelsAndMarkupDebrisLeaveTheValue) {
  EXPECT_EQ(Parse("来源：某某日报举报"), (Pairs{{"来源", "某某日报"}}));
  EXPECT_EQ(Parse("来源：某某商业报道发表评论查看评论"), (Pairs{{"来源", "某某商业报道"}}));
  EXPECT_EQ(Parse("作者：张三 李四返回首页，查看更多"), (Pairs{{"作者", "张三 李四"}}));
  EXPECT_EQ(Parse("作者：size=\"20\""), (Pairs{{"作者", ""}}));
}

TEST(Labels, OriginalSourceKind) {
  const auto parsed = parse_labelled_line("本文转自：贵港日报");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->front().label->kind, LabelKind::kOriginalSource);
}

// Common words are labels only before a colon.
TEST(Labels, ColonLabelsNeedTheColon) {
  EXPECT_FALSE(Parse("来源于群众的意见建议，要件件有回音。"));
  EXPECT_FALSE(Parse("作者在书中回忆了童年。"));
  EXPECT_FALSE(Parse("时间过得很快"));
}

TEST(Labels, InterviewQuestionsAreProse) {
  EXPECT_FALSE(Parse("记者：您怎么看待这次改革？"));
  EXPECT_FALSE(Parse("作者：我想，这就是答案。"));
}

TEST(Labels, HeaderOnlyLabels) {
  const auto parsed = parse_labelled_line("时间：5月1日上午9时");
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->front().label->header_only);
  EXPECT_FALSE(parse_labelled_line("来源：新华社")->front().label->header_only);
}

TEST(Labels, ProseAfterALabelIsNotALabelledLine) {
  EXPECT_FALSE(Parse("作者：我想说的是，这些年我们走过的路并不平坦，每一步都凝聚着无数人的汗水和心血，值得铭记。"));
  EXPECT_FALSE(Parse("北京时间今天上午，来源：新华社"));
  EXPECT_FALSE(Parse("文号码牌已经全部更换"));  // `文号` inside a longer word
}

TEST(Labels, EveryTableEntryParses) {
  for (const Label& label : labels()) {
    const std::string line = std::string(label.text) + "：示例值";
    const auto parsed = parse_labelled_line(line);
    ASSERT_TRUE(parsed) << line;
    EXPECT_EQ(parsed->front().label->text, label.text) << line;
    EXPECT_EQ(parsed->front().value, "示例值") << line;
  }
}

}  // namespace
}  // namespace clean
