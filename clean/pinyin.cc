// Pinyin annotation removal: a linear scan that, at each opening parenthesis
// after a Han character, reads ahead a bounded number of code points to see
// whether the parenthesis holds pinyin. Tables: the letters (with their tone
// marks folded) and the syllables of Hanyu Pinyin.
#include "clean/pinyin.h"

#include <algorithm>
#include <string_view>

#include "clean/text.h"

namespace clean {
namespace {

// zhuang, shuang, chuang: the longest syllables, in letters.
constexpr int kMaxSyllableLetters = 6;

struct PinyinLetter {
  char32_t cp;
  char base;   // the toneless letter; 'v' stands for ü
  bool toned;  // carries a tone mark
};

// The accented letters pinyin uses, sorted by code point. ê is left out: its
// syllable is too rare to earn a place, and French words carry it.
constexpr PinyinLetter kAccented[] = {
    {U'à', 'a', true},  {U'á', 'a', true},  {U'è', 'e', true},  {U'é', 'e', true},
    {U'ì', 'i', true},  {U'í', 'i', true},  {U'ò', 'o', true},  {U'ó', 'o', true},
    {U'ù', 'u', true},  {U'ú', 'u', true},  {U'ü', 'v', false}, {U'ā', 'a', true},
    {U'ē', 'e', true},  {U'ě', 'e', true},  {U'ī', 'i', true},  {U'ń', 'n', true},
    {U'ň', 'n', true},  {U'ō', 'o', true},  {U'ū', 'u', true},  {U'ǎ', 'a', true},
    {U'ǐ', 'i', true},  {U'ǒ', 'o', true},  {U'ǔ', 'u', true},  {U'ǖ', 'v', true},
    {U'ǘ', 'v', true},  {U'ǚ', 'v', true},  {U'ǜ', 'v', true},  {U'ǹ', 'n', true},
    {U'ḿ', 'm', true},
};

// Every toneless Hanyu Pinyin syllable, ü written v (lv, nve), sorted. A
// syllable check, not just a letter check, is what keeps (café) and (née):
// their letters are all pinyin letters.
constexpr std::string_view kSyllables[] = {
    "a", "ai", "an", "ang", "ao", "ba", "bai", "ban", "bang", "bao", "bei", "ben", "beng", "bi",
    "bian", "biao", "bie", "bin", "bing", "bo", "bu", "ca", "cai", "can", "cang", "cao", "ce",
    "cen", "ceng", "cha", "chai", "chan", "chang", "chao", "che", "chen", "cheng", "chi",
    "chong", "chou", "chu", "chua", "chuai", "chuan", "chuang", "chui", "chun", "chuo", "ci",
    "cong", "cou", "cu", "cuan", "cui", "cun", "cuo", "da", "dai", "dan", "dang", "dao", "de",
    "dei", "den", "deng", "di", "dia", "dian", "diao", "die", "ding", "diu", "dong", "dou",
    "du", "duan", "dui", "dun", "duo", "e", "ei", "en", "eng", "er", "fa", "fan", "fang", "fei",
    "fen", "feng", "fo", "fou", "fu", "ga", "gai", "gan", "gang", "gao", "ge", "gei", "gen",
    "geng", "gong", "gou", "gu", "gua", "guai", "guan", "guang", "gui", "gun", "guo", "ha",
    "hai", "han", "hang", "hao", "he", "hei", "hen", "heng", "hm", "hng", "hong", "hou", "hu",
    "hua", "huai", "huan", "huang", "hui", "hun", "huo", "ji", "jia", "jian", "jiang", "jiao",
    "jie", "jin", "jing", "jiong", "jiu", "ju", "juan", "jue", "jun", "ka", "kai", "kan",
    "kang", "kao", "ke", "kei", "ken", "keng", "kong", "kou", "ku", "kua", "kuai", "kuan",
    "kuang", "kui", "kun", "kuo", "la", "lai", "lan", "lang", "lao", "le", "lei", "leng", "li",
    "lia", "lian", "liang", "liao", "lie", "lin", "ling", "liu", "lo", "long", "lou", "lu",
    "luan", "lun", "luo", "lv", "lve", "m", "ma", "mai", "man", "mang", "mao", "me", "mei",
    "men", "meng", "mi", "mian", "miao", "mie", "min", "ming", "miu", "mo", "mou", "mu", "n",
    "na", "nai", "nan", "nang", "nao", "ne", "nei", "nen", "neng", "ng", "ni", "nian", "niang",
    "niao", "nie", "nin", "ning", "niu", "nong", "nou", "nu", "nuan", "nuo", "nv", "nve", "o",
    "ou", "pa", "pai", "pan", "pang", "pao", "pei", "pen", "peng", "pi", "pian", "piao", "pie",
    "pin", "ping", "po", "pou", "pu", "qi", "qia", "qian", "qiang", "qiao", "qie", "qin",
    "qing", "qiong", "qiu", "qu", "quan", "que", "qun", "ran", "rang", "rao", "re", "ren",
    "reng", "ri", "rong", "rou", "ru", "rua", "ruan", "rui", "run", "ruo", "sa", "sai", "san",
    "sang", "sao", "se", "sen", "seng", "sha", "shai", "shan", "shang", "shao", "she", "shei",
    "shen", "sheng", "shi", "shou", "shu", "shua", "shuai", "shuan", "shuang", "shui", "shun",
    "shuo", "si", "song", "sou", "su", "suan", "sui", "sun", "suo", "ta", "tai", "tan", "tang",
    "tao", "te", "teng", "ti", "tian", "tiao", "tie", "ting", "tong", "tou", "tu", "tuan",
    "tui", "tun", "tuo", "wa", "wai", "wan", "wang", "wei", "wen", "weng", "wo", "wu", "xi",
    "xia", "xian", "xiang", "xiao", "xie", "xin", "xing", "xiong", "xiu", "xu", "xuan", "xue",
    "xun", "ya", "yan", "yang", "yao", "ye", "yi", "yin", "ying", "yo", "yong", "you", "yu",
    "yuan", "yue", "yun", "za", "zai", "zan", "zang", "zao", "ze", "zei", "zen", "zeng", "zha",
    "zhai", "zhan", "zhang", "zhao", "zhe", "zhei", "zhen", "zheng", "zhi", "zhong", "zhou",
    "zhu", "zhua", "zhuai", "zhuan", "zhuang", "zhui", "zhun", "zhuo", "zi", "zong", "zou",
    "zu", "zuan", "zui", "zun", "zuo",
};

constexpr bool sorted_tables() {
  for (std::size_t k = 1; k < std::size(kAccented); ++k) {
    if (kAccented[k - 1].cp >= kAccented[k].cp) return false;
  }
  for (std::size_t k = 1; k < std::size(kSyllables); ++k) {
    if (kSyllables[k - 1] >= kSyllables[k]) return false;
  }
  return true;
}
static_assert(sorted_tables(), "kAccented and kSyllables must be sorted for binary search");

// The pinyin letter `cp` spells, or base 0. Lower case only: readings are
// printed in lower case, and (AP) or (GDP) are not readings. ASCII v is only
// a typing stand-in for ü.
PinyinLetter pinyin_letter(char32_t cp) {
  if (cp >= 'a' && cp <= 'z' && cp != 'v') return {cp, static_cast<char>(cp), false};
  const auto* it = std::lower_bound(std::begin(kAccented), std::end(kAccented), cp,
                                    [](const PinyinLetter& l, char32_t c) { return l.cp < c; });
  if (it != std::end(kAccented) && it->cp == cp) return *it;
  return {cp, 0, false};
}

bool is_syllable(std::string_view letters) {
  return std::binary_search(std::begin(kSyllables), std::end(kSyllables), letters);
}

bool is_open(char32_t cp) { return cp == U'(' || cp == U'（'; }
bool is_close(char32_t cp) { return cp == U')' || cp == U'）'; }

// With `i` just past an opening parenthesis: when what follows is pinyin and
// a closing parenthesis, returns the index just past that parenthesis, else
// npos. Reads at most kMaxPinyinSyllables * (kMaxSyllableLetters + 1) code
// points, which keeps the whole scan linear.
std::size_t annotation_end(std::string_view s, std::size_t i) {
  bool toned = false;
  for (int syllable = 0; syllable < kMaxPinyinSyllables; ++syllable) {
    char letters[kMaxSyllableLetters];
    int n = 0;
    char32_t cp = 0;
    while (true) {
      if (i >= s.size()) return std::string_view::npos;
      cp = next_code_point(s, i);
      const PinyinLetter letter = pinyin_letter(cp);
      if (letter.base == 0) break;
      if (n == kMaxSyllableLetters) return std::string_view::npos;
      letters[n++] = letter.base;
      toned = toned || letter.toned;
    }
    if (!is_syllable(std::string_view(letters, n))) return std::string_view::npos;
    if (is_close(cp)) return toned ? i : std::string_view::npos;
    if (cp != U' ') return std::string_view::npos;
  }
  return std::string_view::npos;
}

}  // namespace

int strip_pinyin(std::string& text) {
  std::string out;
  int removed = 0;
  std::size_t copied = 0;  // text before this index is already in `out`
  char32_t previous = 0;   // the last code point kept
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(text, i);
    if (is_open(cp) && is_han(previous)) {
      const std::size_t end = annotation_end(text, i);
      if (end != std::string_view::npos) {
        out.append(text, copied, start - copied);
        copied = i = end;
        ++removed;
        continue;  // `previous` stays the annotated character
      }
    }
    previous = cp;
  }
  if (removed == 0) return 0;
  out.append(text, copied);
  text.swap(out);
  return removed;
}

}  // namespace clean
