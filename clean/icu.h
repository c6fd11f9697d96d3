// Owning wrappers for ICU's C handles. This is the one place in jingwen that
// knows how a UConverter, UCharsetDetector or UIDNA is released; code elsewhere holds
// these types and passes .get() to ICU's C functions.
//
// Each handle belongs to one thread at a time (ICU converters and detectors
// keep conversion state); open one per call instead of sharing. Opening is
// cheap: ICU caches the mapping tables process-wide.
#ifndef JINGWEN_CLEAN_ICU_H_
#define JINGWEN_CLEAN_ICU_H_

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/uidna.h>

#include <memory>

namespace clean {

struct CloseIcuConverter {
  void operator()(UConverter* converter) const noexcept { ucnv_close(converter); }
};
using IcuConverter = std::unique_ptr<UConverter, CloseIcuConverter>;

struct CloseIcuDetector {
  void operator()(UCharsetDetector* detector) const noexcept { ucsdet_close(detector); }
};
using IcuDetector = std::unique_ptr<UCharsetDetector, CloseIcuDetector>;

// A converter for the charset ICU knows as `name` (any ICU alias, matched
// case-insensitively), or null when ICU has no such charset.
// REQUIRES: name is NUL-terminated.
inline IcuConverter open_icu_converter(const char* name) noexcept {
  // ucnv_open(nullptr or "") silently opens the platform default converter;
  // a missing name must not turn into "whatever the locale says".
  if (name == nullptr || *name == '\0') return nullptr;
  UErrorCode status = U_ZERO_ERROR;
  IcuConverter converter(ucnv_open(name, &status));
  if (U_FAILURE(status)) return nullptr;
  return converter;
}

// A fresh statistical charset detector, or null when ICU cannot allocate one.
inline IcuDetector open_icu_detector() noexcept {
  UErrorCode status = U_ZERO_ERROR;
  IcuDetector detector(ucsdet_open(&status));
  if (U_FAILURE(status)) return nullptr;
  return detector;
}

struct CloseIcuIdna {
  void operator()(UIDNA* idna) const noexcept { uidna_close(idna); }
};
using IcuIdna = std::unique_ptr<UIDNA, CloseIcuIdna>;

// A UTS #46 IDNA converter with `options` (UIDNA_*), or null when ICU
// cannot open one. Unlike converters it is immutable once open.
inline IcuIdna open_icu_idna(uint32_t options) noexcept {
  UErrorCode status = U_ZERO_ERROR;
  IcuIdna idna(uidna_openUTS46(options, &status));
  if (U_FAILURE(status)) return nullptr;
  return idna;
}

}  // namespace clean

#endif  // JINGWEN_CLEAN_ICU_H_
