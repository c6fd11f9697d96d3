// Spam: the SEO keywords that hijacked pages carry. Injected text comes as a
// run of porn/gambling keywords joined by `|` or `_` — a whole line at the
// top of the page, or a span standing inside a sentence where a place name
// was (`《英国最大赌博365网站_365网站不给出款怎么办_365APP…方案》`). A run is
// spam when its segments are short, carry no sentence punctuation, and the
// lexicon (spam_lexicon.cc) finds gambling/porn terms in them. A sentence
// that merely mentions such a word (`严厉打击网络赌博`) is never touched: it is
// not a keyword run. Pure functions; thread-safe.
#ifndef JINGWEN_CLEAN_SPAM_H_
#define JINGWEN_CLEAN_SPAM_H_

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace clean {

struct SpamCut {
  int spans = 0;           // injected spans removed
  std::size_t bytes = 0;   // bytes of text they held
};

// Removes the injected spans from `line` in place.
SpamCut remove_spam(std::string& line);

// True when `text` as a whole is spam: a keyword run, or a short line made
// of lexicon terms (a hijacked <title> or heading).
bool is_spam_text(std::string_view text);

// The lexicon, for tests. Strong terms name gambling or porn outright; weak
// terms (网站, 在线, 免费, 成人 …) are common in spam runs and in honest text
// alike, so they only count beside a strong term.
std::span<const std::string_view> spam_strong_terms();
std::span<const std::string_view> spam_weak_terms();

}  // namespace clean

#endif  // JINGWEN_CLEAN_SPAM_H_
