// The dedup decision (rules in dedup.h). Reads the state, writes nothing: the
// caller spools first and commits after, so a crash between the two repeats
// the same decision.
#include "daemon/dedup.h"

#include <utility>

namespace jingwend {
namespace {

constexpr std::pair<Verdict, std::string_view> kVerdictNames[] = {
    {Verdict::kNew, "new"},
    {Verdict::kRevision, "revision"},
    {Verdict::kUnchanged, "unchanged"},
    {Verdict::kSameContent, "same-content"},
    {Verdict::kNearDuplicate, "near-duplicate"},
};

}  // namespace

std::string_view verdict_name(Verdict verdict) {
  for (const auto& [v, name] : kVerdictNames) {
    if (v == verdict) return name;
  }
  return "unknown";  // unreachable: every verdict is in the table
}

Judgement judge(State& state, std::string_view url_key, std::string_view content_sha256,
                std::uint64_t simhash, std::size_t text_chars, int max_distance) {
  // Rules 1 and 2: this URL was seen before.
  if (const std::optional<SeenEntry> same_url = state.seen(url_key)) {
    if (!content_sha256.empty() && same_url->content_sha256 == content_sha256) {
      return {Verdict::kUnchanged};
    }
    // Only a spooled record can be revised. A URL remembered as a duplicate
    // or as not an article goes on to rules 3-5: an edited copy of another
    // site's story is still a copy.
    if (same_url->kind == SeenKind::kSpooled) return {Verdict::kRevision};
  }
  // Rule 3: the same text under another URL.
  if (const std::optional<SeenEntry> same_text = state.by_content(content_sha256, url_key)) {
    return {Verdict::kSameContent, same_text->url};
  }
  // Rule 4: nearly the same text, for texts long enough to tell.
  if (max_distance >= 0 && text_chars >= kMinSimhashChars && simhash != 0) {
    if (const std::optional<NearMatch> near = state.near(simhash, max_distance, url_key)) {
      return {Verdict::kNearDuplicate, near->entry.url, near->distance};
    }
  }
  return {Verdict::kNew};
}

std::string item_stamp(std::string_view published, std::string_view title) {
  std::string stamp(published);
  stamp += '\n';
  stamp += title;
  return stamp;
}

}  // namespace jingwend
