// Tests for clean/dates.h: every date form parse_date() and find_dates()
// accept, the range checks that reject impossible dates, zones kept as
// given, the labels written before a date, and hostile input (garbage, a
// megabyte of near-dates) that must neither crash nor take long.
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "clean/dates.h"

namespace {

using clean::DateHit;
using clean::DateLabel;
using clean::find_dates;
using clean::find_labelled_date;
using clean::parse_date;

// --- The forms Chinese pages write ---------------------------------------

TEST(DatesParse, DateOnlyStaysDateOnly) {
  // No time given: no midnight and no zone are invented.
  EXPECT_EQ(parse_date("2023-02-01"), "2023-02-01");
  EXPECT_EQ(parse_date("2023-2-1"), "2023-02-01");
  EXPECT_EQ(parse_date("2023/2/1"), "2023-02-01");
  EXPECT_EQ(parse_date("2023/02/01"), "2023-02-01");
  EXPECT_EQ(parse_date("2023.02.01"), "2023-02-01");
  EXPECT_EQ(parse_date("2023年2月1日"), "2023-02-01");
  EXPECT_EQ(parse_date("2023年02月01日"), "2023-02-01");
  EXPECT_EQ(parse_date("2023 年 2 月 1 日"), "2023-02-01");
}

TEST(DatesParse, TimeWithoutZoneIsBeijingTime) {
  EXPECT_EQ(parse_date("2023-11-23 09:49:00"), "2023-11-23T09:49:00+08:00");
  EXPECT_EQ(parse_date("2023-11-23 09:49"), "2023-11-23T09:49:00+08:00");
  EXPECT_EQ(parse_date("2023-11-23 9:49"), "2023-11-23T09:49:00+08:00");
  EXPECT_EQ(parse_date("2023年02月01日 09:49"), "2023-02-01T09:49:00+08:00");
  EXPECT_EQ(parse_date("2023年2月1日09:49"), "2023-02-01T09:49:00+08:00");
  EXPECT_EQ(parse_date("2023年2月1日 9时49分"), "2023-02-01T09:49:00+08:00");
  EXPECT_EQ(parse_date("2023-11-23 09：49"), "2023-11-23T09:49:00+08:00");  // full-width colon
  EXPECT_EQ(parse_date("2023-11-23T09:49:00"), "2023-11-23T09:49:00+08:00");
  EXPECT_EQ(parse_date("2023-11-23 09:49:00.0"), "2023-11-23T09:49:00+08:00");
}

TEST(DatesParse, CallerChoosesTheDefaultZone) {
  EXPECT_EQ(parse_date("2023-11-23 09:49", ""), "2023-11-23T09:49:00");
  EXPECT_EQ(parse_date("2023-11-23 09:49", "+09:00"), "2023-11-23T09:49:00+09:00");
  EXPECT_EQ(parse_date("2023-11-23", ""), "2023-11-23");
}

TEST(DatesParse, WeekdayAfterTheDateIsSkipped) {
  EXPECT_EQ(parse_date("2023年2月1日 星期三"), "2023-02-01");
  EXPECT_EQ(parse_date("2023年2月1日 周三"), "2023-02-01");
  EXPECT_EQ(parse_date("2023年2月1日（星期三）"), "2023-02-01");
  EXPECT_EQ(parse_date("2023年2月1日 星期三 09:49"), "2023-02-01T09:49:00+08:00");
}

TEST(DatesParse, GivenZoneIsKept) {
  EXPECT_EQ(parse_date("2023-02-01T09:49:00Z"), "2023-02-01T09:49:00Z");
  EXPECT_EQ(parse_date("2023-02-01T09:49:00+08:00"), "2023-02-01T09:49:00+08:00");
  EXPECT_EQ(parse_date("2023-02-01T09:49:00+0800"), "2023-02-01T09:49:00+08:00");
  EXPECT_EQ(parse_date("2023-02-01T09:49:00+08"), "2023-02-01T09:49:00+08:00");
  EXPECT_EQ(parse_date("2019-11-18T17:50:58-05:00"), "2019-11-18T17:50:58-05:00");
  EXPECT_EQ(parse_date("2019-11-19T01:19:34.819Z"), "2019-11-19T01:19:34Z");
  EXPECT_EQ(parse_date("2019-11-20 12:32:13+08:00"), "2019-11-20T12:32:13+08:00");
  // The zone is kept, not converted: the page's own day is what it showed.
  EXPECT_EQ(parse_date("2022-02-06T23:48:06+00:00"), "2022-02-06T23:48:06+00:00");
}

TEST(DatesParse, MachineFormsOnlyInWholeValues) {
  EXPECT_EQ(parse_date("20230201"), "2023-02-01");
  EXPECT_EQ(parse_date("202302010949"), "2023-02-01T09:49:00+08:00");
  EXPECT_EQ(parse_date("20230201094930"), "2023-02-01T09:49:30+08:00");
  // Unix seconds and milliseconds: an instant, shown in Beijing time.
  EXPECT_EQ(parse_date("1675215000"), "2023-02-01T09:30:00+08:00");
  EXPECT_EQ(parse_date("1675215000000"), "2023-02-01T09:30:00+08:00");
  EXPECT_EQ(parse_date("1675215000", ""), "2023-02-01T01:30:00Z");
  // In prose a digit run is an id or a count.
  EXPECT_TRUE(find_dates("文号20230201，阅读1675215000次").empty());
}

TEST(DatesParse, UsServerFormatNeedsItsTime) {
  EXPECT_EQ(parse_date("9/17/2004 5:54:13 AM"), "2004-09-17T05:54:13+08:00");
  EXPECT_EQ(parse_date("9/17/2004 5:54:13 PM"), "2004-09-17T17:54:13+08:00");
  EXPECT_EQ(parse_date("9/17/2004 12:05:00 AM"), "2004-09-17T00:05:00+08:00");
  // Negative: without a time a month-first date is as often an archive range.
  EXPECT_EQ(parse_date("9/17/2004"), "");
  EXPECT_TRUE(find_dates("归档 12/01/2004 - 01/01/2005 01/01/2005 - 2/01/2005").empty());
}

// --- Range checks --------------------------------------------------------

TEST(DatesParse, ImpossibleDatesAreNoDates) {
  EXPECT_EQ(parse_date("2023-02-30"), "");
  EXPECT_EQ(parse_date("2023-02-29"), "");
  EXPECT_EQ(parse_date("2024-02-29"), "2024-02-29");  // leap year
  EXPECT_EQ(parse_date("2100-02-29"), "");            // not a leap year
  EXPECT_EQ(parse_date("2023-04-31"), "");
  EXPECT_EQ(parse_date("2023-13-01"), "");
  EXPECT_EQ(parse_date("2023-00-10"), "");
  EXPECT_EQ(parse_date("2023-01-00"), "");
  EXPECT_EQ(parse_date("2023-01-01 25:00"), "");
  EXPECT_EQ(parse_date("2023-01-01 24:00"), "");
  EXPECT_EQ(parse_date("2023-01-01 12:60"), "");
  EXPECT_EQ(parse_date("2023-01-01T12:00:00+25:00"), "");
  EXPECT_EQ(parse_date("1989-12-31"), "");  // before kMinYear
  EXPECT_EQ(parse_date("2101-01-01"), "");  // after kMaxYear
  EXPECT_EQ(parse_date("9/17/2004 13:00:00 PM"), "");
  EXPECT_TRUE(find_dates("2023-02-30 与 2023年13月1日").empty());
}

TEST(DatesParse, WholeValueMeansNothingElse) {
  EXPECT_EQ(parse_date("  2023-02-01 \n"), "2023-02-01");
  EXPECT_EQ(parse_date("2023-02-01 来源：新华社"), "");
  EXPECT_EQ(parse_date("发布于2023-02-01"), "");
  EXPECT_EQ(parse_date("2023-02-011"), "");
  EXPECT_EQ(parse_date("12023-02-01"), "");
  EXPECT_EQ(parse_date("2023-02"), "");
  EXPECT_EQ(parse_date("1998-3"), "");
  EXPECT_EQ(parse_date("Tue Nov 19 2019"), "");
  EXPECT_EQ(parse_date(""), "");
}

// --- Dates in visible text -----------------------------------------------

TEST(DatesFind, FindsEachDateWithItsOffsets) {
  const std::string text = "标题 2015-07-02 05:18:09 来源: 新华社 另见 2015/07/03 相关";
  const std::vector<DateHit> hits = find_dates(text);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].iso, "2015-07-02T05:18:09+08:00");
  EXPECT_EQ(text.substr(hits[0].begin, hits[0].end - hits[0].begin), "2015-07-02 05:18:09");
  EXPECT_EQ(hits[0].label, DateLabel::kNone);
  EXPECT_EQ(hits[1].iso, "2015-07-03");
}

