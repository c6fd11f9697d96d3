// Owning wrappers for libxml2's handles. This is the one place in jingwen
// that knows how an xmlDoc, an xmlParserCtxt or a libxml2-allocated string is
// released; code elsewhere holds these types and passes .get() to libxml2.
//
// A handle belongs to one thread at a time. libxml2 itself is initialised
// once per process (ensure_libxml_init) and never cleaned up: other threads
// may be parsing when a caller would think of it.
#ifndef JINGWEN_FETCH_XML_DOC_H_
#define JINGWEN_FETCH_XML_DOC_H_

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>

namespace fetch {

// xmlInitParser(), exactly once per process, before the first parse: its
// first call is not thread-safe in libxml2 2.9. Thread-safe (a function-local
// static).
inline void ensure_libxml_init() {
  static const bool initialised = [] {
    xmlInitParser();
    return true;
  }();
  (void)initialised;
}

struct XmlDocFree {
  void operator()(xmlDoc* doc) const noexcept { xmlFreeDoc(doc); }
};
using XmlDoc = std::unique_ptr<xmlDoc, XmlDocFree>;

struct XmlParserCtxtFree {
  void operator()(xmlParserCtxt* ctxt) const noexcept { xmlFreeParserCtxt(ctxt); }
};
using XmlParserCtxt = std::unique_ptr<xmlParserCtxt, XmlParserCtxtFree>;

// A string libxml2 allocated (xmlNodeGetContent, xmlGetProp, ...).
struct XmlStringFree {
  void operator()(xmlChar* s) const noexcept { xmlFree(s); }
};
using XmlString = std::unique_ptr<xmlChar, XmlStringFree>;

// A push parser context (xmlParseChunk) with its own SAX2 handler table;
// null only when libxml2 cannot allocate. Its document is left in ->myDoc
// for the caller to take.
inline XmlParserCtxt make_xml_push_parser_ctxt() {
  ensure_libxml_init();
  return XmlParserCtxt(xmlCreatePushParserCtxt(nullptr, nullptr, nullptr, 0, nullptr));
}

}  // namespace fetch

#endif  // JINGWEN_FETCH_XML_DOC_H_
