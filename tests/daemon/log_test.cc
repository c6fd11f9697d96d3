// daemon/log.h: the logfmt line format, the journald entry, the sink choice,
// and the Logger writing whole lines from many threads.
#include "daemon/log.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace jingwend {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::system_clock;

// 2026-11-23T18:04:01Z
constexpr seconds kSampleSeconds{1795457041};
const system_clock::time_point kSampleTime = system_clock::time_point(kSampleSeconds) + milliseconds(123);

// The line for one field `v=VALUE`, without the fixed prefix and the newline.
std::string value_part(std::string_view value) {
  const std::string line = logfmt_line(kSampleTime, Level::kInfo, "e", {{"v", value}});
  const std::string prefix = "time=2026-11-23T18:04:01.123Z level=info event=e v=";
  EXPECT_EQ(line.substr(0, prefix.size()), prefix);
  EXPECT_EQ(line.back(), '\n');
  return line.substr(prefix.size(), line.size() - prefix.size() - 1);
}

std::string read_all(std::FILE* f) {
  std::rewind(f);
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
  return out;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using TempFile = std::unique_ptr<std::FILE, FileCloser>;

TEST(LevelName, NamesEverySyslogLevel) {
  EXPECT_EQ(level_name(Level::kError), "error");
  EXPECT_EQ(level_name(Level::kWarning), "warning");
  EXPECT_EQ(level_name(Level::kNotice), "notice");
  EXPECT_EQ(level_name(Level::kInfo), "info");
  EXPECT_EQ(level_name(Level::kDebug), "debug");
}

TEST(ChooseSink, ExplicitFormatWinsOverEnvironment) {
  EXPECT_EQ(choose_sink(config::LogFormat::kJournal, nullptr), Sink::kJournal);
  EXPECT_EQ(choose_sink(config::LogFormat::kLogfmt, "8:12345"), Sink::kLogfmt);
}

TEST(ChooseSink, AutoFollowsJournalStream) {
  EXPECT_EQ(choose_sink(config::LogFormat::kAuto, "8:12345"), Sink::kJournal);
  EXPECT_EQ(choose_sink(config::LogFormat::kAuto, nullptr), Sink::kLogfmt);
  EXPECT_EQ(choose_sink(config::LogFormat::kAuto, ""), Sink::kLogfmt);
}

TEST(LogfmtLine, WholeLineWithUtcMillisecondTime) {
  EXPECT_EQ(logfmt_line(kSampleTime, Level::kInfo, "spooled",
                        {{"feed", "gov"}, {"url", "https://www.gov.cn/a.htm"}, {"chars", 1520}}),
            "time=2026-11-23T18:04:01.123Z level=info event=spooled feed=gov "
            "url=https://www.gov.cn/a.htm chars=1520\n");
}

TEST(LogfmtLine, NoFieldsAndOtherLevels) {
  EXPECT_EQ(logfmt_line(kSampleTime, Level::kWarning, "ready", {}),
            "time=2026-11-23T18:04:01.123Z level=warning event=ready\n");
}

TEST(LogfmtLine, TimeIsTruncatedToTheMillisecondNotRounded) {
  const auto t = system_clock::time_point(kSampleSeconds) + std::chrono::microseconds(999'999);
  EXPECT_EQ(logfmt_line(t, Level::kError, "x", {}).substr(0, 30), "time=2026-11-23T18:04:01.999Z ");
  const auto midnight = system_clock::time_point(seconds(1767225600));  // 2026-01-01
  EXPECT_EQ(logfmt_line(midnight, Level::kError, "x", {}).substr(0, 30), "time=2026-01-01T00:00:00.000Z ");
}

TEST(LogfmtLine, PlainValuesStayBare) {
  EXPECT_EQ(value_part("connect"), "connect");
  EXPECT_EQ(value_part("https://example.com/a?b"), "https://example.com/a?b");
  EXPECT_EQ(value_part("国务院关于印发"), "国务院关于印发");
  // A backslash alone does not end a bare value, so it is kept as it is.
  EXPECT_EQ(value_part(R"(C:\dir)"), R"(C:\dir)");
}

TEST(LogfmtLine, QuotesValuesThatWouldSplitTheLine) {
  EXPECT_EQ(value_part(""), R"("")");
  EXPECT_EQ(value_part("connection refused"), R"("connection refused")");
  EXPECT_EQ(value_part("a=b"), R"("a=b")");
  EXPECT_EQ(value_part(R"(say "hi")"), R"("say \"hi\"")");
  EXPECT_EQ(value_part("\""), R"("\"")");
}

TEST(LogfmtLine, EscapesInsideQuotes) {
  EXPECT_EQ(value_part("a b\\c"), R"("a b\\c")");
  EXPECT_EQ(value_part("line1\nline2"), R"("line1\nline2")");
  EXPECT_EQ(value_part("a\tb"), R"("a\tb")");
  EXPECT_EQ(value_part("a\rb"), R"("a\u000db")");
  EXPECT_EQ(value_part(std::string_view("a\0b", 3)), R"("a\u0000b")");
  EXPECT_EQ(value_part("bell\x07"), R"("bell\u0007")");
  EXPECT_EQ(value_part("esc\x1b[31m"), R"("esc\u001b[31m")");
  EXPECT_EQ(value_part("del\x7f"), R"("del\u007f")");
  EXPECT_EQ(value_part("c1\u0085x"), R"("c1\u0085x")");  // NEL
  EXPECT_EQ(value_part("csi\u009b"), R"("csi\u009b")");
}

// A title holding U+202E shows the rest of its line reversed in a terminal:
// "invoice\u202efdp.exe" reads "invoiceexe.pdf". Every bidi control and the
// line separators are escaped so that the line shows its bytes' order.
TEST(LogfmtLine, EscapesBidiControlsAndLineSeparators) {
  EXPECT_EQ(value_part("invoice\u202Efdp.exe"), R"("invoice\u202efdp.exe")");
  EXPECT_EQ(value_part("\u202A\u202B\u202C\u202D"), R"("\u202a\u202b\u202c\u202d")");  // embeddings, PDF
  EXPECT_EQ(value_part("\u2066\u2067\u2068\u2069"), R"("\u2066\u2067\u2068\u2069")");  // isolates
  EXPECT_EQ(value_part("a\u200Eb\u200Fc"), R"("a\u200eb\u200fc")");                     // LRM, RLM
  EXPECT_EQ(value_part("a\u061Cb"), R"("a\u061cb")");                                   // Arabic letter mark
  EXPECT_EQ(value_part("a\u2028b\u2029c"), R"("a\u2028b\u2029c")");                     // line, paragraph separator
  EXPECT_EQ(logfmt_line(kSampleTime, Level::kInfo, "e\u202E", {}),
            "time=2026-11-23T18:04:01.123Z level=info event=\"e\\u202e\"\n");
}

// The neighbours of the escaped ranges are ordinary characters and stay as
// they are: zero-width space and joiner (emoji sequences use it), the
// hyphen, the narrow no-break space, Arabic punctuation, NBSP.
TEST(LogfmtLine, CharactersBesideTheBidiControlsStayBare) {
  EXPECT_EQ(value_part("a\u200Bb\u200Dc\u2010d"), "a\u200Bb\u200Dc\u2010d");
  EXPECT_EQ(value_part("\u2027\u202F\u2064"), "\u2027\u202F\u2064");
  EXPECT_EQ(value_part("\u061B\u061D\u0627"), "\u061B\u061D\u0627");
  EXPECT_EQ(value_part("\u00A0x"), "\u00A0x");  // just past C1
}

TEST(LogfmtLine, InvalidUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(value_part("a\xff" "b"), "a\uFFFDb");
  EXPECT_EQ(value_part("\xe5\x9b"), "\uFFFD\uFFFD");        // 国 cut short
  EXPECT_EQ(value_part("\xc0\xaf"), "\uFFFD\uFFFD");        // overlong '/'
  EXPECT_EQ(value_part("\xed\xa0\x80"), "\uFFFD\uFFFD\uFFFD");  // a surrogate
  EXPECT_EQ(value_part("\xf0\x9f\x98\x80"), "\U0001F600");  // valid 4-byte stays
}

TEST(LogfmtLine, ValueAtTheLimitIsKept) {
  const std::string value(kMaxValueBytes, 'a');
  EXPECT_EQ(value_part(value), value);
}

TEST(LogfmtLine, LongAsciiValueIsCutWithEllipsis) {
  const std::string value(kMaxValueBytes + 1, 'a');
  EXPECT_EQ(value_part(value), std::string(kMaxValueBytes, 'a') + "…");
}

TEST(LogfmtLine, LongChineseValueIsCutOnACharacterBoundary) {
  std::string value;
  for (std::size_t i = 0; i < kMaxValueBytes / 3 + 1; ++i) value += "国";  // 3 bytes each, 2049 in all
  const std::string expected_chars(value, 0, (kMaxValueBytes / 3) * 3);  // 682 characters, 2046 bytes
  EXPECT_EQ(value_part(value), expected_chars + "…");
}

TEST(LogfmtLine, CutValueIsStillQuotedWhenItNeedsIt) {
  const std::string value = "a b" + std::string(kMaxValueBytes, 'c');
  const std::string out = value_part(value);
  EXPECT_EQ(out, "\"a b" + std::string(kMaxValueBytes - 3, 'c') + "…\"");
}

TEST(LogfmtLine, EventNameIsEscapedLikeAValue) {
  EXPECT_EQ(logfmt_line(kSampleTime, Level::kInfo, "bad event", {}),
            "time=2026-11-23T18:04:01.123Z level=info event=\"bad event\"\n");
}

TEST(JournalFields, StructuredEntryWithUpperCaseKeys) {
  const std::vector<std::string> fields = journal_fields(
      Level::kWarning, "feed-failed",
      {{"feed", "gov"}, {"url", "https://www.gov.cn/feed"}, {"reason", "http-status"}, {"http_status", 503},
       {"retry_in_s", 120}});
  const std::vector<std::string> expected = {
      "MESSAGE=feed-failed feed=gov url=https://www.gov.cn/feed reason=http-status http_status=503 "
      "retry_in_s=120",
      "PRIORITY=4",
      "SYSLOG_IDENTIFIER=jingwend",
      "EVENT=feed-failed",
      "FEED=gov",
      "URL=https://www.gov.cn/feed",
      "REASON=http-status",
      "HTTP_STATUS=503",
      "RETRY_IN_S=120",
  };
  EXPECT_EQ(fields, expected);
}

TEST(JournalFields, ValuesKeepNewlinesAndQuotesWhileMessageIsEscaped) {
  const std::vector<std::string> fields =
      journal_fields(Level::kError, "error", {{"reason", "spool"}, {"detail", "line 1\nsaid \"no\""}});
  ASSERT_EQ(fields.size(), 6u);
  EXPECT_EQ(fields[0], R"(MESSAGE=error reason=spool detail="line 1\nsaid \"no\"")");
  EXPECT_EQ(fields[1], "PRIORITY=3");
  EXPECT_EQ(fields[5], "DETAIL=line 1\nsaid \"no\"");
}

// MESSAGE is what journalctl prints as the line, so it is escaped like
// logfmt; the structured field is data and keeps the title as it came.
TEST(JournalFields, MessageEscapesBidiControlsWhileTheFieldKeepsThem) {
  const std::vector<std::string> fields = journal_fields(Level::kInfo, "spooled", {{"title", "a\u202Eb"}});
  ASSERT_EQ(fields.size(), 5u);
  EXPECT_EQ(fields[0], R"(MESSAGE=spooled title="a\u202eb")");
  EXPECT_EQ(fields[4], "TITLE=a\u202Eb");
}

TEST(JournalFields, KeysJournaldOwnsAreRenamed) {
  // feed-failed carries message=; a second MESSAGE= would garble the entry.
  const std::vector<std::string> fields = journal_fields(
      Level::kWarning, "feed-failed", {{"message", "timed out"}, {"priority", 1}, {"errno", 5}});
  ASSERT_EQ(fields.size(), 7u);
  EXPECT_EQ(fields[0], R"(MESSAGE=feed-failed message="timed out" priority=1 errno=5)");
  EXPECT_EQ(fields[1], "PRIORITY=4");
  EXPECT_EQ(fields[4], "JINGWEN_MESSAGE=timed out");
  EXPECT_EQ(fields[5], "JINGWEN_PRIORITY=1");
  EXPECT_EQ(fields[6], "JINGWEN_ERRNO=5");
}

TEST(JournalFields, KeysAreMadeValidFieldNames) {
  const std::vector<std::string> fields =
      journal_fields(Level::kInfo, "e", {{"bad-key", "1"}, {"_trusted", "2"}, {"9lives", "3"}});
  ASSERT_EQ(fields.size(), 7u);
  EXPECT_EQ(fields[4], "BAD_KEY=1");
  EXPECT_EQ(fields[5], "TRUSTED=2");  // a leading '_' would claim to be journald's own
  EXPECT_EQ(fields[6], "FIELD_9LIVES=3");
}

TEST(JournalFields, ValuesAreBoundedAndValidUtf8) {
  const std::vector<std::string> fields =
      journal_fields(Level::kInfo, "e", {{"title", std::string(kMaxValueBytes + 10, 'x')}, {"bad", "\xff"}});
  ASSERT_EQ(fields.size(), 6u);
  EXPECT_EQ(fields[4], "TITLE=" + std::string(kMaxValueBytes, 'x') + "…");
  EXPECT_EQ(fields[5], "BAD=\uFFFD");
}

TEST(Logger, LogfmtSinkWritesOneLine) {
  TempFile file(std::tmpfile());
  ASSERT_NE(file, nullptr);
  Logger logger(Sink::kLogfmt, file.get());
  logger.log(Level::kNotice, "reloaded", {{"feeds", 3}});
  const std::string text = read_all(file.get());
  EXPECT_TRUE(std::regex_match(
      text, std::regex(R"(time=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z level=notice event=reloaded feeds=3\n)")))
      << text;
}

TEST(Logger, SetSinkSwitchesToLogfmt) {
  TempFile file(std::tmpfile());
  ASSERT_NE(file, nullptr);
  Logger logger(Sink::kJournal, file.get());
  EXPECT_EQ(logger.sink(), Sink::kJournal);
  logger.set_sink(Sink::kLogfmt);
  EXPECT_EQ(logger.sink(), Sink::kLogfmt);
  logger.log(Level::kInfo, "ready");
  EXPECT_NE(read_all(file.get()).find(" level=info event=ready\n"), std::string::npos);
}

TEST(Logger, JournalSinkFallsBackToLogfmtWithoutJournald) {
  struct stat st = {};
  if (stat("/run/systemd/journal/socket", &st) == 0) {
    GTEST_SKIP() << "journald is listening here; the entry went to the journal";
  }
  TempFile file(std::tmpfile());
  ASSERT_NE(file, nullptr);
  Logger logger(Sink::kJournal, file.get());
  logger.log(Level::kError, "error", {{"reason", "state"}, {"message", "disk I/O error"}});
  EXPECT_NE(read_all(file.get()).find(R"( level=error event=error reason=state message="disk I/O error")"
                                      "\n"),
            std::string::npos);
}

TEST(Logger, ThreadsNeverInterleaveLines) {
  constexpr int kThreads = 8;
  constexpr int kEventsPerThread = 200;
  // Long enough that an unlocked writer would split it across stdio buffers.
  const std::string pad(1000, 'p');
  TempFile file(std::tmpfile());
  ASSERT_NE(file, nullptr);
  Logger logger(Sink::kLogfmt, file.get());
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEventsPerThread; ++i) {
        logger.log(Level::kInfo, "tick", {{"thread", t}, {"seq", i}, {"pad", pad + " " + pad}});
      }
    });
  }
  for (std::thread& t : threads) t.join();

  const std::vector<std::string> lines = split_lines(read_all(file.get()));
  ASSERT_EQ(lines.size(), static_cast<std::size_t>(kThreads * kEventsPerThread));
  // std::regex recurses per character: match the short head with it and
  // compare the long tail directly.
  const std::regex head(R"(time=\S+Z level=info event=tick thread=(\d+) seq=(\d+) )");
  const std::string tail = "pad=\"" + pad + " " + pad + "\"";
  std::set<std::pair<int, int>> seen;
  for (const std::string& line : lines) {
    const std::size_t at = line.find("pad=");
    ASSERT_NE(at, std::string::npos) << line.substr(0, 120);
    std::smatch m;
    const std::string line_head = line.substr(0, at);
    ASSERT_TRUE(std::regex_match(line_head, m, head)) << line_head;
    ASSERT_EQ(line.substr(at), tail) << line.substr(0, 120);
    seen.emplace(std::stoi(m[1]), std::stoi(m[2]));
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kThreads * kEventsPerThread));
}

}  // namespace
}  // namespace jingwend
