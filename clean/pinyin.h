// Stage 5 (convert), pinyin annotations. Pages pushed through a character
// "converter" print the reading after each character it changed: 網(wǎng)易,
// 優(yōu)質(zhì), 構（gòu）建. The readings are not the author's text.
#ifndef JINGWEN_CLEAN_PINYIN_H_
#define JINGWEN_CLEAN_PINYIN_H_

#include <string>

namespace clean {

// Longest annotation removed, in syllables: one per character is what the
// converters print; a few allow a whole word's reading (优质(yōu zhì)).
constexpr int kMaxPinyinSyllables = 4;

// Removes every parenthesised annotation, ASCII ( ) or full-width （ ）,
// that directly follows a Han character and holds 1 to kMaxPinyinSyllables
// pinyin syllables, one ASCII space apart, with at least one tone mark
// (āáǎà ... ǖǘǚǜ, ḿ ń ň ǹ). Each syllable must be a real toneless Hanyu Pinyin
// syllable in lower case (ü allowed). Keeps everything else: (2023),
// (记者周佳贝), (AP), (de) without a tone mark, (café), (ā) after a Latin
// letter, a space before the parenthesis. Returns how many it removed.
// One linear pass, UTF-8 safe (malformed bytes are kept as they are).
int strip_pinyin(std::string& text);

}  // namespace clean

#endif  // JINGWEN_CLEAN_PINYIN_H_
