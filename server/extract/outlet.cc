// Outlets: the news medium a speaker addressed ("told Al Jazeera", "a confié
// à l'AFP", "sagte X der Deutschen Presse-Agentur").
#include "server/extract/attributor.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "server/extract/mentions.h"
#include "server/extract/text_scan.h"

namespace quotewire {
namespace extract {

std::string Attributor::FindOutlet(int s0, int s1) const {
  // Linear time: look at most 40 tokens of the sentence.
  if (s1 - s0 > 40) s0 = std::max(s0, s1 - 40);
  // German names the addressee in the dative without a preposition:
  // "sagte X der Deutschen Presse-Agentur", "sagte X dem Spiegel".
  const bool dative = lex_.Has(doc_.lang, Lexicon::Trait::kDativeAddressee);
  // Czech, Polish and Russian write it after the speaker's name: "powiedział
  // Malinowski PAP", "заявил Зуев ТАСС".
  const bool dative_after_name =
      lex_.Has(doc_.lang, Lexicon::Trait::kAddresseeAfterName);
  for (int x = s0; x < s1; ++x) {
    if (dative_after_name && x > s0) {
      const int m = MentionAtToken(doc_, x - 1);
      if (m >= 0 && doc_.mentions[m].last_token == x - 1 &&
          doc_.entities[doc_.mentions[m].entity].kind ==
              SpeakerKind::kPerson) {
        std::string o = OutletAt(x, s0, s1, /*named_only=*/true);
        if (!o.empty()) return o;
      }
    }
    // The token tests before the list's hash lookup.
    if (dative && x > s0 && toks_[x - 1].kind == TokKind::kWord &&
        IsWord(x) &&
        lex_.InList(Lexicon::List::kDativeArticle, toks_[x].lower, doc_.lang)) {
      std::string o = OutletAt(x + 1, s0, s1, /*named_only=*/true);
      if (!o.empty()) return o;
    }
    if (!(toks_[x].classes & kOutletCue)) continue;
    // "fa sapere X all'ANSA": a preposition that names an addressee only
    // with a known medium after it.
    if (const auto* named =
            lex_.NamedOutletPhrasesStartingWith(toks_[x].lower)) {
      for (const auto& phrase : *named) {
        if (doc_.lang >= 0 && phrase.lang != doc_.lang) continue;
        int n = MatchPhrase(x, s1, phrase.words);
        if (n > 0) {
          std::string o = OutletAt(x + n, s0, s1, /*named_only=*/true);
          if (!o.empty()) return o;
        }
      }
    }
    const auto* phrases = lex_.OutletPhrasesStartingWith(toks_[x].lower);
    if (phrases == nullptr) continue;
    for (const auto& words : *phrases) {
      int n = MatchPhrase(x, s1, words);
      if (n > 0) {
        std::string o = OutletAt(x + n, s0, s1, /*named_only=*/false);
        if (!o.empty()) return o;
      }
    }
  }
  return "";
}

int Attributor::MatchPhrase(int x, int s1,
                            const std::vector<std::string>& words) const {
  int n = static_cast<int>(words.size());
  if (x + n > s1) return 0;
  for (int k = 1; k < n; ++k) {
    if (toks_[x + k].lower != words[k]) return 0;
  }
  return n;
}

bool Attributor::ObjectArticleBeforeRole(int k, int s1) const {
  // "zitiert der Sender den Sprecher der Polizei": an article of the object
  // case ("den", "dem") before a role, a common noun or a person noun of
  // the dictionary ("gegenüber dem Sender den Journalisten") starts the
  // next phrase.
  return (toks_[k].classes & kObjectCase) && k + 1 < s1 &&
         ((toks_[k + 1].classes & (kRole | kTitle | kGroup)) ||
          lex_.IsCommonWord(doc_.lang, toks_[k + 1].lower) ||
          (IsWord(k + 1) && PersonOrSpeakingNoun(k + 1)));
}

std::string Attributor::OutletAt(int x, int s0, int s1,
                                 bool named_only) const {
  if (x < s1 && (toks_[x].classes & kDet) && !toks_[x].cap) ++x;
  // "à l'AFP": the elided article is part of the token.
  if (x < s1 && IsWord(x) && !toks_[x].cap) {
    std::string_view w = doc_.TokenText(toks_[x]);
    size_t n = ElidedName(w);
    if (n > 0) {
      std::string name(w.substr(n));
      if (lex_.IsKnownOutlet(LowerWord(name))) return name;
      if (IsAcronymWord(name)) return name;
    }
  }
  int first = x, last = x - 1;
  bool media = false, acronym = false;
  while (last + 1 < s1 && IsWord(last + 1) &&
         (toks_[last + 1].cap || toks_[last + 1].kind == TokKind::kNumber ||
          (last + 1 > first && (toks_[last + 1].classes & kConn) &&
           !ObjectArticleBeforeRole(last + 1, s1) && last + 2 < s1 &&
           toks_[last + 2].cap))) {
    ++last;
    const Token& t = toks_[last];
    if (t.classes & kMedia) media = true;
    std::string_view w = doc_.TokenText(t);
    if (w.size() >= 2 && w.size() <= 6 &&
        std::all_of(w.begin(), w.end(),
                    [](char ch) { return ch >= 'A' && ch <= 'Z'; })) {
      acronym = true;
    }
    if (t.possessive) break;
  }
  if (last < first) return "";
  // "a Repubblica Luigi Bianchi": the medium ends where a person's name
  // starts.
  for (int p = first + 1; p <= last; ++p) {
    int mp = MentionAtToken(doc_, p);
    if (mp >= 0 && doc_.mentions[mp].first_token == p &&
        doc_.entities[doc_.mentions[mp].entity].kind ==
            SpeakerKind::kPerson) {
      last = p - 1;
      break;
    }
  }
  if (toks_[first].classes & kGeneric) return "";
  // "told The Associated Press": a capitalised article before a known name.
  std::string scratch;
  if (first < last && (toks_[first].classes & kDet) &&
      lex_.IsKnownOutlet(LowerText(first + 1, last, &scratch))) {
    ++first;
  }
  const std::string_view lower = LowerText(first, last, &scratch);
  // Also try with a leading "The".
  bool known = lex_.IsKnownOutlet(lower);
  if (!known && first > s0 &&
      lex_.InList(Lexicon::List::kOutletArticle, toks_[first - 1].lower)) {
    known = lex_.IsKnownOutlet(std::string(toks_[first - 1].lower) + " " +
                               std::string(lower));
  }
  int m = MentionAtToken(doc_, first);
  bool person = m >= 0 &&
                doc_.entities[doc_.mentions[m].entity].kind ==
                    SpeakerKind::kPerson;
  // "auprès du Monde": the medium's article is inside the preposition.
  if (!known && first > s0 && (toks_[first - 1].classes & kPrep)) {
    std::string full = lex_.KnownOutletAfterArticle(lower);
    if (!full.empty()) return full;
  }
  if (named_only) return known || (media && !person) ? Text(first, last) : "";
  if (known || ((media || acronym) && !person)) return Text(first, last);
  // "said on Rossiya 1 television": a lower-case media noun after it.
  if (last + 1 < s1 && (toks_[last + 1].classes & kMedia) && !person) {
    return Text(first, last);
  }
  return "";
}

}  // namespace extract
}  // namespace quotewire
