// Stage 1, decode. See decode.h for the order of evidence; this file follows
// WHATWG's encoding sniffing where it can (BOM, labels, meta prescan) and
// departs from it where Chinese pages need it (GB18030 for every GB label,
// Big5-HKSCS for Big5, a 64 KiB meta window, UTF-8 bytes beating a gb2312
// label).
#include "clean/decode.h"

#include <unicode/ucnv_cb.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "clean/icu.h"

namespace clean {
namespace {

// Chinese CMSs emit kilobytes of scripts and styles before their <meta>;
// WHATWG's 1024 bytes miss many of them.
constexpr std::size_t kMetaScanBytes = 64 * 1024;
// ICU's detector gains nothing from more text and costs linear time: about
// half a millisecond per thousand non-ASCII bytes, more than a whole
// extract() of an average page. Two thousand (a thousand Chinese characters)
// tell GB18030 from Big5 at full confidence on every undeclared corpus page;
// sparse non-ASCII (a Latin-1 page) still gets the whole sample.
constexpr std::size_t kDetectorSampleBytes = 64 * 1024;
constexpr std::size_t kDetectorNonAsciiBytes = 2048;
// A label is overruled by UTF-8 only when the bytes hold at least this many
// non-ASCII code points, all well-formed. GB2312 text forms valid UTF-8 by
// chance for a character or two (about one pair in seven passes as a 2-byte
// sequence), never for eight in a row in practice.
constexpr std::size_t kMinUtf8CodePointsToOverruleLabel = 8;
// UTF-16 units held between the source decoder and the UTF-8 encoder.
constexpr std::size_t kPivotUnits = 4 * 1024;
// First guess at output size per input byte, in halves: GBK/Big5 Han text
// grows 2 -> 3 bytes. The buffer doubles when a page needs more (Latin-1
// text, runs of U+FFFD), so the worst case stays a small multiple of input.
constexpr std::size_t kInitialOutputHalvesPerByte = 3;
constexpr std::size_t kMinOutputBytes = 64;

constexpr std::string_view kUtf8 = "utf-8";

// how values; decode.h lists them with their meaning.
constexpr std::string_view kHowBom = "bom";
constexpr std::string_view kHowHttp = "http";
constexpr std::string_view kHowMeta = "meta";
constexpr std::string_view kHowXml = "xml";
constexpr std::string_view kHowValidUtf8 = "valid-utf8";
constexpr std::string_view kHowDetected = "detected";
constexpr std::string_view kHowDefault = "default";
constexpr std::string_view kHowError = "error";

// ---------------------------------------------------------------------------
// Labels.

struct LabelAlias {
  std::string_view label;      // lower case, as found in pages
  std::string_view canonical;  // our name; ICU opens every one of them
};

// Labels whose meaning differs from ICU's own reading, or that ICU lacks.
// Sorted by label (checked below) for binary search.
//  - Every GB label decodes as GB18030: pages labelled gb2312 routinely use
//    GBK characters (names with 镕 or 堃), and GB18030 is a strict superset.
//  - Every Big5 label decodes as Big5-HKSCS: Hong Kong and Taiwan pages mix
//    in HKSCS characters; plain Big5 would turn them into U+FFFD.
//  - Latin-1 and ASCII labels mean windows-1252 (WHATWG): servers say
//    iso-8859-1 for pages written with Windows quotes and dashes.
constexpr LabelAlias kLabelAliases[] = {
    {"ansi_x3.4-1968", "windows-1252"},
    {"ascii", "windows-1252"},
    {"big5", "big5-hkscs"},
    {"big5-hkscs", "big5-hkscs"},
    {"big5hkscs", "big5-hkscs"},
    {"chinese", "gb18030"},
    {"cn-big5", "big5-hkscs"},
    {"cp1252", "windows-1252"},
    {"cp819", "windows-1252"},
    {"cp936", "gb18030"},
    {"cp950", "big5-hkscs"},
    {"csbig5", "big5-hkscs"},
    {"csgb2312", "gb18030"},
    {"csiso58gb231280", "gb18030"},
    {"csisolatin1", "windows-1252"},
    {"euc-cn", "gb18030"},
    {"gb18030", "gb18030"},
    {"gb2312", "gb18030"},
    {"gb2312-80", "gb18030"},
    {"gb_2312", "gb18030"},
    {"gb_2312-80", "gb18030"},
    {"gbk", "gb18030"},
    {"ibm819", "windows-1252"},
    {"iso-8859-1", "windows-1252"},
    {"iso-ir-100", "windows-1252"},
    {"iso-ir-58", "gb18030"},
    {"iso8859-1", "windows-1252"},
    {"iso88591", "windows-1252"},
    {"iso_8859-1", "windows-1252"},
    {"iso_8859-1:1987", "windows-1252"},
    {"l1", "windows-1252"},
    {"latin1", "windows-1252"},
    {"ms936", "gb18030"},
    {"ms950", "big5-hkscs"},
    {"unicode-1-1-utf-8", "utf-8"},
    {"unicode11utf8", "utf-8"},
    {"unicode20utf8", "utf-8"},
    {"us-ascii", "windows-1252"},
    {"utf-16", "utf-16le"},
    {"utf-16be", "utf-16be"},
    {"utf-16le", "utf-16le"},
    {"utf-8", "utf-8"},
    {"utf8", "utf-8"},
    {"windows-1252", "windows-1252"},
    {"windows-936", "gb18030"},
    {"windows-950", "big5-hkscs"},
    {"x-big5", "big5-hkscs"},
    {"x-cp1252", "windows-1252"},
    {"x-euc-cn", "gb18030"},
    {"x-gbk", "gb18030"},
    {"x-unicode20utf8", "utf-8"},
    {"x-x-big5", "big5-hkscs"},
};

static_assert(std::is_sorted(std::begin(kLabelAliases), std::end(kLabelAliases),
                             [](const LabelAlias& a, const LabelAlias& b) {
                               return a.label < b.label;
                             }),
              "kLabelAliases must stay sorted by label");

constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr bool is_html_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// Trims what sloppy pages wrap a label in: spaces, quotes, a trailing '/'
// from `charset=gbk/>`.
std::string_view trim_label(std::string_view label) {
  const auto is_junk = [](char c) { return is_html_space(c) || c == '"' || c == '\''; };
  while (!label.empty() && is_junk(label.front())) label.remove_prefix(1);
  while (!label.empty() && (is_junk(label.back()) || label.back() == '/')) label.remove_suffix(1);
  return label;
}

std::optional<std::string_view> find_alias(std::string_view lower_label) {
  const auto* it = std::lower_bound(
      std::begin(kLabelAliases), std::end(kLabelAliases), lower_label,
      [](const LabelAlias& alias, std::string_view label) { return alias.label < label; });
  if (it == std::end(kLabelAliases) || it->label != lower_label) return std::nullopt;
  return it->canonical;
}

// ICU's preferred public name for a charset it knows: MIME, else IANA.
const char* icu_standard_name(const char* label) {
  for (const char* standard : {"MIME", "IANA"}) {
    UErrorCode status = U_ZERO_ERROR;
    const char* name = ucnv_getStandardName(label, standard, &status);
    if (U_SUCCESS(status) && name != nullptr) return name;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------
// Byte evidence.

struct BomMatch {
  std::string_view charset;
  std::size_t length;
};

std::optional<BomMatch> sniff_bom(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) return BomMatch{kUtf8, 3};
  if (bytes.starts_with("\xFF\xFE")) return BomMatch{"utf-16le", 2};
  if (bytes.starts_with("\xFE\xFF")) return BomMatch{"utf-16be", 2};
  return std::nullopt;
}

struct Utf8Scan {
  bool valid = true;          // well-formed; a sequence cut off by the end is allowed
  bool truncated = false;     // the input ends inside a sequence
  std::size_t non_ascii = 0;  // code points above U+007F seen
  bool complete() const { return valid && !truncated; }
};

// The byte range allowed right after a lead byte (Unicode, table 3-7):
// excludes overlongs (E0, F0), surrogates (ED) and code points past U+10FFFF (F4).
struct Utf8Lead {
  int length;  // 0: not a lead byte
  unsigned char second_min;
  unsigned char second_max;
};

constexpr Utf8Lead classify_lead(unsigned char b) {
  if (b >= 0xC2 && b <= 0xDF) return {2, 0x80, 0xBF};
  if (b == 0xE0) return {3, 0xA0, 0xBF};
  if (b == 0xED) return {3, 0x80, 0x9F};
  if (b >= 0xE1 && b <= 0xEF) return {3, 0x80, 0xBF};
  if (b == 0xF0) return {4, 0x90, 0xBF};
  if (b >= 0xF1 && b <= 0xF3) return {4, 0x80, 0xBF};
  if (b == 0xF4) return {4, 0x80, 0x8F};
  return {0, 0, 0};
}

bool eight_ascii_bytes(const unsigned char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return (word & 0x8080808080808080ULL) == 0;
}

// One linear pass, stopping at the first ill-formed byte: GBK and Big5 pages
// fail within their first Han character, so the check costs them nothing.
Utf8Scan scan_utf8(std::string_view bytes) {
  Utf8Scan scan;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = p + bytes.size();
  while (p < end) {
    if (end - p >= 8 && eight_ascii_bytes(p)) {
      p += 8;
      continue;
    }
    if (*p < 0x80) {
      ++p;
      continue;
    }
    const Utf8Lead lead = classify_lead(*p);
    if (lead.length == 0) {
      scan.valid = false;
      return scan;
    }
    for (int i = 1; i < lead.length; ++i) {
      if (p + i == end) {
        scan.truncated = true;  // a download cut mid-character is still UTF-8
        return scan;
      }
      const unsigned char min = i == 1 ? lead.second_min : 0x80;
      const unsigned char max = i == 1 ? lead.second_max : 0xBF;
      if (p[i] < min || p[i] > max) {
        scan.valid = false;
        return scan;
      }
    }
    ++scan.non_ascii;
    p += lead.length;
  }
  return scan;
}

bool proves_utf8(const Utf8Scan& scan) {
  return scan.valid && scan.non_ascii >= kMinUtf8CodePointsToOverruleLabel;
}

// ---------------------------------------------------------------------------
// <meta> prescan, after WHATWG's "prescan a byte stream", reduced to what
// decides a charset: comments are skipped, every <meta> is read for
// charset= or http-equiv + content, everything else is passed over.

bool starts_with_ci(std::string_view s, std::size_t pos, std::string_view prefix) {
  if (s.size() - pos < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (ascii_lower(s[pos + i]) != prefix[i]) return false;
  }
  return true;
}

std::size_t skip_spaces(std::string_view s, std::size_t pos) {
  while (pos < s.size() && is_html_space(s[pos])) ++pos;
  return pos;
}

struct MetaAttributes {
  std::optional<std::string_view> charset;
  std::optional<std::string_view> http_equiv;
  std::optional<std::string_view> content;
  bool has_name = false;  // name= or property=: a <meta> about the page, not its bytes
};

// Reads one attribute at `pos`; returns false at '>' or the end of input.
bool read_attribute(std::string_view s, std::size_t& pos, std::string& name,
                    std::string_view& value) {
  while (pos < s.size() && (is_html_space(s[pos]) || s[pos] == '/')) ++pos;
  if (pos >= s.size() || s[pos] == '>') return false;
  name.clear();
  value = {};
  while (pos < s.size() && s[pos] != '=' && s[pos] != '>' && s[pos] != '/' &&
         !is_html_space(s[pos])) {
    name += ascii_lower(s[pos++]);
  }
  pos = skip_spaces(s, pos);
  if (pos >= s.size() || s[pos] != '=') return true;
  pos = skip_spaces(s, pos + 1);
  if (pos >= s.size()) return true;
  if (s[pos] == '"' || s[pos] == '\'') {
    const std::size_t close = s.find(s[pos], pos + 1);
    const std::size_t stop = close == std::string_view::npos ? s.size() : close;
    value = s.substr(pos + 1, stop - pos - 1);
    pos = stop + 1;
    return true;
  }
  const std::size_t start = pos;
  while (pos < s.size() && s[pos] != '>' && !is_html_space(s[pos])) ++pos;
  value = s.substr(start, pos - start);
  return true;
}

// Reads the attributes of a <meta> whose name ends before `pos`; leaves pos
// after its '>'.
MetaAttributes read_meta(std::string_view s, std::size_t& pos) {
  MetaAttributes meta;
  std::string name;
  std::string_view value;
  while (read_attribute(s, pos, name, value)) {
    if (name == "charset" && !meta.charset) meta.charset = value;
    if (name == "http-equiv" && !meta.http_equiv) meta.http_equiv = value;
    if (name == "content" && !meta.content) meta.content = value;
    if (name == "name" || name == "property") meta.has_name = true;
  }
  if (pos < s.size()) ++pos;  // the '>'
  return meta;
}

// The label after "charset=" in a content attribute such as
// "text/html; charset=gb2312".
std::optional<std::string_view> charset_from_content(std::string_view content) {
  std::size_t pos = 0;
  while (pos < content.size()) {
    std::size_t found = std::string_view::npos;
    for (std::size_t i = pos; i + 7 <= content.size(); ++i) {
      if (starts_with_ci(content, i, "charset")) {
        found = i;
        break;
      }
    }
    if (found == std::string_view::npos) return std::nullopt;
    pos = skip_spaces(content, found + 7);
    if (pos >= content.size() || content[pos] != '=') continue;  // e.g. "charsets"
    pos = skip_spaces(content, pos + 1);
    const std::size_t start = pos;
    while (pos < content.size() && content[pos] != ';' && !is_html_space(content[pos])) ++pos;
    return content.substr(start, pos - start);  // quotes are trimmed with the label
  }
  return std::nullopt;
}

std::optional<std::string_view> meta_label(const MetaAttributes& meta) {
  if (meta.charset) return meta.charset;
  if (!meta.content) return std::nullopt;
  // WHATWG wants http-equiv=content-type; pages that drop it but say
  // content="text/html; charset=..." on an otherwise bare <meta> mean the same.
  const bool declares_type = meta.http_equiv
                                 ? lower_ascii(trim_label(*meta.http_equiv)) == "content-type"
                                 : !meta.has_name;
  if (!declares_type) return std::nullopt;
  return charset_from_content(*meta.content);
}

// A <meta> readable as ASCII cannot be in UTF-16 or UTF-32, so such a label
// there is wrong on its face; WHATWG reads those pages as UTF-8.
bool is_wide_unicode(std::string_view charset) {
  return charset.starts_with("utf-16") || charset.starts_with("utf-32");
}

// The first <meta> in `head` whose label ICU can decode, canonicalised.
// Unknown labels are skipped, as WHATWG does.
std::optional<std::string> find_meta_charset(std::string_view head) {
  std::size_t pos = 0;
  while ((pos = head.find('<', pos)) != std::string_view::npos) {
    if (head.compare(pos, 4, "<!--") == 0) {
      const std::size_t close = head.find("-->", pos + 4);
      if (close == std::string_view::npos) return std::nullopt;
      pos = close + 3;
      continue;
    }
    const std::size_t after_name = pos + 5;
    if (starts_with_ci(head, pos, "<meta") && after_name < head.size() &&
        (is_html_space(head[after_name]) || head[after_name] == '/')) {
      pos = after_name;
      const MetaAttributes meta = read_meta(head, pos);
      if (const auto label = meta_label(meta)) {
        std::string charset = canonical_charset(*label);
        if (is_wide_unicode(charset)) return std::string(kUtf8);
        if (!charset.empty()) return charset;
      }
      continue;
    }
    ++pos;
  }
  return std::nullopt;
}

// The encoding= of an XML declaration at the start of `bytes` (leading
// whitespace allowed: feed generators print a newline first), canonicalised;
// nullopt when there is none or ICU knows no such label. Chinese RSS feeds
// declare GBK here and nowhere else.
std::optional<std::string> find_xml_declaration_charset(std::string_view bytes) {
  // <?xml version="1.0" encoding="..." standalone="..."?> fits easily.
  constexpr std::size_t kMaxDeclarationBytes = 512;
  std::size_t pos = skip_spaces(bytes, 0);
  if (bytes.compare(pos, 5, "<?xml") != 0 || pos + 5 >= bytes.size() ||
      !is_html_space(bytes[pos + 5])) {
    return std::nullopt;
  }
  pos += 5;
  const std::string_view window = bytes.substr(0, pos + kMaxDeclarationBytes);
  const std::size_t end = window.find("?>", pos);
  if (end == std::string_view::npos) return std::nullopt;
  const std::string_view declaration = window.substr(0, end);
  std::string name;
  std::string_view value;
  while (read_attribute(declaration, pos, name, value)) {
    if (name != "encoding") continue;
    std::string charset = canonical_charset(value);
    // As for <meta>: a declaration readable as ASCII is not in UTF-16/32.
    if (is_wide_unicode(charset)) return std::string(kUtf8);
    if (charset.empty()) return std::nullopt;
    return charset;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------
// Statistical detection.

std::optional<std::string> detect_charset(std::string_view bytes) {
  IcuDetector detector = open_icu_detector();
  if (!detector) return std::nullopt;
  std::string_view sample = bytes.substr(0, kDetectorSampleBytes);
  std::size_t non_ascii = 0;
  for (std::size_t i = 0; i < sample.size(); ++i) {
    if (static_cast<unsigned char>(sample[i]) >= 0x80 && ++non_ascii == kDetectorNonAsciiBytes) {
      sample = sample.substr(0, i + 1);
      break;
    }
  }
  UErrorCode status = U_ZERO_ERROR;
  // Markup is ASCII in every charset and drowns the signal; ICU falls back
  // to the raw bytes when too little text remains.
  ucsdet_enableInputFilter(detector.get(), true);
  ucsdet_setText(detector.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
  if (U_FAILURE(status) || match == nullptr) return std::nullopt;
  const char* name = ucsdet_getName(match, &status);
  if (U_FAILURE(status) || name == nullptr) return std::nullopt;
  std::string charset = canonical_charset(name);
  if (charset.empty()) return std::nullopt;
  return charset;
}

// ---------------------------------------------------------------------------
// Conversion.

// ICU's stock substitute callback writes U+001A for a bad single byte in
// converters that define a one-byte substitute; we promise U+FFFD everywhere.
void substitute_replacement_character(const void* /*context*/, UConverterToUnicodeArgs* args,
                                      const char* /*bytes*/, int32_t /*length*/,
                                      UConverterCallbackReason reason, UErrorCode* status) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to write
  static constexpr UChar kReplacementCharacter = 0xFFFD;
  *status = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &kReplacementCharacter, 1, 0, status);
}

// `bytes` in the ICU charset `charset` as UTF-8, or nullopt when ICU cannot
// open it. Linear in the input; the output buffer doubles when it fills.
std::optional<std::string> icu_to_utf8(std::string_view bytes, const std::string& charset) {
  IcuConverter source = open_icu_converter(charset.c_str());
  IcuConverter target = open_icu_converter("UTF-8");
  if (!source || !target) return std::nullopt;
  if (bytes.empty()) return std::string();
  UErrorCode status = U_ZERO_ERROR;
  ucnv_setToUCallBack(source.get(), substitute_replacement_character, nullptr, nullptr, nullptr,
                      &status);
  if (U_FAILURE(status)) return std::nullopt;

  std::string out(std::max(kMinOutputBytes, bytes.size() * kInitialOutputHalvesPerByte / 2), '\0');
  std::size_t written = 0;
  std::array<UChar, kPivotUnits> pivot;
  UChar* pivot_source = pivot.data();
  UChar* pivot_target = pivot.data();
  const char* in = bytes.data();
  const char* const in_end = bytes.data() + bytes.size();
  bool reset = true;
  for (;;) {
    char* out_pos = out.data() + written;
    status = U_ZERO_ERROR;
    ucnv_convertEx(target.get(), source.get(), &out_pos, out.data() + out.size(), &in, in_end,
                   pivot.data(), &pivot_source, &pivot_target, pivot.data() + pivot.size(), reset,
                   /*flush=*/true, &status);
    reset = false;  // later rounds continue the same stream
    written = static_cast<std::size_t>(out_pos - out.data());
    if (status != U_BUFFER_OVERFLOW_ERROR) break;
    out.resize(out.size() * 2);
  }
  if (U_FAILURE(status)) return std::nullopt;
  out.resize(written);
  return out;
}

Decoded make_decoded(std::string text, std::string_view charset, std::string_view how) {
  return Decoded{std::move(text), std::string(charset), std::string(how)};
}

// `bytes` decoded as `charset`; UTF-8 when ICU cannot open it (not expected:
// every charset reaching here came through canonical_charset).
Decoded convert(std::string_view bytes, const Utf8Scan& utf8, const std::string& charset,
                std::string_view how) {
  if (charset == kUtf8 && utf8.complete()) {
    return make_decoded(std::string(bytes), kUtf8, how);  // already what we promise
  }
  if (auto text = icu_to_utf8(bytes, charset)) return make_decoded(std::move(*text), charset, how);
  auto text = icu_to_utf8(bytes, std::string(kUtf8));
  return make_decoded(text ? std::move(*text) : std::string(), kUtf8, how);
}

// A label from the server or the page, unless the bytes prove it wrong.
Decoded decode_labelled(std::string_view bytes, const Utf8Scan& utf8, const std::string& charset,
                        std::string_view how) {
  if (charset != kUtf8 && proves_utf8(utf8)) {
    return convert(bytes, utf8, std::string(kUtf8), kHowValidUtf8);
  }
  return convert(bytes, utf8, charset, how);
}

// The document's own label: the XML declaration (first in the file, so read
// first), else a <meta> in the first kMetaScanBytes.
struct Label {
  std::string charset;
  std::string_view how;
};
std::optional<Label> document_label(std::string_view bytes) {
  if (auto charset = find_xml_declaration_charset(bytes)) return Label{std::move(*charset), kHowXml};
  if (auto charset = find_meta_charset(bytes.substr(0, kMetaScanBytes))) {
    return Label{std::move(*charset), kHowMeta};
  }
  return std::nullopt;
}

Decoded decode_or_throw(std::string_view bytes, std::string_view http_charset) {
  if (const auto bom = sniff_bom(bytes)) {
    const std::string_view body = bytes.substr(bom->length);
    const Utf8Scan utf8 = bom->charset == kUtf8 ? scan_utf8(body) : Utf8Scan{};
    return convert(body, utf8, std::string(bom->charset), kHowBom);
  }
  const Utf8Scan utf8 = scan_utf8(bytes);
  if (std::string charset = canonical_charset(http_charset); !charset.empty()) {
    // Web servers that label every page utf-8 while the CMS writes GBK: bytes
    // that are not UTF-8 and a page label naming another charset overrule
    // the header. Without such a label the header stands (bad bytes -> U+FFFD).
    if (charset == kUtf8 && !utf8.valid) {
      const std::optional<Label> own = document_label(bytes);
      if (own && own->charset != kUtf8) return convert(bytes, utf8, own->charset, own->how);
    }
    return decode_labelled(bytes, utf8, charset, kHowHttp);
  }
  if (const std::optional<Label> own = document_label(bytes)) {
    return decode_labelled(bytes, utf8, own->charset, own->how);
  }
  // Valid UTF-8 is settled before the detector, which misreads short UTF-8
  // Chinese as GB18030 and plain ASCII as ISO-8859-1.
  if (utf8.valid) {
    return convert(bytes, utf8, std::string(kUtf8),
                   utf8.non_ascii > 0 ? kHowValidUtf8 : kHowDefault);
  }
  if (const auto charset = detect_charset(bytes)) {
    return convert(bytes, utf8, *charset, kHowDetected);
  }
  return convert(bytes, utf8, std::string(kUtf8), kHowDefault);
}

}  // namespace

Decoded decode(std::string_view bytes, std::string_view http_charset) {
  try {
    return decode_or_throw(bytes, http_charset);
  } catch (...) {
    // Only allocation can fail here (ICU reports errors as codes). Empty
    // strings and "error" fit std::string's inline buffer: no allocation.
    return Decoded{std::string(), std::string(), std::string(kHowError)};
  }
}

std::string canonical_charset(std::string_view label) {
  const std::string lower = lower_ascii(trim_label(label));
  // ICU sees a C string: "gbk\0junk" must not pass as "gbk".
  if (lower.empty() || lower.find('\0') != std::string::npos) return std::string();
  if (const auto alias = find_alias(lower)) return std::string(*alias);
  if (!open_icu_converter(lower.c_str())) return std::string();
  // ICU knows it under some name; prefer the public one ("euc-kr", not
  // "ibm-970_P110_P110-2006_U2"), and apply our aliases to it ("GBK").
  const char* standard = icu_standard_name(lower.c_str());
  if (standard == nullptr) return lower;
  std::string name = lower_ascii(standard);
  if (const auto alias = find_alias(name)) return std::string(*alias);
  return name;
}

}  // namespace clean
