// Language detection by stop-word counts over en, nl, de, fr, es and ru.
//
// Contract: returns the language whose stop-words (stopwords.tsv) occur most
// often among the first 2000 words, as counted by Tokenize() (text_scan.h)
// while it looks the words up; "en" when no stop-word is seen. O(1).
#ifndef QUOTEWIRE_SERVER_EXTRACT_LANGUAGE_DETECTOR_H_
#define QUOTEWIRE_SERVER_EXTRACT_LANGUAGE_DETECTOR_H_

#include <string>

#include "server/extract/document.h"
#include "server/extract/lexicon.h"

namespace quotewire {
namespace extract {

// The detected language of a tokenised document.
std::string DetectLanguage(const Document& doc);

}  // namespace extract
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_LANGUAGE_DETECTOR_H_