TEST(DatesFind, TimeRangeIsNotAZone) {
  const std::vector<DateHit> hits = find_dates("活动 2023-05-01 09:30-10:30 举行");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].iso, "2023-05-01T09:30:00+08:00");
}

TEST(DatesFind, NumberAfterTheDateIsNotATime) {
  const std::vector<DateHit> hits = find_dates("2019-09-07 12 人参与");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].iso, "2019-09-07");
}

TEST(DatesFind, LabelsBeforeTheDate) {
  auto label_of = [](std::string_view text) {
    const std::vector<DateHit> hits = find_dates(text);
    return hits.empty() ? DateLabel::kNone : hits.back().label;
  };
  EXPECT_EQ(label_of("发布时间：2023-11-23 09:49:00"), DateLabel::kPublished);
  EXPECT_EQ(label_of("发布日期: 2023-11-23"), DateLabel::kPublished);
  EXPECT_EQ(label_of("【发布时间】 2023-11-23"), DateLabel::kPublished);
  EXPECT_EQ(label_of("发表于2005年09月07日 11:57"), DateLabel::kPublished);
  EXPECT_EQ(label_of("成文日期 2023-02-01"), DateLabel::kWritten);
  EXPECT_EQ(label_of("发文日期：2023-02-01"), DateLabel::kWritten);
  EXPECT_EQ(label_of("日 期：2023-02-01"), DateLabel::kGeneric);  // gov pages space labels out
  EXPECT_EQ(label_of("来源：新华社 时间：2023-02-01"), DateLabel::kGeneric);
  EXPECT_EQ(label_of("更新时间：2023-02-01"), DateLabel::kUpdated);
  EXPECT_EQ(label_of("浏览 2023-02-01"), DateLabel::kNone);
  // Negative: labels that end in 时间/日期 but never name the publication date.
  EXPECT_EQ(label_of("快照生成时间：2023-02-01 10:00"), DateLabel::kNotPublished);
  EXPECT_EQ(label_of("报名截止日期：2023-02-01"), DateLabel::kNotPublished);
  EXPECT_EQ(label_of("施行日期：2023-02-01"), DateLabel::kNotPublished);
}

