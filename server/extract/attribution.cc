#include "server/extract/attribution.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/match.h"

#include "server/extract/attributor.h"
#include "server/extract/cue_match.h"
#include "server/extract/dictionary.h"
#include "server/extract/mentions.h"
#include "server/extract/quote_classifier.h"
#include "server/extract/resolver.h"
#include "server/extract/text_scan.h"

namespace quotewire {
namespace extract {

CueMatch Attributor::MatchCue(int i, int limit) const {
  if (i < 0 || i >= limit || !(toks_[i].classes & kCueWord)) return CueMatch();
  return MatchCueAt(lex_, doc_, i, limit);
}

void Attributor::MarkNonSpeech(const std::vector<QuoteUnit>& units) {
  const int n = static_cast<int>(doc_.raw_quotes.size());
  nonspeech_.assign(n, 0);
  for (const QuoteUnit& u : units) {
    if (IsSpeech(u.kind)) continue;
    for (int r : u.raw) nonspeech_[r] = 1;
  }
  prev_speech_token_.assign(n, -1);
  next_clause_quote_token_.assign(n, static_cast<int>(toks_.size()));
  for (int r = 1; r < n; ++r) {
    prev_speech_token_[r] =
        nonspeech_[r - 1] ? prev_speech_token_[r - 1] : doc_.quote_token[r - 1];
  }
  for (int r = n - 2; r >= 0; --r) {
    next_clause_quote_token_[r] =
        nonspeech_[r + 1] || ShortName(r + 1) ? next_clause_quote_token_[r + 1]
                                              : doc_.quote_token[r + 1];
  }
}

void Attributor::Run(std::vector<QuoteUnit>* units) {
  MarkNonSpeech(*units);
  if (SpeechBeforeFinalSource(units)) MarkNonSpeech(*units);  // after_quote.cc
  // Units whose speaker was a common word (CommonWordSpeaker), with it.
  std::vector<std::pair<size_t, QuoteUnit>> set_aside;
  AttributeExplicitly(units, &set_aside);
  TitlesInSpeakers(units);
  for (QuoteUnit& u : *units) ColonSubject(&u);  // before_quote.cc
  ContinueSpeakers(units);  // continuation.cc
  FallBack(units);          // continuation.cc
  for (auto& [index, found] : set_aside) {
    QuoteUnit& u = (*units)[index];
    if (u.attribution == Attribution::kNone) u = std::move(found);
  }
  WrittenSourcesSpeak(units);  // before_quote.cc
  for (QuoteUnit& u : *units) {
    const bool common_word = DropCommonWordSpeaker(&u);
    if (u.kind == QuoteKind::kPartial && u.attribution == Attribution::kNone &&
        !common_word) {
      AttributeFragment(&u);
    }
    SeparateOutlet(&u);
  }
}

void Attributor::AttributeExplicitly(
    std::vector<QuoteUnit>* units,
    std::vector<std::pair<size_t, QuoteUnit>>* set_aside) const {
  for (QuoteUnit& u : *units) {
    if (!IsSpeech(u.kind)) continue;
    if (TrySpeakerLabel(&u)) continue;
    int qt = u.first_token;
    bool colon_before = qt > 0 && SameSentence(qt - 1, qt) && Is(qt - 1, ":");
    if (colon_before || ClosesSentence(u) || QuoteInFrontedClause(u)) {
      if (!TryPre(&u) && !TryPost(&u)) TryDashLineAfter(&u);
    } else {
      if (!TryPost(&u) && !TryPre(&u)) TryDashLineAfter(&u);
    }
    if (u.attribution == Attribution::kNone) TrySentenceFinalSource(&u);
    if (CommonWordSpeaker(u)) {
      // Left to the continuation and fallback passes; taken back when they
      // find nobody.
      QuoteUnit found = u;
      u = QuoteUnit();
      u.raw = found.raw;
      u.first_token = found.first_token;
      u.last_token = found.last_token;
      u.kind = found.kind;
      set_aside->emplace_back(&u - units->data(), std::move(found));
    }
  }
}

void Attributor::TitlesInSpeakers(std::vector<QuoteUnit>* units) const {
  // The speech units nobody is attributed, by start offset: each explicit
  // speaker's mention looks up only those starting inside it, so an
  // article of thousands of quotes costs no pass over all of them per
  // speaker.
  std::vector<std::pair<int32_t, QuoteUnit*>> open;
  for (QuoteUnit& u : *units) {
    if (IsSpeech(u.kind) && u.attribution == Attribution::kNone) {
      open.emplace_back(toks_[u.first_token].start, &u);
    }
  }
  if (open.empty()) return;
  std::sort(open.begin(), open.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const QuoteUnit& s : *units) {
    const Span& m = s.speaker.mention_span;
    if (s.attribution != Attribution::kExplicit || m.end <= m.start) continue;
    auto it = std::lower_bound(
        open.begin(), open.end(), m.start,
        [](const auto& a, int32_t start) { return a.first < start; });
    for (; it != open.end() && it->first < m.end; ++it) {
      if (toks_[it->second->last_token].end <= m.end) {
        it->second->kind = QuoteKind::kTitle;
      }
    }
  }
}

bool Attributor::DropCommonWordSpeaker(QuoteUnit* u) const {
  // A common word the fallbacks took for a name ("Wörtlich heißt es darin:
  // „…“") is no speaker; the quote stays speech.
  if (u->attribution == Attribution::kContinuation && CommonWordSpeaker(*u) &&
      u->speaker.mention_span.end > u->speaker.mention_span.start &&
      ClauseInitial(TokenAt(u->speaker.mention_span.start))) {
    u->speaker = Speaker();
    u->entity = -1;
    u->cue.clear();
    u->attribution = Attribution::kNone;
    u->confidence = 0;
    return true;
  }
  return false;
}

void Attributor::AttributeFragment(QuoteUnit* u) const {
  if (!SpeechLikeFragment(lex_, doc_, *u)) {
    u->kind = QuoteKind::kScare;
    return;
  }
  const int qt = u->first_token;
  int k = ClauseStart(qt);
  NounPhrase np = ParseNpForward(k, qt);
  if (!SubjectSpeaks(np)) {
    // Verb second: the subject follows the first field and the verb.
    if (np) {
      k = np.last + 1;
    } else if (toks_[k].classes & kPrep) {
      k = SkipFrontedPrepositions(k, qt);
    } else {
      ++k;
    }
    np = ParseNpForward(k + 1, qt);
  }
  if (SubjectSpeaks(np)) {
    SetSpeaker(np, -1, 0, -1, -1, u);
    u->attribution = Attribution::kContinuation;
    u->confidence = 0.2f;
  }
  if (u->attribution == Attribution::kNone) u->kind = QuoteKind::kScare;
}

void Attributor::SeparateOutlet(QuoteUnit* u) const {
  Speaker& sp = u->speaker;
  // "сообщил РИА Новости источник": an unnamed speaker after the outlet.
  if (!u->outlet.empty() && sp.kind != SpeakerKind::kOrganization &&
      absl::StartsWith(sp.name, u->outlet + " ")) {
    sp.name.erase(0, u->outlet.size() + 1);
  }
  if (!u->outlet.empty() && absl::StartsWith(sp.description, u->outlet + " ")) {
    sp.description.erase(0, u->outlet.size() + 1);
    std::string_view written = doc_.Slice(sp.mention_span);
    if (absl::StartsWith(sp.mention, u->outlet + " ") &&
        absl::StartsWith(Sv(written), u->outlet + " ")) {
      sp.mention.erase(0, u->outlet.size() + 1);
      sp.mention_span.start += static_cast<int32_t>(u->outlet.size() + 1);
    }
  }
}

void AttributeQuotes(const Lexicon& lex, const Document& doc,
                     std::vector<QuoteUnit>* units) {
  Attributor(lex, doc).Run(units);
}

std::vector<std::pair<int, QuoteUnit>> DescribedClauseSubjectsSpeak(
    const Lexicon& lex, const Document& doc,
    const std::vector<QuoteUnit>& units, const std::vector<char>& promoted) {
  std::vector<std::pair<int, QuoteUnit>> changed;
  if (!lex.CapitalisesNouns(doc.language) ||
      std::find(promoted.begin(), promoted.end(), 1) == promoted.end()) {
    return changed;
  }
  Attributor attributor(lex, doc);
  attributor.MarkNonSpeech(units);
  for (int i = 0; i < static_cast<int>(units.size()); ++i) {
    if (!promoted[i]) continue;
    QuoteUnit probe = units[i];
    if (attributor.DescribedSubjectSpeaks(&probe)) {
      changed.emplace_back(i, std::move(probe));
    }
  }
  return changed;
}

void ChantsSpeak(const Lexicon& lex, const Document& doc,
                 std::vector<QuoteUnit>* units) {
  Attributor attributor(lex, doc);
  attributor.MarkNonSpeech(*units);
  attributor.ChantsSpeak(units);
}

namespace {

// Token `i` (> 0) is a word written capitalised after a word, a comma or a
// semicolon of its sentence.
bool CapitalisedAfterWord(const std::vector<Token>& toks, size_t i) {
  const Token& t = toks[i];
  if (!t.cap || t.sent_start || t.word_id < 0) return false;
  const Token& p = toks[i - 1];
  return p.kind == TokKind::kWord ||
         (p.kind == TokKind::kPunct && (p.lower == "," || p.lower == ";"));
}

// At most this many words of a document are looked for in its text; the
// next one asked marks every word in one pass over the tokens, so a
// document of many such names stays linear.
constexpr int kMaxCapitalisedSearches = 8;

// True when the lower-cased `lower` is written capitalised somewhere in the
// middle of a sentence of `doc` (not after a quote, colon or dash), as only
// names are where nouns are not capitalised ("…,” Guardian said").
// A word Tokenize never saw capitalised after a sentence's first token
// (WordLexInfo::case_seen) is not. A word of an ASCII initial is looked for
// where that capital stands in the text (a document asks for one or two
// words, and a capital is rare): the text is a tenth of the tokens' bytes.
// Otherwise, one pass over the tokens marks every word.
bool CapitalisedMidSentence(const Document& doc, std::string_view lower) {
  const int32_t id = doc.words.Find(lower);
  if (id < 0 || !(doc.word_lex[id].case_seen & kCaseMidcap)) return false;
  // By word id: 0 not yet known, 1 no, 2 yes.
  std::vector<uint8_t>& known = doc.capitalised_mid_sentence;
  if (known.empty()) known.assign(static_cast<size_t>(doc.words.size()), 0);
  if (known[id] != 0) return known[id] == 2;
  const auto& toks = doc.tokens;
  if (lower[0] < 'a' || lower[0] > 'z' ||
      ++doc.capitalised_mid_sentence_searches > kMaxCapitalisedSearches) {
    for (uint8_t& k : known) k = k == 0 ? 1 : k;
    for (size_t i = 1; i < toks.size(); ++i) {
      if (CapitalisedAfterWord(toks, i)) known[toks[i].word_id] = 2;
    }
    return known[id] == 2;
  }
  // A capitalised token of the word starts with the capital of its
  // initial, and its lower-cased text is `lower_text` at the same offset.
  known[id] = 1;
  const char capital = static_cast<char>(lower[0] - 'a' + 'A');
  const std::string_view text = doc.text;
  for (size_t at = text.find(capital, 1); at != std::string_view::npos;
       at = text.find(capital, at + 1)) {
    if (doc.lower_text.compare(at, lower.size(), lower) != 0) continue;
    const auto it = std::lower_bound(
        toks.begin(), toks.end(), at, [](const Token& t, size_t pos) {
          return static_cast<size_t>(t.start) < pos;
        });
    if (it == toks.begin() || it == toks.end() ||
        static_cast<size_t>(it->start) != at || it->word_id != id) {
      continue;
    }
    if (CapitalisedAfterWord(toks, static_cast<size_t>(it - toks.begin()))) {
      known[id] = 2;
      break;
    }
  }
  return known[id] == 2;
}

}  // namespace

bool IsCommonWordName(const Lexicon& lex, const Document& doc,
                      const std::string& name, const std::string& mention) {
  // A description as written ("das Amt") describes its speaker; an
  // acronym ("EADS") is a name.
  if (name.empty() || name.find(' ') != std::string::npos ||
      mention.find(' ') != std::string::npos || IsAcronymWord(name)) {
    return false;
  }
  const std::string lower = LowerWord(name);
  // Most names are no common words: the one lookup decides (every check
  // below must hold too). Also a compound of a common noun
  // ("Korruptionsskandal").
  if (!lex.IsCommonWord(doc.lang, lower) &&
      lex.dictionary().CompoundNoun(doc.lang, lower) !=
          Dictionary::Compound::kNoun) {
    return false;
  }
  // Where only names are capitalised, a word the dictionary lists as a
  // name ("Bush", "Rose") is one even when it is a common word too.
  if (!lex.CapitalisesNouns(doc.language) &&
      (lower == name || lex.dictionary().IsName(doc.lang, name) ||
       lex.dictionary().IsName(doc.lang, mention))) {
    return false;
  }
  // "Der Spiegel berichtet": a known news medium is a name.
  if (lex.IsKnownOutlet(lower) || lex.IsKnownOutlet(LowerWord(mention))) {
    return false;
  }
  if (lex.FirstNameGender(lower) != Gender::kUnknown ||
      (lex.Classes(lower) & (kRole | kTitle | kGroup | kOrg | kMedia)) ||
      lex.EndsWithRole(lower)) {
    return false;
  }
  Gender g;
  if (lex.RoleCompound(doc.lang, lower, &g)) return false;
  for (const Entity& e : doc.entities) {
    if (e.name.size() > name.size() && absl::EndsWith(e.name, name) &&
        e.name[e.name.size() - name.size() - 1] == ' ') {
      return false;
    }
  }
  return lex.CapitalisesNouns(doc.language) ||
         !CapitalisedMidSentence(doc, lower);
}

}  // namespace extract
}  // namespace quotewire
