// Speaker-name canonicalisation within one article, the name step of the
// Analyzer, separate so that it can be tested without the extractor.
//
// Thread safety: a free function; safe to call concurrently on different
// quote vectors.
#ifndef QUOTEWIRE_SERVER_ANALYSIS_SPEAKER_NAMES_H_
#define QUOTEWIRE_SERVER_ANALYSIS_SPEAKER_NAMES_H_

#include <vector>

#include "server/core/model.h"
#include "server/people/name_analyzer.h"

namespace quotewire {

// For every quote whose speaker is a person with a name: strips titles and
// roles and possessives ("President Lukashenko's" -> "Lukashenko"), then
// replaces the name by the fullest form of the same person among the
// article's person speakers (most given names, then longest): "Lukashenko"
// becomes "Alexander Lukashenko" when that full name speaks in the article. A
// surname alone is left as it is when the article's full names with that
// surname belong to different people (Maria and Anna Kolesnikova). Names of
// organisations and groups are not touched.
void CanonicalizeSpeakerNames(const NameAnalyzer& names,
                              std::vector<Quote>* quotes);

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_ANALYSIS_SPEAKER_NAMES_H_
