// Stage 1, decode: page bytes in any charset -> UTF-8.
//
// Order of evidence: BOM, then the HTTP charset, then the document's own
// label (the encoding= of an XML declaration at the start, which is where
// Chinese RSS feeds declare GBK, else <meta charset> / http-equiv anywhere in
// the first 64 KiB), then ICU's statistical detector, then UTF-8.
// gb2312/gbk/x-gbk decode as GB18030, big5 as Big5-HKSCS. A label that
// contradicts bytes which are valid UTF-8 with real multi-byte content loses
// to UTF-8 (pages re-saved as UTF-8 keep their old gb2312 <meta> or XML
// declaration). The reverse: an HTTP utf-8 label on bytes that are not UTF-8
// loses to a document label naming another charset (servers that call every
// page utf-8 in front of a GBK CMS).
// Invalid bytes become U+FFFD. Pure and thread-safe; never throws.
#ifndef JINGWEN_CLEAN_DECODE_H_
#define JINGWEN_CLEAN_DECODE_H_

#include <string>
#include <string_view>

namespace clean {

struct Decoded {
  std::string text;     // valid UTF-8, BOM removed
  std::string charset;  // canonical name used: "utf-8", "gb18030", "big5-hkscs", ...
  std::string how;      // which evidence decided:
                        //   "bom"        byte order mark (UTF-8, UTF-16LE/BE)
                        //   "http"       the http_charset argument
                        //   "xml"        <?xml ... encoding="..."?> at the start
                        //                (after optional whitespace)
                        //   "meta"       <meta charset> / http-equiv in the first 64 KiB
                        //   "valid-utf8" the bytes are well-formed UTF-8 with non-ASCII
                        //                content: overrules a non-UTF-8 http/xml/meta label
                        //                (given 8+ non-ASCII characters), and settles an
                        //                unlabelled page before the detector runs
                        //   "detected"   ICU's statistical detector
                        //   "default"    nothing else applied (empty or ASCII input): UTF-8
                        //   "error"      out of memory; text and charset are empty
};

Decoded decode(std::string_view bytes, std::string_view http_charset);

// The canonical name for a charset label ("GBK" -> "gb18030", "utf8" ->
// "utf-8"), or "" when ICU knows no such encoding.
std::string canonical_charset(std::string_view label);

}  // namespace clean

#endif  // JINGWEN_CLEAN_DECODE_H_