TEST(DatesFind, LabelledDatePrefersThePublicationLabel) {
  EXPECT_EQ(find_labelled_date("成文日期：2023-02-01 公开方式：主动公开 发布日期：2023-02-03"),
            "2023-02-03");
  EXPECT_EQ(find_labelled_date("更新时间：2023-03-01 时间：2023-02-01"), "2023-02-01");
  EXPECT_EQ(find_labelled_date("来源：本站 时间：2023-02-01 09:00 更新时间：2023-03-01"),
            "2023-02-01T09:00:00+08:00");
  EXPECT_EQ(find_labelled_date("第一条 时间：2023-02-01 第二条 时间：2023-02-05"), "2023-02-01");
  // Negative: unlabelled and not-the-publication dates give nothing.
  EXPECT_EQ(find_labelled_date("2023-02-01 来源：新华社"), "");
  EXPECT_EQ(find_labelled_date("快照生成时间：2023-02-01"), "");
}

// --- Hostile input -------------------------------------------------------

TEST(DatesHostile, GarbageGivesNothing) {
  std::string bytes;
  for (int i = 0; i < 4096; ++i) bytes += static_cast<char>((i * 7919) % 256);
  EXPECT_EQ(parse_date(bytes), "");
  find_dates(bytes);  // must not crash
  EXPECT_EQ(parse_date("\xE5\xB9"), "");  // a cut UTF-8 sequence
  EXPECT_TRUE(find_dates("2023年\xFF月1日").empty());
  EXPECT_EQ(parse_date(std::string(64, '9')), "");
  EXPECT_EQ(parse_date("2023-01-01T09:00:00+"), "");
}

TEST(DatesHostile, MegabyteOfNearDatesIsLinear) {
  // Each repetition starts a date that fails late; a quadratic scanner
  // would take minutes here.
  for (std::string_view unit : {"2023-1", "2023年1月", "2023-01-01 1", "9/17/2004 ", "2023-01-01T"}) {
    std::string text;
    while (text.size() < (1u << 20)) text += unit;
    const std::vector<DateHit> hits = find_dates(text);
    EXPECT_LE(hits.size(), clean::kMaxDateHits) << unit;
    EXPECT_EQ(parse_date(text), "") << unit;
  }
  std::string many;
  while (many.size() < (1u << 20)) many += "2023-01-01 ";
  EXPECT_EQ(find_dates(many).size(), clean::kMaxDateHits);
  EXPECT_EQ(find_labelled_date(many), "");
}

}  // namespace
