// The dedup rules, as one pure decision over what the state knows.
//
// Order (first match wins):
//   1. same URL key, same content hash      -> kUnchanged (nothing written)
//   2. same URL key, other content hash     -> kRevision (spooled again: the
//      article's text changed; chrome-only changes hash the same and stop at 1)
//      — only when the stored entry is kSpooled: a URL remembered as a
//      duplicate or as not-an-article goes on to rules 3-5
//   3. other URL key, same content hash     -> kSameContent (dropped)
//   4. other URL key, SimHash within max_distance bits, text at least
//      kMinSimhashChars long               -> kNearDuplicate (dropped)
//   5. otherwise                            -> kNew
#ifndef JINGWEN_DAEMON_DEDUP_H_
#define JINGWEN_DAEMON_DEDUP_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "daemon/state.h"

namespace jingwend {

enum class Verdict { kNew, kRevision, kUnchanged, kSameContent, kNearDuplicate };
std::string_view verdict_name(Verdict verdict);  // "new", "revision", "unchanged", "same-content", "near-duplicate"

struct Judgement {
  Verdict verdict = Verdict::kNew;
  std::string other_url = {};  // the original, for kSameContent / kNearDuplicate
  int distance = 0;            // for kNearDuplicate
  bool spool() const { return verdict == Verdict::kNew || verdict == Verdict::kRevision; }
};

// Below this many characters a text's SimHash is too coarse to call two
// pages the same story (a short notice and a different short notice share
// most shingles of their template): rule 4 is skipped.
inline constexpr std::size_t kMinSimhashChars = 200;

// max_distance < 0 switches rule 4 off.
Judgement judge(State& state, std::string_view url_key, std::string_view content_sha256,
                std::uint64_t simhash, std::size_t text_chars, int max_distance);

// The stamp of a feed item (published + '\n' + title): a seen URL is fetched
// again only when its stamp changed.
std::string item_stamp(std::string_view published, std::string_view title);

}  // namespace jingwend

#endif  // JINGWEN_DAEMON_DEDUP_H_
