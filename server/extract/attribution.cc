#include "server/extract/attribution.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>

#include "absl/strings/match.h"

#include "server/extract/cue_match.h"
#include "server/extract/dictionary.h"
#include "server/extract/mentions.h"
#include "server/extract/quote_classifier.h"
#include "server/extract/resolver.h"
#include "server/extract/text_scan.h"

namespace quotewire {
namespace extract {
namespace {

// Length in bytes of the elided article of "l'AFP" / "l’AFP" when a capital
// follows it, else 0.
bool IsAcronymWord(std::string_view w) {
  return w.size() >= 2 && w.size() <= 6 &&
         std::all_of(w.begin(), w.end(),
                     [](char ch) { return ch >= 'A' && ch <= 'Z'; });
}

size_t ElidedName(std::string_view w) {
  size_t n = 0;
  if (w.size() > 2 && (w[0] == 'l' || w[0] == 'L' || w[0] == 'd')) {
    if (w[1] == '\'') n = 2;
    else if (w.substr(1, 3) == "\u2019") n = 4;
  }
  if (n == 0 || n >= w.size()) return 0;
  return IsUpperCp(CpAt(w, n, w.size())) ? n : 0;
}

enum class NpKind { kNone, kName, kPronoun, kNominal };

struct NounPhrase {
  NpKind kind = NpKind::kNone;
  int first = 0;
  int last = 0;
  int mention = -1;
  int head = -1;  // head token of a nominal
  int age = 0;
  Gender gender = Gender::kUnknown;
  explicit operator bool() const { return kind != NpKind::kNone; }
};

constexpr uint32_t kNpStopWords = kAux | kThat | kCoord | kCueRest;

class Attributor {
 public:
  Attributor(const Lexicon& lex, const Document& doc)
      : lex_(lex), doc_(doc), toks_(doc.tokens) {}

  void Run(std::vector<QuoteUnit>* units);

 private:
  bool IsWord(int i) const {
    return i >= 0 && i < static_cast<int>(toks_.size()) &&
           (toks_[i].kind == TokKind::kWord ||
            toks_[i].kind == TokKind::kNumber);
  }
  bool Is(int i, const char* s) const {
    return i >= 0 && i < static_cast<int>(toks_.size()) && toks_[i].lower == s;
  }
  bool SameSentence(int a, int b) const {
    return toks_[a].sentence == toks_[b].sentence &&
           toks_[a].para == toks_[b].para;
  }

  CueMatch MatchCue(int i, int limit) const;
  // True when token `k` ends a noun phrase: a reporting cue that matches
  // there (not merely a word that starts some cue phrase, like "по" of
  // "по словам" or "de" of "de acordo com"), an auxiliary, a complementiser
  // or a coordinator.
  bool NpStop(int k, int limit) const {
    const uint32_t c = toks_[k].classes;
    if (c & kNpStopWords) return true;
    return (c & kCueWord) && MatchCue(k, limit).len > 0;
  }
  // "according to him", "selon lui": an object pronoun closing the phrase
  // after an inverted cue is the speaker.
  NounPhrase InvertedObjectPronoun(int i, int limit) const;
  // The head token of the nearest definite description of a person ("le
  // préfet", "the spokeswoman") opening a sentence (its subject), of a
  // gender compatible with `g` (kMale or kFemale only), searched in the
  // sentence of `at` and up to three sentences back within two paragraphs;
  // -1 when none.
  int DescribedAntecedent(int at, Gender g) const;
  // The group that opens one of the three sentences before `at` (within two
  // paragraphs), the antecedent of a plural pronoun ("Supporters marched.
  // … they chanted"); kNone when none.
  NounPhrase GroupAntecedent(int at) const;
  NounPhrase ParseNpForward(int i, int limit) const;
  // First token after time adverbs (`kAux`) and an addressee ("à l'AFP",
  // "to Reuters") that stand between a cue and its speaker; `k` when none.
  int SkipAdverbsAndAddressee(int k, int limit) const;
  // "le ministre du Travail, Jean-Marc Delorme": a role phrase followed by
  // a comma and a name gives that name; otherwise `np` itself.
  // Sets `*role_last` (when given) to the last token of the role phrase
  // when a name is returned for it.
  NounPhrase AppositiveName(const NounPhrase& np, int limit,
                            int* role_last = nullptr) const;
  // Extends a name over a following "(D-Md.)".
  void ExtendParenthetical(NounPhrase* np, int limit) const;
  NounPhrase ParseSubjectBackward(int c, int a, int* appositive_end) const;
  bool TryPost(QuoteUnit* u) const;
  // Pro-drop ("«…», disse.", "„…“ dodala.", "«…» —dijo."): the cue at token
  // `cue` closes its clause without a subject; the speaker is the most
  // recent person named before the quote (this and the two paragraphs
  // before) whose gender agrees with the verb's ending where the language
  // marks it. False when none or the language keeps its subjects.
  bool TryProDrop(int cue, int cue_len, QuoteUnit* u) const;
  // True when the speaker found for `u` is one capitalised word that the
  // dictionary knows as a common word of a language capitalising nouns
  // ("Demnach", "Korruptionsskandal", "Beispiele"), no first name, title,
  // role, group or organisation, and no surname of a longer name in the
  // article ("Papier" of "Hans-Jürgen Papier" stays).
  bool CommonWordSpeaker(const QuoteUnit& u) const {
    return CommonWordName(u.speaker.name, u.speaker.mention);
  }
  // True when token `k` opens a sentence or clause (after a comma or colon)
  // or stands before a colon: where German puts sentence adverbs
  // ("Wörtlich heißt es", "Demnach") and labels ("Zitat:").
  bool ClauseInitial(int k) const {
    return k >= 0 && k < static_cast<int>(toks_.size()) &&
           (toks_[k].sent_start || (k > 0 && (Is(k - 1, ",") || Is(k - 1, ":"))) ||
            (k + 1 < static_cast<int>(toks_.size()) && Is(k + 1, ":")));
  }
  // The token starting at byte `start`, -1 when none.
  int TokenAt(int32_t start) const {
    auto it = std::lower_bound(
        toks_.begin(), toks_.end(), start,
        [](const Token& t, int32_t v) { return t.start < v; });
    return it != toks_.end() && it->start == start
               ? static_cast<int>(it - toks_.begin())
               : -1;
  }
  bool CommonWordName(const std::string& name,
                      const std::string& mention) const {
    return IsCommonWordName(lex_, doc_, name, mention);
  }
  bool TryPre(QuoteUnit* u) const;
  // Transcript speaker labels: "PENCE: Well, look, …".
  bool TrySpeakerLabel(QuoteUnit* u) const;
  // The explicit-before rule over the tokens [a, qt) preceding a quote.
  bool PreFrom(int a, int qt, QuoteUnit* u) const;
  bool IsDash(int i) const;
  // True when `k` is the final punctuation of a reporting sentence that ends
  // right before `qt` (a window of an earlier sentence, not a quote).
  bool ClosesWindow(int k, int qt) const {
    return k + 1 == qt && toks_[k].kind == TokKind::kPunct &&
           toks_[qt].kind != TokKind::kQuote && !SameSentence(k, qt);
  }
  // An NP followed (after an appositive, parenthesis or prepositional
  // phrase) by a reporting verb; sets the cue token and description range.
  bool NpThenCue(const NounPhrase& np, int limit, int* cue, int* desc_first,
                 int* desc_last) const;
  static bool EndsWith(std::string_view s, const char* suffix) {
    size_t n = std::char_traits<char>::length(suffix);
    return s.size() > n && s.compare(s.size() - n, n, suffix) == 0;
  }
  void SetSpeaker(const NounPhrase& np, int cue, int cue_len,
                  int desc_first, int desc_last, QuoteUnit* u) const;
  std::string FindOutlet(int s0, int s1) const;
  // Token range as written, white space normalised.
  std::string Text(int first, int last) const {
    if (first > last) return "";
    return NormalizeSpaces(doc_.text.substr(
        toks_[first].start, toks_[last].end - toks_[first].start));
  }
  // An organisation, group, role or media noun (or a compound ending in
  // one): a head that can speak.
  bool SpeakingNoun(int head) const {
    constexpr uint32_t kSpeaking = kOrg | kGroup | kRole | kMedia;
    return head >= 0 && ((toks_[head].classes & kSpeaking) ||
                         lex_.EndsWithClass(toks_[head].lower, kSpeaking));
  }
  // A subject that can speak: a person, a pronoun or a speaking noun
  // ("Die Fraktion", not "Die Pressemitteilung").
  bool SubjectSpeaks(const NounPhrase& np) const {
    return np && (np.kind != NpKind::kNominal || SpeakingNoun(np.head));
  }
  // First token of the clause of token `t`: after the last comma or
  // semicolon of its sentence before it, unless a verb follows that comma
  // (the end of an insertion: "Anna Berg, die seit 2020 im Amt ist,
  // bewertete …"), then the sentence's first token.
  int ClauseStart(int t) const {
    const int b = SentenceStart(t);
    for (int k = t - 1; k > b; --k) {
      if (!Is(k, ",") && !Is(k, ";")) continue;
      const Token& next = toks_[k + 1];
      const bool verb = next.kind == TokKind::kWord && !next.cap &&
                        !(next.classes & (kDet | kIndef | kPrep | kPronoun |
                                          kThat | kConn | kCoord));
      return verb ? b : k + 1;
    }
    return b;
  }
  int SentenceStart(int t) const {
    return doc_.sentence_first[toks_[t].sentence];
  }
  int SentenceEnd(int t) const {  // exclusive
    return doc_.sentence_end[toks_[t].sentence];
  }

  const Lexicon& lex_;
  const Document& doc_;
  const std::vector<Token>& toks_;
  // True when raw quote `r` is a capitalised name of at most three words
  // without final punctuation ("«Известиями»", "„Financial Times“").
  bool ShortName(int r) const {
    std::string_view c = doc_.Slice(doc_.raw_quotes[r].content);
    if (c.empty() || !IsUpperCp(CpAt(c, 0, c.size()))) return false;
    const char last = c.back();
    if (last == '.' || last == '!' || last == '?' || last == ',') return false;
    return std::count(c.begin(), c.end(), ' ') <= 2;
  }
  // True when the unit's quotation ends with a period and a capitalised
  // word follows it: the quotation closed its sentence and the words after
  // it open the next one ("X nennt den Vorgang „… hat.“ Ein Sprecher
  // sagte …"). A question or exclamation mark does not close the sentence
  // ("“Who pays?” Smith asked").
  bool ClosesSentence(const QuoteUnit& u) const {
    std::string_view c = doc_.Slice(doc_.raw_quotes[u.raw.back()].content);
    while (!c.empty() && (c.back() == ' ' || c.back() == '\n')) {
      c.remove_suffix(1);
    }
    if (c.empty() || c.back() != '.') return false;
    int next = u.last_token + 1;
    return IsWord(next) && toks_[next].cap && SameSentence(u.last_token, next);
  }
  // True when the unit's quotation is a whole paragraph of its own.
  bool OwnParagraph(const QuoteUnit& u) const {
    const RawQuote& rq = doc_.raw_quotes[u.raw.front()];
    const Span para = doc_.paragraphs[rq.para];
    return rq.outer.start == para.start && rq.outer.end >= para.end - 1 &&
           rq.para > 0;
  }
  // Per raw quote: 1 when its unit is a non-speech kind (set by Run()).
  std::vector<char> nonspeech_;
};

CueMatch Attributor::MatchCue(int i, int limit) const {
  if (i < 0 || i >= limit || !(toks_[i].classes & kCueWord)) return CueMatch();
  return MatchCueAt(lex_, doc_, i, limit);
}

NounPhrase Attributor::InvertedObjectPronoun(int i, int limit) const {
  NounPhrase np;
  if (i >= limit || !IsWord(i) ||
      !(toks_[i].classes & (kPronMale | kPronFemale | kPronoun))) {
    return np;
  }
  if (i + 1 < limit && IsWord(i + 1)) return np;  // "her lawyer"
  Gender g = Gender::kUnknown;
  if (!lex_.Pronoun(toks_[i].lower, &g)) {
    if (toks_[i].classes & kPronMale) g = Gender::kMale;
    if (toks_[i].classes & kPronFemale) g = Gender::kFemale;
  }
  if (g != Gender::kMale && g != Gender::kFemale) return np;
  np.kind = NpKind::kPronoun;
  np.first = np.last = i;
  np.gender = g;
  return np;
}

NounPhrase Attributor::GroupAntecedent(int at) const {
  if (at <= 0) return NounPhrase();
  int floor = doc_.para_token_begin[std::max(0, toks_[at].para - 1)];
  int end = at;
  for (int n = 0; n < 3 && end > floor; ++n) {
    int b = std::max(SentenceStart(end - 1), floor);
    NounPhrase np = ParseNpForward(b, end);
    if (np.kind == NpKind::kNominal && np.head >= 0 &&
        (toks_[np.head].classes & kGroup)) {
      return np;
    }
    end = b;
  }
  return NounPhrase();
}

int Attributor::DescribedAntecedent(int at, Gender g) const {
  if (at <= 0 || (g != Gender::kMale && g != Gender::kFemale)) return -1;
  int floor = doc_.para_token_begin[std::max(0, toks_[at].para - 1)];
  int end = at;
  for (int n = 0; n < 4 && end > floor; ++n) {
    int b = std::max(SentenceStart(end - 1), floor);
    // Only a sentence's subject: the description opens the sentence.
    for (int k = b; k + 1 < end && k == b; ++k) {
      if (!(toks_[k].classes & kDet) || (toks_[k].classes & kPrep)) continue;
      const Token& h = toks_[k + 1];
      if (h.kind != TokKind::kWord) continue;
      Gender hg = Gender::kUnknown;
      bool title = lex_.Title(h.lower, &hg);
      if (!title && !(h.classes & kRole)) continue;
      if ((g == Gender::kMale && hg == Gender::kFemale) ||
          (g == Gender::kFemale && hg == Gender::kMale)) {
        continue;
      }
      // "the president Vladimir Putin" is a name, found as one.
      if (k + 2 < end && MentionAtToken(doc_, k + 2) >= 0) continue;
      return k + 1;
    }
    end = b;
  }
  return -1;
}

NounPhrase Attributor::ParseNpForward(int i, int limit) const {
  NounPhrase np;
  if (i >= limit || !IsWord(i)) return np;
  const Token& t = toks_[i];
  Gender g;
  if ((t.classes & kPronoun) && lex_.Pronoun(t.lower, &g)) {
    if (g == Gender::kFirstPerson) return np;
    np.kind = NpKind::kPronoun;
    np.first = np.last = i;
    np.gender = g;
    return np;
  }
  int j = i;
  int age = AgeFromToken(t.lower);
  if (age > 0) ++j;
  int m = j < limit ? MentionAtToken(doc_, j) : -1;
  if (m >= 0 && doc_.mentions[m].first_token == j) {
    int last = doc_.mentions[m].last_token;
    // "Clinton spokesman Brian Fallon", "Trump campaign manager Kellyanne
    // Conway": lower-case words then another name.
    int k = last + 1, n = 0;
    auto starts_mention = [&](int x) {
      int mx = MentionAtToken(doc_, x);
      return mx >= 0 && doc_.mentions[mx].first_token == x;
    };
    while (k < limit && n < 3 && toks_[k].kind == TokKind::kWord &&
           !toks_[k].cap && !starts_mention(k) &&
           !NpStop(k, limit) &&
           !(toks_[k].classes & (kStop | kDet | kIndef | kPrep))) {
      ++k;
      ++n;
    }
    // Also "Democratic nominee Hillary Clinton": a mention led by a
    // lower-case title right after the first name.
    if ((n > 0 || (k < limit && !toks_[k].cap)) && k < limit) {
      int m2 = MentionAtToken(doc_, k);
      if (m2 >= 0 && doc_.mentions[m2].first_token == k) {
        np.kind = NpKind::kName;
        np.first = i;
        np.last = doc_.mentions[m2].last_token;
        np.mention = m2;
        np.age = age;
        ExtendParenthetical(&np, limit);
        return np;
      }
    }
    // "Belarusian independent news site", "Clinton campaign": a name used as
    // a modifier of an organisation, group or role noun.
    if (n > 0) {
      for (int h = last + 1; h < k; ++h) {
        if (toks_[h].classes & (kOrg | kGroup | kRole | kMedia)) {
          np.kind = NpKind::kNominal;
          np.first = i;
          np.last = k - 1;
          np.head = h;
          return np;
        }
      }
    }
    if (doc_.mentions[m].possessive) return np;
    np.kind = NpKind::kName;
    np.first = i;
    np.last = last;
    np.mention = m;
    np.age = age;
    ExtendParenthetical(&np, limit);
    return np;
  }
  // Nominal: determiner or role/organisation/group noun.
  bool det = (t.classes & (kDet | kIndef)) != 0;
  if (det || age > 0 || (t.classes & (kRole | kGroup | kOrg | kMedia))) {
    int k = i;
    int head = -1;
    while (k < limit && k - i < 7 && IsWord(k)) {
      if (k > i && NpStop(k, limit)) break;
      if (k > i && (toks_[k].classes & kPronoun) && lex_.Pronoun(toks_[k].lower, &g)) break;
      // A preposition ends the phrase after its head, or after an article
      // and at least two words ("de 34-jarige verdachte tegen de rechter").
      // "a statement from the ministry", "un communiqué du ministère": the
      // document's source.
      if (k > i && k + 1 < limit && (toks_[k].classes & kPrep) &&
          (toks_[k - 1].classes & kDocNoun)) {
        NounPhrase source = ParseNpForward(k + 1, limit);
        if (source.kind == NpKind::kName ||
            (source.kind == NpKind::kNominal &&
             (toks_[source.head].classes & (kOrg | kGroup | kRole)))) {
          if (source.kind == NpKind::kName) source.first = i;
          return source;
        }
      }
      // "les parents d'élèves": an elided preposition and a bare
      // lower-case noun make a compound of the head.
      if (k > i && head >= 0 && k + 1 < limit &&
          (toks_[k].classes & kPrep) && lex_.IsElision(toks_[k].lower) &&
          !toks_[k].cap && IsWord(k + 1) && !toks_[k + 1].cap &&
          !(toks_[k + 1].classes & (kDet | kIndef | kPrep | kStop | kPronoun |
                                    kCueWord | kAux | kThat | kCoord))) {
        k += 2;
        continue;
      }
      if (k > i && (toks_[k].classes & kPrep) &&
          (head >= 0 || (det && k - i >= 3))) {
        // An organisation's name goes on over a capitalised complement
        // ("the Ministry of Defence", "le ministère de l'Intérieur").
        if (head >= 0 && head == k - 1 && (toks_[head].classes & kOrg)) {
          int j = k + 1;
          if (j < limit && IsWord(j) && (toks_[j].classes & kDet) &&
              !toks_[j].cap) {
            ++j;
          }
          const auto capitalised = [&](int x) {
            if (!IsWord(x)) return false;
            const int m = MentionAtToken(doc_, x);
            if (m >= 0 && doc_.entities[doc_.mentions[m].entity].kind ==
                              SpeakerKind::kPerson) {
              return false;
            }
            return toks_[x].cap || ElidedName(doc_.TokenText(toks_[x])) > 0;
          };
          int e = j;
          while (e < limit && e < j + 4 && capitalised(e)) ++e;
          if (e > j) k = e;
        }
        // "министр по делам гражданской обороны Александр Куренков": a
        // role's complement written without a comma, then the person.
        if (head >= 0 && (toks_[head].classes & (kRole | kTitle))) {
          for (int j = k + 1; j < limit && j <= k + 6 && IsWord(j) &&
                              !NpStop(j, limit);
               ++j) {
            int mj = MentionAtToken(doc_, j);
            if (mj < 0 || doc_.mentions[mj].first_token != j) continue;
            // A full name: one capitalised word there is the complement
            // itself ("la ministra de Sanidad dijo", "la ministre de la
            // Santé a dit"), a person only because a cue follows it.
            const Entity& ej = doc_.entities[doc_.mentions[mj].entity];
            if (ej.kind == SpeakerKind::kPerson && ej.name_tokens >= 2) {
              NounPhrase inner = ParseNpForward(j, limit);
              if (inner.kind == NpKind::kName) {
                inner.first = i;
                return inner;
              }
              break;
            }
            j = doc_.mentions[mj].last_token;
          }
        }
        break;
      }
      // A participle after the head starts a modifier ("Protesters marching
      // through the streets chanted").
      if (head >= 0 && k > head && doc_.lang == kEnglish &&
          EndsWith(toks_[k].lower, "ing") && !(toks_[k].classes & kTitle)) {
        break;
      }
      // Where nouns are capitalised, an article after the head (or any)
      // noun that cannot open a genitive complement starts the verb's
      // object ("„…“, kommentierte der Minister die Entscheidung", "wies
      // der Angeklagte die Vorwürfe zurück"); "der Sprecher des
      // Ministeriums" goes on (words.tsv gen).
      if (((head >= 0 && k > head) || (k > i + 1 && toks_[k - 1].cap)) &&
          (toks_[k].classes & (kDet | kIndef)) &&
          !(toks_[k].classes & (kGenitive | kPrep)) &&
          lex_.CapitalisesNouns(doc_.language)) {
        break;
      }
      // German nouns are capitalised: a lower-case word after the head noun
      // ends the phrase ("einer Bauerngewerkschaft sollen").
      if (k > i && !toks_[k].cap && toks_[k - 1].cap &&
          !(toks_[k - 1].classes & (kDet | kIndef)) &&
          !(toks_[k].classes & (kDet | kIndef)) &&
          lex_.CapitalisesNouns(doc_.language)) {
        break;
      }
      int mk = MentionAtToken(doc_, k);
      if (k > i && mk >= 0 && doc_.mentions[mk].first_token == k) {
        // "the Russian president Vladimir Putin": a name ending the phrase
        // wins; "the New York businessman": a name used as a modifier.
        NounPhrase inner = ParseNpForward(k, limit);
        if (inner.kind == NpKind::kName) {
          int after = inner.last + 1;
          // A name after a preposition ends the phrase too ("het kantoor
          // van president Poetin").
          // In languages that capitalise nouns a lower-case word after the
          // name cannot continue the phrase ("Die SPD will …").
          bool final = after >= limit || !IsWord(after) || toks_[after].cap ||
                       NpStop(after, limit) || (toks_[after].classes & kPrep) ||
                       (toks_[k - 1].classes & kPrep) ||
                       lex_.CapitalisesNouns(doc_.language);
          // A name right after an inner article is a genitive modifier
          // ("Der Sprecher des Programms"), not the head.
          // Also across adjectives ("des deutschen Ministeriums").
          int p = k - 1;
          while (p > i + 1 && p > k - 3 && IsWord(p) && !toks_[p].cap &&
                 !(toks_[p].classes & kDet) &&
                 lex_.CapitalisesNouns(doc_.language)) {
            --p;
          }
          if (p > i && (toks_[p].classes & kDet) &&
              !(toks_[p].classes & kPrep)) {
            final = false;
          }
          // Where nouns are capitalised, one capitalised word right after
          // the article is a common noun ("erläutert die Arbeitshypothese"),
          // unless it is an acronym ("die SPD").
          if (final && k == i + 1 && inner.first == inner.last && det &&
              lex_.CapitalisesNouns(doc_.language) &&
              !IsAcronymWord(doc_.text.substr(
                  toks_[k].start, toks_[k].end - toks_[k].start))) {
            final = false;
          }
          // "de gemeente Utrecht", "la provincia Grosseto": a territorial
          // body and its place name are one organisation.
          if (final && head >= 0 && head == k - 1 &&
              (toks_[head].classes & kTerritory) && !toks_[head].cap &&
              lex_.FirstNameGender(toks_[k].lower) == Gender::kUnknown) {
            np.kind = NpKind::kNominal;
            np.first = i;
            np.last = inner.last;
            np.head = head;
            return np;
          }
          if (final) {
            inner.first = i;
            return inner;
          }
          // "the IMF report said": a document speaks for the name before it.
          if (IsWord(after) && (toks_[after].classes & kDocNoun) &&
              (after + 1 >= limit || !IsWord(after + 1) ||
               NpStop(after + 1, limit))) {
            inner.first = i;
            inner.last = after;
            return inner;
          }
          k = doc_.mentions[mk].last_token + 1;
          continue;
        }
      }
      // The head is the last noun of a compound: "police spokeswoman",
      // "the prime minister's office", "union leader".
      if ((head < 0 || head + 1 == k) &&
          (toks_[k].classes & (kRole | kGroup | kOrg | kMedia | kTitle)) &&
          !(toks_[k].classes & (kDet | kIndef))) {
        head = k;
      }
      ++k;
    }
    if (k == i || (det && k == i + 1)) return np;  // a lone article
    if (head < 0) {
      if (!det || k - i > 4) return np;
      head = k - 1;
    }
    np.kind = NpKind::kNominal;
    np.first = i;
    np.last = std::min(k - 1, std::max(head, k - 1));
    np.head = head;
    np.age = age;
    for (int h = i; h < k && np.age == 0; ++h) np.age = AgeFromToken(toks_[h].lower);
    return np;
  }
  // Capitalised modifiers before an organisation noun.
  if (t.cap) {
    int k = i;
    while (k < limit && k - i < 5 && IsWord(k) &&
           !NpStop(k, limit) &&
           !(toks_[k].classes & (kPrep | kDet | kIndef))) {
      int mk = MentionAtToken(doc_, k);
      if (k > i && mk >= 0 && doc_.mentions[mk].first_token == k) {
        // "Democratic nominee Hillary Clinton": modifiers of a name.
        NounPhrase inner = ParseNpForward(k, limit);
        if (inner.kind == NpKind::kName) {
          inner.first = i;
          return inner;
        }
        break;
      }
      if (toks_[k].classes & (kOrg | kGroup | kMedia | kRole)) {
        np.kind = NpKind::kNominal;
        np.first = i;
        np.last = k;
        np.head = k;
        return np;
      }
      ++k;
    }
  }
  // Lower-case modifiers before a titled name: "panel Chairman Rep. Jason
  // Chaffetz", "state Del. Marcia Price", "widow Terry Strada"; role
  // compounds: "VW-Chef Winterkorn".
  if ((!t.cap || lex_.EndsWithRole(t.lower)) &&
      !NpStop(i, limit) && !(t.classes & (kStop | kPrep))) {
    for (int k = i + 1; k < limit && k <= i + 3; ++k) {
      if (!IsWord(k) || NpStop(k, limit) || (toks_[k].classes & kStop)) break;
      int mk = MentionAtToken(doc_, k);
      if (mk >= 0 && doc_.mentions[mk].first_token == k) {
        NounPhrase inner = ParseNpForward(k, limit);
        if (inner.kind == NpKind::kName) {
          inner.first = i;
          return inner;
        }
        break;
      }
    }
  }
  return np;
}

void Attributor::ExtendParenthetical(NounPhrase* np, int limit) const {
  int k = np->last + 1;
  if (k >= limit || !Is(k, "(")) return;
  for (int e = k + 1; e < limit && e <= k + 8; ++e) {
    if (Is(e, ")")) {
      np->last = e;
      return;
    }
  }
}

NounPhrase Attributor::ParseSubjectBackward(int c, int a,
                                            int* appositive_end) const {
  NounPhrase none;
  *appositive_end = -1;
  int j = c - 1;
  while (j >= a && IsWord(j) && (toks_[j].classes & kAux)) --j;
  if (j < a) return none;
  // "Rep. Gwen Moore (D-Wis.) said"
  if (Is(j, ")")) {
    int o = j - 1;
    while (o > a && o > j - 9 && !Is(o, "(")) --o;
    if (Is(o, "(") && o - 1 >= a) {
      NounPhrase np = ParseSubjectBackward(o, a, appositive_end);
      if (np) np.last = j;
      return np;
    }
  }
  if (toks_[j].lower == ",") {
    // "X, 39, a mother of six, told": the first phrase followed by a comma;
    // a full name wins over a description it follows ("Der Innenminister
    // Frankreichs, Nicolas Sarkozy, verteidigte").
    NounPhrase first;
    for (int k = a; k < j; ++k) {
      // Only the clause's first phrase, or a name set off by commas.
      if (k != a && !Is(k - 1, ",")) continue;
      NounPhrase np = ParseNpForward(k, j);
      if (!np || np.last + 1 > j || toks_[np.last + 1].lower != ",") continue;
      if (np.kind != NpKind::kName && k != a) continue;
      if (np.kind == NpKind::kName &&
          doc_.entities[doc_.mentions[np.mention].entity].name_tokens >= 2) {
        *appositive_end = j - 1;
        return np;
      }
      if (!first) first = np;
      k = np.last;
    }
    if (first) *appositive_end = j - 1;
    return first;
  }
  int m = MentionAtToken(doc_, j);
  // "Der Sprecher des Programms teilte": a name after a noun and an article
  // is a genitive modifier, not the subject.
  if (m >= 0) {
    int f = doc_.mentions[m].first_token;
    const int p = f - 1;  // the word before the name
    // Also across adjectives ("des deutschen Bundesministeriums").
    if (lex_.CapitalisesNouns(doc_.language)) {
      for (int n = 0; n < 2 && f - 2 >= a && IsWord(f - 1) &&
                      !toks_[f - 1].cap && !(toks_[f - 1].classes & kDet);
           ++n) {
        --f;
      }
    }
    if (f - 2 >= a && (toks_[f - 1].classes & kDet) &&
        !(toks_[f - 1].classes & kPrep) && IsWord(f - 2) &&
        !(toks_[f - 2].classes & (kDet | kPrep | kCueWord | kStop))) {
      m = -1;
    }
    // A name after a preposition is its object ("Sascha Kempf vom
    // Max-Planck-Institut in Heidelberg erläutert", "a researcher at
    // Harvard said"); the subject is further back. A participle takes it as
    // its subject ("footage of Hillary Clinton asking").
    // Also across an article ("la ministre de la Santé a dit").
    int q = p;
    if (q - 1 > a && IsWord(q) && (toks_[q].classes & kDet) &&
        !toks_[q].cap && IsWord(q - 1) && (toks_[q - 1].classes & kPrep)) {
      --q;
    }
    if (m >= 0 && q > a && IsWord(q) && (toks_[q].classes & kPrep) &&
        !EndsWith(toks_[c].lower, "ing")) {
      m = -1;
    }
    // "De gemeente Zwolle laat weten": the place names the territorial
    // body before it, which is the subject.
    if (m >= 0 && p >= a && IsWord(p) && (toks_[p].classes & kTerritory) &&
        !toks_[p].cap) {
      m = -1;
    }
  }
  if (m >= 0 && !doc_.mentions[m].possessive) {
    NounPhrase np;
    np.kind = NpKind::kName;
    np.mention = m;
    np.first = doc_.mentions[m].first_token;
    np.last = doc_.mentions[m].last_token;
    if (np.first > a) np.age = AgeFromToken(toks_[np.first - 1].lower);
    if (np.first > a && np.age > 0) --np.first;
    return np;
  }
  Gender g;
  if ((toks_[j].classes & kPronoun) && lex_.Pronoun(toks_[j].lower, &g)) {
    if (g == Gender::kFirstPerson) return none;
    NounPhrase np;
    np.kind = NpKind::kPronoun;
    np.first = np.last = j;
    np.gender = g;
    return np;
  }
  // The last clause start before the cue.
  int s = a;
  for (int k = j; k > a; --k) {
    if (toks_[k - 1].lower == "," || toks_[k - 1].lower == ";" ||
        toks_[k - 1].kind == TokKind::kQuote) {
      s = k;
      break;
    }
  }
  for (int start = s; start <= j && start < s + 3; ++start) {
    // A phrase after a preposition is not the subject ("Gegenüber einer
    // Zeitung sagte Filep Karma").
    // An article that is also a preposition elsewhere (Dutch "de",
    // Portuguese "a") opens the subject.
    if ((toks_[start].classes & kPrep) && !(toks_[start].classes & kDet)) break;
    NounPhrase np = ParseNpForward(start, c);
    if (np) {
      // Accept only when the phrase reaches the cue, or a name/pronoun
      // subject is followed by a short adjunct ("in a speech to protesters").
      if (np.last >= j || np.kind != NpKind::kNominal ||
          (toks_[np.last + 1].classes & (kPrep | kDet)) ||
          (doc_.lang == kEnglish &&
           EndsWith(toks_[np.last + 1].lower, "ing"))) {
        return np;
      }
    }
    if (!IsWord(start) || (toks_[start].classes & (kDet | kIndef))) break;
  }
  return none;
}

std::string Attributor::FindOutlet(int s0, int s1) const {
  // Linear time: look at most 40 tokens of the sentence.
  if (s1 - s0 > 40) s0 = std::max(s0, s1 - 40);
  auto match_phrase = [&](int x, const std::vector<std::string>& words) {
    int n = static_cast<int>(words.size());
    if (x + n > s1) return 0;
    for (int k = 0; k < n; ++k) {
      if (toks_[x + k].lower != words[k]) return 0;
    }
    return n;
  };
  // `named_only`: only a known outlet or a media noun ("sagte Lauterbach
  // der Deutschen Presse-Agentur"; not "der SPD").
  auto outlet_at = [&](int x, bool named_only = false) -> std::string {
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
             last + 2 < s1 && toks_[last + 2].cap))) {
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
    if (first < last && (toks_[first].classes & kDet) &&
        lex_.IsKnownOutlet(LowerWord(Text(first + 1, last)))) {
      ++first;
    }
    std::string name = Text(first, last);
    // Also try with a leading "The".
    bool known = lex_.IsKnownOutlet(LowerWord(name));
    if (!known && first > s0 && toks_[first - 1].lower == "the") {
      known = lex_.IsKnownOutlet("the " + LowerWord(name));
    }
    int m = MentionAtToken(doc_, first);
    bool person = m >= 0 &&
                  doc_.entities[doc_.mentions[m].entity].kind ==
                      SpeakerKind::kPerson;
    // "auprès du Monde": the medium's article is inside the preposition.
    if (!known && first > s0 && (toks_[first - 1].classes & kPrep)) {
      std::string full = lex_.KnownOutletAfterArticle(LowerWord(name));
      if (!full.empty()) return full;
    }
    if (named_only) return known || (media && !person) ? name : "";
    if (known || ((media || acronym) && !person)) return name;
    // "said on Rossiya 1 television": a lower-case media noun after it.
    if (last + 1 < s1 && (toks_[last + 1].classes & kMedia) && !person) {
      return name;
    }
    return "";
  };
  // German names the addressee in the dative without a preposition:
  // "sagte X der Deutschen Presse-Agentur", "sagte X dem Spiegel".
  const bool dative = doc_.lang == kGerman;
  // Czech, Polish and Russian write it after the speaker's name: "powiedział
  // Malinowski PAP", "заявил Зуев ТАСС".
  const bool dative_after_name = doc_.lang == LanguageIndex("cs") ||
                                 doc_.lang == LanguageIndex("pl") ||
                                 doc_.lang == LanguageIndex("ru");
  for (int x = s0; x < s1; ++x) {
    if (dative_after_name && x > s0) {
      const int m = MentionAtToken(doc_, x - 1);
      if (m >= 0 && doc_.mentions[m].last_token == x - 1 &&
          doc_.entities[doc_.mentions[m].entity].kind ==
              SpeakerKind::kPerson) {
        std::string o = outlet_at(x, /*named_only=*/true);
        if (!o.empty()) return o;
      }
    }
    if (dative && (toks_[x].lower == "der" || toks_[x].lower == "dem") &&
        x > s0 && toks_[x - 1].kind == TokKind::kWord) {
      std::string o = outlet_at(x + 1, /*named_only=*/true);
      if (!o.empty()) return o;
    }
    if (!(toks_[x].classes & kOutletCue)) continue;
    // "fa sapere X all'ANSA": a preposition that names an addressee only
    // with a known medium after it.
    if (const auto* named =
            lex_.NamedOutletPhrasesStartingWith(toks_[x].lower)) {
      for (const auto& phrase : *named) {
        if (doc_.lang >= 0 && phrase.lang != doc_.lang) continue;
        int n = match_phrase(x, phrase.words);
        if (n > 0) {
          std::string o = outlet_at(x + n, /*named_only=*/true);
          if (!o.empty()) return o;
        }
      }
    }
    const auto* phrases = lex_.OutletPhrasesStartingWith(toks_[x].lower);
    if (phrases == nullptr) continue;
    for (const auto& words : *phrases) {
      int n = match_phrase(x, words);
      if (n > 0) {
        std::string o = outlet_at(x + n);
        if (!o.empty()) return o;
      }
    }
  }
  return "";
}

void Attributor::SetSpeaker(const NounPhrase& np, int cue, int cue_len,
                            int desc_first, int desc_last,
                            QuoteUnit* u) const {
  if (np.kind == NpKind::kPronoun && np.gender == Gender::kPlural &&
      cue >= 0 && np.first == np.last &&
      lex_.SingularSheThey(toks_[np.first].lower, toks_[cue].lower)) {
    NounPhrase she = np;
    she.gender = Gender::kFemale;
    SetSpeaker(she, cue, cue_len, desc_first, desc_last, u);
    return;
  }
  Speaker& sp = u->speaker;
  sp.mention = Text(np.first, np.last);
  sp.mention_span = {toks_[np.first].start, toks_[np.last].end};
  u->cue = cue >= 0 ? Text(cue, cue + cue_len - 1) : "";
  switch (np.kind) {
    case NpKind::kName: {
      const Mention& m = doc_.mentions[np.mention];
      // "the Nebraskan", "le Toulousain", "de Limburger": a capitalised
      // noun after a definite article, never named with a first name, is a
      // description of a person named before.
      if (m.name_first == m.last_token && np.first < m.name_first &&
          (toks_[np.first].classes & kDet) &&
          !(toks_[np.first].classes & kPrep) &&
          doc_.entities[m.entity].name_tokens == 1 &&
          doc_.entities[m.entity].kind != SpeakerKind::kOrganization &&
          !lex_.IsKnownOutlet(LowerWord(doc_.entities[m.entity].name))) {
        const int r =
            ResolveDescribedSpeaker(lex_, doc_, np.first, m.name_first, 0);
        if (r >= 0 && r != m.entity) {
          const Entity& ent = doc_.entities[r];
          sp.name = ent.name;
          sp.kind = SpeakerKind::kPerson;
          sp.age = ent.age;
          sp.description = Text(m.name_first, m.last_token);
          u->entity = r;
          u->attribution = Attribution::kDescription;
          u->confidence = 0.6f;
          break;
        }
      }
      const Entity& e = doc_.entities[m.entity];
      sp.name = e.name;
      sp.kind = e.kind == SpeakerKind::kUnknown ? SpeakerKind::kPerson : e.kind;
      // "Der Spiegel berichtet", "The Guardian reported": a news medium.
      if ((lex_.IsKnownOutlet(LowerWord(e.name)) ||
           (np.first < m.name_first &&
            lex_.IsKnownOutlet(LowerWord(Text(np.first, np.last)))))) {
        sp.kind = SpeakerKind::kOrganization;
      }
      sp.age = np.age > 0 ? np.age : e.age;
      // Titles and roles written before the name ("Interior Minister",
      // "Clinton campaign spokesman") describe the speaker.
      int role_first = np.first;
      if (np.age > 0) ++role_first;
      while (role_first < m.name_first &&
             (toks_[role_first].classes & (kDet | kIndef))) {
        ++role_first;
      }
      if (role_first < m.name_first) {
        sp.description = Text(role_first, m.name_first - 1);
      }
      // "burgemeester Aboutaleb van Rotterdam": a lower-case connector
      // after the name opens what the role is of, up to the clause's end
      // or the next preposition.
      if (desc_first < 0 && np.last + 2 < SentenceEnd(np.last) &&
          IsWord(np.last + 1) && !toks_[np.last + 1].cap &&
          (toks_[np.last + 1].classes & kConn) &&
          (toks_[np.last + 1].classes & kPrep)) {
        const int end = SentenceEnd(np.last);
        int e = np.last + 2;
        if (e < end && IsWord(e) && (toks_[e].classes & kDet) &&
            !toks_[e].cap) {
          ++e;
        }
        const int names = e;
        while (e < end && e < names + 3 && IsWord(e) && toks_[e].cap) ++e;
        if (e > names &&
            (e >= end || !IsWord(e) || NpStop(e, end) ||
             (toks_[e].classes & kPrep))) {
          const std::string of = Text(np.last + 1, e - 1);
          sp.description =
              sp.description.empty() ? of : sp.description + " " + of;
        }
      }
      u->entity = m.entity;
      u->attribution = Attribution::kExplicit;
      u->confidence = 0.9f;
      break;
    }
    case NpKind::kPronoun: {
      if (np.gender == Gender::kNeuter) {
        // "“…,” it said in a statement": the organisation named just
        // before, else the pronoun itself.
        u->attribution = Attribution::kPronoun;
        sp.kind = SpeakerKind::kOrganization;
        u->confidence = 0.4f;
        int e = ResolveOrganizationPronoun(doc_, np.first);
        if (e >= 0) {
          sp.name = doc_.entities[e].name;
          u->entity = e;
          u->confidence = 0.6f;
        }
        break;
      }
      int e = ResolvePronoun(doc_, np.first, np.gender);
      u->attribution = Attribution::kPronoun;
      // A definite description in a more recent sentence than the named
      // antecedent ("Le préfet a appelé au calme. « … », a-t-il dit.").
      int d = DescribedAntecedent(np.first, np.gender);
      if (d >= 0 && e >= 0) {
        int latest = LastMentionBefore(doc_, e, np.first);
        if (latest >= 0 && toks_[latest].sentence >= toks_[d].sentence) d = -1;
      }
      if (d >= 0) {
        Gender hg = Gender::kUnknown;
        lex_.Title(toks_[d].lower, &hg);
        int r = ResolveDescription(lex_, doc_, d, std::string(toks_[d].lower),
                                   0, np.gender);
        // A description of a named person leaves the pronoun's own
        // antecedent in place; only an unnamed one ("le préfet") wins.
        if (r >= 0) {
          if (e < 0) e = r;
        } else {
          sp.name = Text(d, d);
          sp.description = sp.name;
          sp.kind = SpeakerKind::kPerson;
          u->confidence = 0.5f;
          break;
        }
      }
      if (e >= 0) {
        const Entity& ent = doc_.entities[e];
        sp.name = ent.name;
        sp.kind = SpeakerKind::kPerson;
        sp.age = ent.age;
        u->entity = e;
        u->confidence = 0.75f;
      } else if (np.gender == Gender::kPlural) {
        sp.kind = SpeakerKind::kGroup;
        u->confidence = 0.3f;
        // "Opposition supporters marched. “Leave!” they chanted."
        NounPhrase group = GroupAntecedent(np.first);
        if (group) {
          int first = group.first;
          if (toks_[first].classes & (kDet | kIndef)) ++first;
          // The phrase up to its last group noun ("Opposition supporters"),
          // without the verb that follows.
          int last = std::max(first, group.head);
          while (last < group.last && (toks_[last + 1].classes & kGroup)) ++last;
          sp.name = Text(first, last);
          u->confidence = 0.5f;
        }
      } else {
        sp.kind = SpeakerKind::kPerson;
        u->confidence = 0.3f;
      }
      break;
    }
    case NpKind::kNominal: {
      const Token& head = toks_[np.head];
      int first = np.first;
      bool indefinite = (toks_[first].classes & kIndef) != 0;
      bool definite = (toks_[first].classes & kDet) != 0;
      if (definite || indefinite) ++first;
      std::string text = first <= np.last ? Text(first, np.last) : sp.mention;
      if (head.classes & (kOrg | kMedia)) {
        sp.name = text;
        sp.kind = SpeakerKind::kOrganization;
        // "the agency" after "the European Lunar Agency": the named
        // organisation whose name contains the head noun.
        bool plain = definite;  // "the agency", "the space agency"
        for (int k = first; k < np.head && plain; ++k) plain = !toks_[k].cap;
        // (Not "de gemeente Utrecht": the place names it already.)
        if (plain && np.head <= np.last &&
            !((head.classes & kTerritory) && np.head < np.last)) {
          int e = ResolveOrganization(doc_, np.first, head.lower);
          if (e >= 0) {
            sp.name = doc_.entities[e].name;
            sp.description = text;
            u->entity = e;
          }
        }
        u->attribution = Attribution::kExplicit;
        u->confidence = 0.8f;
      } else if (head.classes & kGroup) {
        sp.name = text;
        sp.kind = SpeakerKind::kGroup;
        u->attribution = Attribution::kExplicit;
        u->confidence = 0.8f;
      } else {
        int e = -1;
        // Russian, Czech and Polish write no articles ("сказала министр").
        if (definite || (!indefinite && !HasArticles(doc_))) {
          e = ResolveDescribedSpeaker(lex_, doc_, np.first, np.head, np.age);
        }
        sp.kind = SpeakerKind::kPerson;
        sp.description = text;
        if (e >= 0) {
          const Entity& ent = doc_.entities[e];
          sp.name = ent.name;
          sp.age = ent.age;
          u->entity = e;
          u->attribution = Attribution::kDescription;
          u->confidence = 0.6f;
        } else {
          sp.name = text;
          u->attribution = Attribution::kExplicit;
          u->confidence = 0.6f;
        }
        if (np.age > 0) sp.age = np.age;
      }
      break;
    }
    case NpKind::kNone:
      break;
  }
  if (desc_first >= 0 && desc_first <= desc_last) {
    // Trim commas and final punctuation.
    while (desc_last >= desc_first && toks_[desc_last].kind == TokKind::kPunct) {
      --desc_last;
    }
    while (desc_first <= desc_last && toks_[desc_first].kind == TokKind::kPunct) {
      ++desc_first;
    }
    // Ages written as ", 39," or ", 54 ans," are not descriptions.
    if (desc_first <= desc_last && toks_[desc_first].kind == TokKind::kNumber) {
      int age = std::atoi(std::string(toks_[desc_first].lower).c_str());
      if (age > 0 && age < 120 && sp.age == 0) sp.age = age;
      ++desc_first;
      if (desc_first <= desc_last && (toks_[desc_first].classes & kAgeUnit)) {
        ++desc_first;
      }
      while (desc_first <= desc_last &&
             toks_[desc_first].kind == TokKind::kPunct) {
        ++desc_first;
      }
    }
    if (desc_first <= desc_last) {
      // A role or affiliation; not a relative clause ("who was there").
      const Token& d = toks_[desc_first];
      bool looks = !d.cap || (d.classes & (kDet | kIndef | kRole | kTitle));
      if ((d.classes & (kStop)) && !(d.classes & (kDet | kIndef))) looks = false;
      if (looks && desc_last - desc_first < 25) {
        sp.description = Text(desc_first, desc_last);
      }
    }
  }
}

bool Attributor::IsDash(int i) const {
  return Is(i, "-") || Is(i, "–") || Is(i, "—") || Is(i, "―");
}

bool Attributor::NpThenCue(const NounPhrase& np, int limit, int* cue,
                           int* desc_first, int* desc_last) const {
  int k = np.last + 1;
  *desc_first = *desc_last = -1;
  *cue = -1;
  if (k < limit && Is(k, ",")) {
    for (int m = k + 1; m < limit && m < k + 30; ++m) {
      if (MatchCue(m, limit).len == 0) continue;
      int b = m - 1;
      while (b > k && IsWord(b) && (toks_[b].classes & kAux)) --b;
      if (Is(b, ",")) {
        *cue = m;
        *desc_first = k + 1;
        *desc_last = b - 1;
      }
      break;
    }
  } else {
    // "Mr. Morgan of the Sierra Club said": a short prepositional phrase.
    if (k < limit && IsWord(k) && (toks_[k].classes & kPrep)) {
      int m = k + 1;
      while (m < limit && m <= k + 6 && IsWord(m) && !MatchCue(m, limit).len) {
        ++m;
      }
      if (m < limit && MatchCue(m, limit).len) k = m;
    }
    while (k < limit && IsWord(k) && (toks_[k].classes & kAux)) ++k;
    if (MatchCue(k, limit).len > 0) *cue = k;
  }
  if (*cue < 0) return false;
  CueMatch cm = MatchCue(*cue, limit);
  return !(cm.flags & (kCueNonSpeech | kCueInverted));
}

int Attributor::SkipAdverbsAndAddressee(int k, int limit) const {
  // Time adverbs, also after a determiner ("este lunes", "ce matin").
  while (k < limit && IsWord(k) && !toks_[k].cap) {
    if (toks_[k].classes & kAux) {
      ++k;
    } else if ((toks_[k].classes & (kDet | kIndef)) && k + 1 < limit &&
               IsWord(k + 1) && (toks_[k + 1].classes & kAux) &&
               !toks_[k + 1].cap) {
      k += 2;
    } else {
      break;
    }
  }
  if (k + 1 < limit && IsWord(k) && (toks_[k].classes & kPrep) &&
      !toks_[k].cap) {
    int j = k + 1;
    if (j < limit && IsWord(j) && (toks_[j].classes & kDet) && !toks_[j].cap) {
      ++j;
    }
    // An elided article with the name ("l'AFP") or capitalised words that
    // do not start a person's name.
    if (j < limit && IsWord(j) && !toks_[j].cap &&
        ElidedName(doc_.TokenText(toks_[j])) > 0) {
      return j + 1;
    }
    int n = 0;
    while (j < limit && IsWord(j) && toks_[j].cap && n < 4) {
      int m = MentionAtToken(doc_, j);
      if (m >= 0 && doc_.entities[doc_.mentions[m].entity].kind ==
                        SpeakerKind::kPerson) {
        break;
      }
      if (m >= 0 && doc_.mentions[m].first_token == j &&
          lex_.FirstNameGender(toks_[j].lower) != Gender::kUnknown) {
        break;
      }
      ++j;
      ++n;
    }
    if (n > 0) return j;
    // "признал в интервью «Коммерсанту» бывший министр X": a short
    // addressee phrase, possibly with a title in quotation marks, before
    // a person's name.
    bool medium = false;  // the phrase names a medium
    for (int x = k + 1; x < limit && x <= k + 5; ++x) {
      if (toks_[x].kind == TokKind::kPunct ||
          (IsWord(x) && (toks_[x].classes & kCueWord))) {
        break;
      }
      if (!IsWord(x) || (toks_[x].classes & kMedia)) {
        medium = true;
        continue;
      }
      if (!medium) continue;
      NounPhrase np = ParseNpForward(x, limit);
      if (np.kind != NpKind::kName) continue;
      const Entity& e = doc_.entities[doc_.mentions[np.mention].entity];
      if (e.kind == SpeakerKind::kPerson || e.person_evidence) return x;
    }
  }
  // "ha detto dell'accordo il ministro X", "dijo sobre el acuerdo el
  // ministro X", "a déclaré jusqu'à présent le ministre X": a lower-case
  // prepositional phrase (a topic complement or a time adverbial), when a
  // subject follows it.
  if (k + 1 < limit && IsWord(k) && (toks_[k].classes & kPrep) &&
      !toks_[k].cap) {
    int j = k + 1;
    if (j < limit && IsWord(j) && (toks_[j].classes & kPrep) && !toks_[j].cap) {
      ++j;  // "jusqu'à"
    }
    if (j < limit && IsWord(j) && (toks_[j].classes & (kDet | kIndef)) &&
        !toks_[j].cap) {
      ++j;  // "dijo en un comunicado el Ministerio"
    }
    const auto starts_mention = [&](int x) {
      const int m = MentionAtToken(doc_, x);
      return m >= 0 && doc_.mentions[m].first_token == x;
    };
    int n = 0;
    while (j < limit && n < 2 && IsWord(j) && !toks_[j].cap &&
           !(toks_[j].classes & (kDet | kIndef | kPrep | kPronoun | kCueWord |
                                 kCueRest | kThat | kCoord)) &&
           !starts_mention(j)) {
      ++j;
      ++n;
    }
    while (j < limit && IsWord(j) && !toks_[j].cap &&
           (toks_[j].classes & kAux)) {
      ++j;
    }
    if (n > 0) {
      NounPhrase np = ParseNpForward(j, limit);
      if (np.kind == NpKind::kName ||
          (np.kind == NpKind::kNominal && np.head >= 0 &&
           (toks_[np.head].classes & (kRole | kTitle | kOrg | kGroup)))) {
        return j;
      }
    }
  }
  return k;
}

NounPhrase Attributor::AppositiveName(const NounPhrase& np, int limit,
                                      int* role_last) const {
  if (!np || np.kind == NpKind::kPronoun) return np;
  int k = np.last + 1;
  // A prepositional complement of a role noun ("la ministre de la Santé").
  if (np.kind == NpKind::kNominal && k < limit && IsWord(k) &&
      (toks_[k].classes & kPrep)) {
    int j = k;
    while (j < limit && j < k + 6 && IsWord(j) &&
           !NpStop(j, limit)) {
      ++j;
    }
    if (j < limit && Is(j, ",")) k = j;
  }
  if (k + 1 >= limit || !Is(k, ",")) return np;
  // The phrase must be a role ("el alcalde de Sevilla", "le ministre du
  // Travail"), not a person's name.
  if (np.kind == NpKind::kName) {
    const Entity& e = doc_.entities[doc_.mentions[np.mention].entity];
    if (e.kind == SpeakerKind::kPerson || e.person_evidence) return np;
  }
  // "el consejero de Hacienda, Ignacio Soto": an article and a lower-case
  // noun also make a role phrase when a person's name follows.
  bool role = (toks_[np.first].classes & kDet) && np.first + 1 <= np.last &&
              IsWord(np.first + 1) && !toks_[np.first + 1].cap;
  int role_end = np.kind == NpKind::kName
                     ? doc_.mentions[np.mention].first_token
                     : np.last + 1;
  for (int h = np.first; h < role_end; ++h) {
    if (toks_[h].classes & (kRole | kTitle)) role = true;
  }
  if (!role) return np;
  NounPhrase name = ParseNpForward(k + 1, limit);
  if (name.kind != NpKind::kName) return np;
  const Entity& e = doc_.entities[doc_.mentions[name.mention].entity];
  if (e.kind == SpeakerKind::kOrganization) return np;
  if (e.kind != SpeakerKind::kPerson && !e.person_evidence &&
      !(toks_[np.first].classes & (kRole | kTitle))) {
    bool titled = false;
    for (int h = np.first; h < role_end; ++h) {
      titled = titled || (toks_[h].classes & (kRole | kTitle));
    }
    if (!titled) return np;
  }
  if (role_last != nullptr) *role_last = k - 1;
  return name;
}

// "„…,“ řekl po závodě.", "«…», — добавила с улыбкой.": after a pro-drop
// cue whose form gives the subject's gender (the past tense of Czech,
// Polish, Russian), a prepositional phrase to the end of the clause with no
// name, role, pronoun or organisation in it: the cue at token `cue` has no
// subject of its own, and its gender picks the person.
bool SubjectlessTail(const Lexicon& lex, const Document& doc, int cue, int k,
                     int limit) {
  if (!lex.DropsSubject(doc.lang) || k >= limit) return false;
  const std::vector<Token>& toks = doc.tokens;
  const Gender verb = lex.VerbGender(doc.lang, toks[cue].lower);
  if (verb != Gender::kMale && verb != Gender::kFemale) return false;
  if (toks[k].kind != TokKind::kWord || !(toks[k].classes & kPrep)) {
    return false;
  }
  for (int j = k; j < limit; ++j) {
    if (toks[j].kind != TokKind::kWord) continue;
    if (toks[j].cap || MentionAtToken(doc, j) >= 0 ||
        (toks[j].classes & (kRole | kTitle | kGroup | kOrg | kPronoun))) {
      return false;
    }
  }
  return true;
}

bool Attributor::TryPost(QuoteUnit* u) const {
  int lt = u->last_token;
  int limit = SentenceEnd(lt);
  // Titles and names in quotation marks („Коммерсанту“) do not end the
  // reporting clause after the quote.
  for (int k = lt + 1; k < limit; ++k) {
    if (toks_[k].kind == TokKind::kQuote && !nonspeech_[toks_[k].quote] &&
        !ShortName(toks_[k].quote)) {
      limit = k;
      break;
    }
  }
  int i = lt + 1;
  bool dash = false;
  while (i < limit && toks_[i].kind == TokKind::kPunct &&
         (Is(i, ",") || IsDash(i) || Is(i, "(") || Is(i, ":"))) {
    dash = dash || IsDash(i);
    ++i;
  }
  if (i >= limit) return false;
  int s0 = SentenceStart(u->first_token);
  int s1 = SentenceEnd(lt);
  // French inversion in one token: "a-t-il déclaré", "déclare-t-elle".
  {
    std::string_view w = toks_[i].lower;
    size_t dash = w.rfind('-');
    if (IsWord(i) && dash != std::string_view::npos && dash + 1 < w.size()) {
      std::string_view tail = w.substr(dash + 1);
      std::string_view head = w.substr(0, w.find('-'));
      Gender g;
      if (lex_.Pronoun(tail, &g) && g != Gender::kFirstPerson) {
        int cue_tok = -1;
        if (CueHeadsToken(lex_, doc_, head, i, limit)) cue_tok = i;
        else if (MatchCue(i + 1, limit).len > 0) cue_tok = i + 1;
        if (cue_tok >= 0) {
          NounPhrase np;
          np.kind = NpKind::kPronoun;
          np.first = np.last = i;
          np.gender = g;
          SetSpeaker(np, cue_tok, 1, -1, -1, u);
          u->speaker.mention = std::string(
              doc_.text.substr(toks_[i].end - tail.size(), tail.size()));
          u->speaker.mention_span = {
              toks_[i].end - static_cast<int32_t>(tail.size()), toks_[i].end};
          u->outlet = FindOutlet(s0, s1);  // "a-t-il déclaré auprès du Monde"
          return true;
        }
      }
    }
  }
  // French "a déclaré X": an auxiliary before the cue.
  int ci = i;
  if (IsWord(ci) && (toks_[ci].classes & kAux) && MatchCue(ci + 1, limit).len) {
    ++ci;
  }
  CueMatch cue = MatchCue(ci, limit);
  if (cue.flags & kCueOpensSentence) cue = CueMatch();
  if (cue.len > 0 && !(cue.flags & kCueNonSpeech)) {
    NounPhrase np = ParseNpForward(ci + cue.len, limit);
    if (!np) {
      // "a déclaré mardi X", "a confié à l'AFP X": time adverbs and an
      // addressee between the cue and the speaker.
      int k = SkipAdverbsAndAddressee(ci + cue.len, limit);
      if (k > ci + cue.len) np = ParseNpForward(k, limit);
    }
    if (!np && IsWord(ci + cue.len) &&
        (toks_[ci + cue.len].classes & (kDet | kIndef))) {
      // "vertelt de moeder van het slachtoffer, Ingrid Bos": a longer
      // description, a comma and a person's name.
      for (int k = ci + cue.len + 1; k < limit && k <= ci + cue.len + 8; ++k) {
        if (Is(k, ",")) {
          NounPhrase name = ParseNpForward(k + 1, limit);
          if (name.kind == NpKind::kName) {
            const Entity& e = doc_.entities[doc_.mentions[name.mention].entity];
            if (e.kind == SpeakerKind::kPerson) np = name;
          }
          break;
        }
        if (!IsWord(k) || (toks_[k].classes & kCueWord)) break;
      }
    }
    const NounPhrase role = np;
    int role_last = -1;
    np = AppositiveName(np, limit, &role_last);
    // "„…“, so charakterisierte ihn der Funktionär Bernard Aubin": after an
    // inverted cue, skip a second reporting verb and an object pronoun.
    for (int skip = ci + cue.len; !np && (cue.flags & kCueInverted) &&
                                  skip < limit && skip < ci + cue.len + 2 &&
                                  IsWord(skip) &&
                                  (toks_[skip].classes &
                                   (kCueWord | kPronoun | kPronMale |
                                    kPronFemale));
         ++skip) {
      np = ParseNpForward(skip + 1, limit);
    }
    if (!np && (cue.flags & kCueInverted)) {
      np = InvertedObjectPronoun(ci + cue.len, limit);
    }
    if (np) {
      int desc_first = -1, desc_last = -1;
      if (role_last >= 0) {
        // "reconoció el portavoz de la ONG, Juan Pérez": the role phrase.
        desc_first = role.first;
        desc_last = role_last;
      } else if (np.kind == NpKind::kName && np.last + 1 < limit &&
                 Is(np.last + 1, ",")) {
        desc_first = np.last + 2;
        desc_last = limit - 1;
      }
      SetSpeaker(np, i, ci + cue.len - i, desc_first, desc_last, u);
      u->outlet = FindOutlet(s0, s1);
      return true;
    }
  }
  // "„…“, hatte VW-Chef Winterkorn im Interview gesagt": an auxiliary, the
  // speaker, and the reporting participle later in the sentence.
  if (IsWord(i) && (toks_[i].classes & kAux)) {
    NounPhrase late = ParseNpForward(i + 1, limit);
    if (late) {
      for (int k = late.last + 1; k < limit && k < late.last + 10; ++k) {
        CueMatch cm = MatchCue(k, limit);
        if (cm.len && !(cm.flags & (kCueNonSpeech | kCueInverted))) {
          SetSpeaker(late, k, cm.len, -1, -1, u);
          u->outlet = FindOutlet(s0, s1);
          return true;
        }
      }
    }
  }
  // Verb-final clauses: "Minister Ghasi Aridi hat die Zustimmung „…“
  // bekanntgegeben." The subject opens the sentence.
  if (cue.len > 0 && !(cue.flags & (kCueNonSpeech | kCueInverted)) &&
      (ci + cue.len >= limit || toks_[ci + cue.len].kind == TokKind::kPunct)) {
    NounPhrase subject = ParseNpForward(s0, u->first_token);
    if (subject && (subject.kind != NpKind::kNominal ||
                    (toks_[subject.head].classes & (kRole | kOrg | kGroup)))) {
      SetSpeaker(subject, ci, cue.len, -1, -1, u);
      u->outlet = FindOutlet(s0, s1);
      return true;
    }
  }
  if (cue.len > 0 && !(cue.flags & (kCueNonSpeech | kCueInverted)) &&
      (ci + cue.len >= limit || toks_[ci + cue.len].kind == TokKind::kPunct ||
       SubjectlessTail(lex_, doc_, ci, ci + cue.len, limit)) &&
      TryProDrop(ci, cue.len, u)) {
    u->outlet = FindOutlet(s0, s1);
    return true;
  }
  NounPhrase np = ParseNpForward(i, limit);
  int c = -1, desc_first = -1, desc_last = -1;
  if (np && NpThenCue(np, limit, &c, &desc_first, &desc_last)) {
    SetSpeaker(np, c, MatchCue(c, limit).len, desc_first, desc_last, u);
    u->outlet = FindOutlet(s0, s1);
    return true;
  }
  // "“…” ― Sonya Herridge": a dash and a bare name closing the sentence.
  if (dash && np.kind == NpKind::kName &&
      (np.last + 1 >= limit || toks_[np.last + 1].kind == TokKind::kPunct)) {
    SetSpeaker(np, -1, 0, -1, -1, u);
    u->cue = "";
    return true;
  }
  // "“…” for criminal behavior, she said.": ", NP cue" closing the sentence.
  for (int k = i; k + 2 < limit && k < i + 20; ++k) {
    if (!Is(k, ",")) continue;
    NounPhrase late = ParseNpForward(k + 1, limit);
    if (!late || !NpThenCue(late, limit, &c, &desc_first, &desc_last)) continue;
    int len = MatchCue(c, limit).len;
    int after = c + len;
    while (after < limit && IsWord(after) && after < c + len + 4 &&
           !(toks_[after].classes & kThat)) {
      ++after;
    }
    if (after >= limit || toks_[after].kind == TokKind::kPunct) {
      SetSpeaker(late, c, len, desc_first, desc_last, u);
      u->outlet = FindOutlet(s0, s1);
      return true;
    }
  }
  return false;
}

bool Attributor::TryProDrop(int cue, int cue_len, QuoteUnit* u) const {
  if (!lex_.DropsSubject(doc_.lang)) return false;
  const Gender verb = lex_.VerbGender(doc_.lang, toks_[cue].lower);
  const bool gendered = verb == Gender::kMale || verb == Gender::kFemale;
  const int qt = u->first_token;
  const int floor_para = std::max(0, toks_[qt].para - 2);
  const auto last = std::lower_bound(
      doc_.mentions.begin(), doc_.mentions.end(), qt,
      [](const Mention& m, int v) { return m.last_token < v; });
  // Where the verb marks a gender, a person known to have it first, then
  // one of unknown gender ("dodała": Zielińska before "Piotrem Mazurem").
  for (int pass = gendered ? 0 : 1; pass < 2; ++pass) {
    auto it = last;
    for (int steps = 0; it != doc_.mentions.begin() && steps < 50; ++steps) {
      --it;
      if (toks_[it->first_token].para < floor_para) break;
      if (it->entity < 0) continue;
      const Entity& ent = doc_.entities[it->entity];
      // A person, or a full name nothing says is an organisation.
      if (ent.kind != SpeakerKind::kPerson && !ent.person_evidence &&
          (ent.kind != SpeakerKind::kUnknown || ent.name_tokens < 2)) {
        continue;
      }
      if (CommonWordName(ent.name, ent.name)) continue;
      const Gender g = EntityGender(ent);
      if (pass == 0 ? g != verb
                    : gendered && (g == Gender::kMale || g == Gender::kFemale) &&
                          g != verb) {
        continue;
      }
      u->speaker.name = ent.name;
      u->speaker.kind = SpeakerKind::kPerson;
      u->entity = it->entity;
      u->cue = Text(cue, cue + cue_len - 1);
      u->attribution = Attribution::kContinuation;
      u->confidence = 0.5f;
      return true;
    }
  }
  return false;
}


bool Attributor::TryPre(QuoteUnit* u) const {
  int qt = u->first_token;
  int a = qt;
  // Titles and names in quotation marks inside the reporting clause
  // („Iceland Nature Conservation Association“) do not end it.
  while (a > 0 && SameSentence(a - 1, qt) &&
         (toks_[a - 1].kind != TokKind::kQuote ||
          nonspeech_[toks_[a - 1].quote])) {
    --a;
  }
  if (PreFrom(a, qt, u)) return true;
  // "…, Schiff said. “The other factor …”": the previous sentence of the
  // paragraph ends with its attribution.
  if (a == qt && qt > 0 && toks_[qt - 1].para == toks_[qt].para &&
      toks_[qt - 1].kind == TokKind::kPunct) {
    int end = qt - 1;  // the final punctuation
    int b = SentenceStart(end);
    for (int k = end; k > b; --k) {
      if (toks_[k - 1].kind == TokKind::kQuote) {
        b = k;
        break;
      }
    }
    // A cue inside a "that" clause reports something else ("Grant said,
    // adding that the talks would resume on Friday.").
    bool late_cue = false;
    for (int k = std::max(b, end - 4); k < end; ++k) {
      if (MatchCue(k, end).len) late_cue = true;
    }
    for (int k = b; late_cue && k < end; ++k) {
      if (IsWord(k) && (toks_[k].classes & kThat)) late_cue = false;
    }
    if (late_cue && PreFrom(b, end, u)) {
      u->attribution = Attribution::kContinuation;
      u->confidence = 0.6f;
      return true;
    }
  }
  // A quote opening its paragraph after a paragraph that ends with a colon
  // ("Caddell continued:", "The New York Times reports:").
  int para = toks_[qt].para;
  if (qt == doc_.para_token_begin[para] && para > 0) {
    int end = doc_.para_token_begin[para];
    int last = end - 1;
    if (last >= 0 && toks_[last].para == para - 1 && Is(last, ":")) {
      int b = SentenceStart(last);
      if (b < doc_.para_token_begin[para - 1]) b = doc_.para_token_begin[para - 1];
      for (int k = last; k > b; --k) {
        if (toks_[k - 1].kind == TokKind::kQuote) {
          b = k;
          break;
        }
      }
      return PreFrom(b, end, u);
    }
  }
  return false;
}

bool Attributor::PreFrom(int a, int qt, QuoteUnit* u) const {
  for (int c = qt - 1; c >= a; --c) {
    CueMatch cue = MatchCue(c, qt);
    if (cue.len == 0 || (cue.flags & (kCueNonSpeech | kCueAfterOnly))) continue;
    // "Pour la ministre, « … »": only when the cue opens its sentence.
    if ((cue.flags & kCueOpensSentence) && !toks_[c].sent_start) continue;
    if (qt - (c + cue.len) > 20) break;
    NounPhrase np;
    int appositive_end = -1;
    int desc_first = -1, desc_last = -1;
    if (cue.flags & kCueInverted) {
      const NounPhrase role = ParseNpForward(c + cue.len, qt);
      int role_last = -1;
      np = AppositiveName(role, qt, &role_last);
      if (role_last >= 0) {
        // "Selon la porte-parole du gouvernement, Maud Bregeon, « … »".
        desc_first = role.first;
        desc_last = role_last;
      }
      if (!np) np = InvertedObjectPronoun(c + cue.len, qt);
      // A pronoun inside the phrase: "по его словам", "según él".
      for (int k = c + 1; !np && k < c + cue.len; ++k) {
        np = InvertedObjectPronoun(k, k + 1);
      }
    } else {
      np = ParseSubjectBackward(c, a, &appositive_end);
      if (np && appositive_end >= 0) {
        desc_first = np.last + 1;
        desc_last = appositive_end;
      }
      // Verb-second order: a name right after the cue and before the colon
      // beats a description before it ("Der Zeitung sagte Filep Karma:").
      // A phrase right before the quote is the verb's object ("calling the
      // borrowing “reckless”", "called Trump “a liar”"), not its speaker.
      // Time adverbs and a reflexive pronoun may stand between the cue and
      // the phrase after it ("äußerte sich Ministerin X:").
      const int after_cue = SkipAdverbsAndAddressee(c + cue.len, qt);
      // "said it was “safe”": a neuter pronoun after the verb is the
      // subject of what was said, never the speaker.
      const auto parse_after = [&]() {
        NounPhrase after = ParseNpForward(after_cue, qt);
        if (after.kind == NpKind::kPronoun &&
            after.gender == Gender::kNeuter) {
          after = NounPhrase();
        }
        return after;
      };
      if (!np || np.kind == NpKind::kNominal) {
        NounPhrase after = parse_after();
        if (after && after.last + 1 == qt && after.kind != NpKind::kPronoun &&
            toks_[qt].kind == TokKind::kQuote) {
          after = NounPhrase();
        }
        if (after && after.kind != NpKind::kNominal) {
          int k = after.last + 1;
          while (k < qt && k <= after.last + 4 && IsWord(k)) ++k;
          if (k == qt || Is(k, ":") || ClosesWindow(k, qt)) {
            np = after;
            desc_first = desc_last = -1;
          }
        }
      }
      if (!np) {
        // "said Sen. Tim Kaine: “…”", German inversion "sagte Filep Karma:",
        // "entgegnete Suttner empört:".
        NounPhrase after = parse_after();
        if (after && after.last + 1 == qt && after.kind != NpKind::kPronoun &&
            toks_[qt].kind == TokKind::kQuote) {
          after = NounPhrase();
        }
        // A description there must name a speaker ("sagte der Sprecher:"),
        // not an object ("erläutert die Arbeitshypothese so:").
        if (after && after.kind == NpKind::kNominal &&
            !(toks_[after.head].classes &
              (kRole | kGroup | kOrg | kTitle | kMedia)) &&
            !lex_.EndsWithRole(toks_[after.head].lower)) {
          after = NounPhrase();
        }
        if (after) {
          int k = after.last + 1;
          while (k < qt && k <= after.last + 4 && IsWord(k)) ++k;
          if (k == qt || Is(k, ":") || Is(after.last + 1, ",") ||
              ClosesWindow(k, qt)) {
            np = after;
          }
        }
      }
      if (!np && (Is(c - 1, ",") || EndsWith(toks_[c].lower, "ing") ||
                  (IsWord(c - 1) && (toks_[c - 1].classes & kCoord)))) {
        // "Trump …, saying, “…”", "Medvedev bedankte sich … und sagte:":
        // the subject of the sentence.
        np = ParseNpForward(a, c);
        // A description keeps only a person, group or organisation head
        // ("Chinesische Politiker haben … angekündigt").
        if (np && np.kind == NpKind::kNominal &&
            !(toks_[np.head].classes & (kRole | kGroup | kOrg | kTitle))) {
          np = NounPhrase();
        }
        // A capitalised word before a pronoun is a verb or an adverb
        // ("Sollten sie …").
        bool pronoun_next = a + 1 < c && (toks_[a + 1].classes & kPronoun);
        if (!np && lex_.CapitalisesNouns(doc_.language) && toks_[a].cap &&
            IsWord(a) && !pronoun_next &&
            !(toks_[a].classes & (kStop | kDet | kIndef | kPrep)) &&
            !lex_.HasNounSuffix(doc_.language, toks_[a].lower)) {
          // A capitalised subject the name finder did not know, with the
          // capitalised words after it that are no common words ("Jana
          // Roth, eine Sprecherin des Amtes, sagte").
          np.kind = NpKind::kNominal;
          np.first = np.last = np.head = a;
          while (np.last + 1 < c && np.last < a + 2 && IsWord(np.last + 1) &&
                 toks_[np.last + 1].cap &&
                 lex_.dictionary().Has(doc_.lang) &&
                 !lex_.IsCommonWord(doc_.lang, toks_[np.last + 1].lower) &&
                 !lex_.IsCommonWord(doc_.lang, toks_[a].lower)) {
            np.last = np.head = np.last + 1;
          }
        }
      }
    }
    if (!np) continue;
    SetSpeaker(np, c, cue.len, desc_first, desc_last, u);
    u->outlet = FindOutlet(a, SentenceEnd(qt - 1));
    return true;
  }
  // A colon right before the quote without a reporting verb: the subject of
  // the sentence ("Clinton described the key quality: “…”").
  int colon = qt - 1 >= a && Is(qt - 1, ":") ? qt - 1 : -1;
  if (colon >= 0) {
    // A name right before the colon ("Ähnlich US-Präsident George W. Bush:").
    int m = MentionAtToken(doc_, colon - 1);
    NounPhrase np;
    if (m >= 0 && doc_.mentions[m].last_token == colon - 1 &&
        doc_.mentions[m].first_token >= a) {
      np = ParseNpForward(doc_.mentions[m].first_token, colon);
    }
    if (!np) np = ParseNpForward(a, colon);
    // "Der deutsche Regierungssprecher, Steffen Seibert, …:": the name in
    // apposition wins over the description.
    if (np && np.kind == NpKind::kNominal && np.last + 2 < colon &&
        Is(np.last + 1, ",")) {
      NounPhrase name = ParseNpForward(np.last + 2, colon);
      if (name.kind == NpKind::kName) np = name;
    }
    if (np && (np.kind != NpKind::kNominal ||
               (toks_[np.head].classes & (kRole | kOrg | kGroup)))) {
      SetSpeaker(np, -1, 0, -1, -1, u);
      u->confidence *= 0.8f;
      return true;
    }
  }
  return false;
}

bool Attributor::TrySpeakerLabel(QuoteUnit* u) const {
  std::string_view c = doc_.Slice(doc_.raw_quotes[u->raw[0]].content);
  size_t i = 0;
  int upper = 0;
  while (i < c.size() && i < 40 &&
         ((c[i] >= 'A' && c[i] <= 'Z') || c[i] == '.' || c[i] == '-' ||
          c[i] == ' ')) {
    if (c[i] >= 'A' && c[i] <= 'Z') ++upper;
    ++i;
  }
  if (upper < 2 || i >= c.size() || c[i] != ':') return false;
  std::string label(c.substr(0, i));
  while (!label.empty() && label.back() == ' ') label.pop_back();
  size_t sp = label.find_last_of(' ');
  std::string surname = LowerWord(sp == std::string::npos
                                      ? label
                                      : label.substr(sp + 1));
  // The entity with that surname, else the label in title case.
  int best = EntityByLastWord(doc_, surname);
  Speaker& sp_out = u->speaker;
  sp_out.mention = label;
  sp_out.mention_span = {doc_.raw_quotes[u->raw[0]].content.start,
                         doc_.raw_quotes[u->raw[0]].content.start +
                             static_cast<int32_t>(label.size())};
  sp_out.kind = SpeakerKind::kPerson;
  if (best >= 0) {
    sp_out.name = doc_.entities[best].name;
    u->entity = best;
  } else {
    std::string name = LowerWord(label);
    bool start = true;
    for (char& ch : name) {
      if (start && ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 32);
      start = ch == ' ' || ch == '-';
    }
    sp_out.name = name;
  }
  u->attribution = Attribution::kExplicit;
  u->confidence = 0.8f;
  return true;
}

void Attributor::Run(std::vector<QuoteUnit>* units) {
  nonspeech_.assign(doc_.raw_quotes.size(), 0);
  // Units whose speaker was a common word (CommonWordSpeaker), with it.
  std::vector<std::pair<size_t, QuoteUnit>> set_aside;
  for (const QuoteUnit& u : *units) {
    if (IsSpeech(u.kind)) continue;
    for (int r : u.raw) nonspeech_[r] = 1;
  }
  for (QuoteUnit& u : *units) {
    if (!IsSpeech(u.kind)) continue;
    if (TrySpeakerLabel(&u)) continue;
    int qt = u.first_token;
    bool colon_before = qt > 0 && SameSentence(qt - 1, qt) && Is(qt - 1, ":");
    if (colon_before || ClosesSentence(u)) {
      if (!TryPre(&u)) TryPost(&u);
    } else {
      if (!TryPost(&u)) TryPre(&u);
    }
    if (CommonWordSpeaker(u)) {
      // Left to the continuation and fallback passes below; taken back
      // when they find nobody.
      QuoteUnit found = u;
      u = QuoteUnit();
      u.raw = found.raw;
      u.first_token = found.first_token;
      u.last_token = found.last_token;
      u.kind = found.kind;
      set_aside.emplace_back(&u - units->data(), std::move(found));
    }
  }
  // Coordination and continuation.
  const QuoteUnit* prev = nullptr;
  for (QuoteUnit& u : *units) {
    if (!IsSpeech(u.kind)) continue;
    if (u.attribution == Attribution::kNone && prev != nullptr &&
        (!prev->speaker.name.empty() || !prev->speaker.mention.empty())) {
      int pt = prev->last_token, qt = u.first_token;
      bool same_para = toks_[pt].para == toks_[qt].para;
      bool coordinated = same_para && SameSentence(pt, qt);
      for (int k = pt + 1; coordinated && k < qt; ++k) {
        coordinated = toks_[k].kind == TokKind::kPunct ||
                      (toks_[k].classes & kCoord);
      }
      bool opens_para = qt == doc_.para_token_begin[toks_[qt].para];
      bool next_para = toks_[pt].para + 1 == toks_[qt].para && opens_para;
      if (coordinated || same_para || next_para) {
        u.speaker = prev->speaker;
        if (!u.speaker.name.empty()) {
          u.speaker.mention.clear();
          u.speaker.mention_span = {};
        }
        u.entity = prev->entity;
        u.cue = coordinated ? prev->cue : "";
        u.outlet = prev->outlet;
        u.attribution = coordinated ? prev->attribution
                                    : Attribution::kContinuation;
        u.confidence = coordinated ? prev->confidence
                                   : (same_para ? 0.6f : 0.5f);
        if (coordinated) u.speaker.mention = prev->speaker.mention;
      }
    }
    prev = &u;
  }
  // Fallback for speech still without a speaker: a full quote, or a
  // fragment in a sentence marked as reported speech, continues the nearest
  // earlier speaker within two paragraphs, else the nearest person named
  // before it in the paragraph.
  for (size_t ui = 0; ui < units->size(); ++ui) {
    QuoteUnit& u = (*units)[ui];
    if (!IsSpeech(u.kind) || u.attribution != Attribution::kNone) continue;
    int qt = u.first_token;
    if (u.kind == QuoteKind::kPartial) {
      bool reported = false;
      int b = std::max(SentenceStart(qt), qt - 40);
      int e = std::min(SentenceEnd(qt), qt + 40);
      for (int k = b; k < e && !reported; ++k) {
        reported = (toks_[k].classes & kReported) != 0;
      }
      if (!reported) continue;
    }
    const QuoteUnit* prev = nullptr;
    for (size_t pj = ui, steps = 0; pj-- > 0 && steps < 20; ++steps) {
      const QuoteUnit& p = (*units)[pj];
      if (!IsSpeech(p.kind) || p.speaker.name.empty()) continue;
      if (toks_[p.last_token].para + 2 >= toks_[qt].para) prev = &p;
      break;
    }
    // A reporting sentence after the previous quote, ending the previous
    // paragraph, names the speaker of a quote paragraph.
    if (prev != nullptr && OwnParagraph(u) &&
        toks_[prev->last_token].para + 1 < toks_[qt].para) {
      prev = nullptr;
    }
    if (prev != nullptr) {
      u.speaker = prev->speaker;
      u.speaker.mention.clear();
      u.speaker.mention_span = {};
      u.entity = prev->entity;
      u.outlet = prev->outlet;
      u.attribution = Attribution::kContinuation;
      u.confidence = 0.4f;
      continue;
    }
    int para_begin = doc_.para_token_begin[toks_[qt].para];
    // The speaker of the closest earlier reporting sentence (up to three
    // sentences back, within this or the previous paragraph), for a fragment
    // or for a quote that is a paragraph of its own after that sentence
    // ("Mr Avery said the town was abandoned.\n\n‘We have been ignored.’").
    if (u.kind == QuoteKind::kPartial || OwnParagraph(u)) {
      int end = SentenceStart(qt);
      int floor = toks_[qt].para > 0
                      ? doc_.para_token_begin[toks_[qt].para - 1]
                      : 0;
      bool done = false;
      for (int n = 0; n < 3 && end > floor && !done; ++n) {
        int b = std::max(SentenceStart(end - 1), floor);
        int a = b;
        for (int k = end - 1; k >= b; --k) {
          if (toks_[k].kind == TokKind::kQuote) {
            a = k + 1;
            break;
          }
        }
        QuoteUnit probe;
        probe.raw = u.raw;
        if (PreFrom(a, end, &probe) && !probe.speaker.name.empty()) {
          u.speaker = probe.speaker;
          u.entity = probe.entity;
          u.cue = probe.cue;
          u.attribution = Attribution::kContinuation;
          u.confidence = 0.4f;
          done = true;
        }
        end = b;
      }
      if (done) continue;
    }
    bool found = false;
    // The answer of a Q&A interview ("A: …") is the interviewee's: the
    // nearest person named before it anywhere in the article.
    const bool answer = doc_.raw_quotes[u.raw.front()].open == ':';
    auto it = std::lower_bound(
        doc_.mentions.begin(), doc_.mentions.end(), qt,
        [](const Mention& m, int v) { return m.last_token < v; });
    for (int steps = 0; it != doc_.mentions.begin() && steps < 50; ++steps) {
      --it;
      if (it->last_token < para_begin && !answer) break;
      const Entity& ent = doc_.entities[it->entity];
      if (ent.kind != SpeakerKind::kPerson && !ent.person_evidence) continue;
      if (ClauseInitial(it->first_token) && CommonWordName(ent.name, ent.name)) {
        continue;  // "Wörtlich heißt es"
      }
      u.speaker.name = ent.name;
      u.speaker.kind = SpeakerKind::kPerson;
      u.entity = it->entity;
      u.attribution = Attribution::kContinuation;
      u.confidence = 0.3f;
      found = true;
      break;
    }
    if (found) continue;
    if (u.kind != QuoteKind::kPartial) {
      // "Die SPD will am Kurs festhalten. „Wir wollen …“": the named subject
      // of the previous sentence of the paragraph.
      int prev_end = qt - 1;
      if (prev_end >= para_begin && toks_[prev_end].kind == TokKind::kPunct) {
        int b = SentenceStart(prev_end);
        // Skip a lead-in ending with a colon ("Europapolitik: Die SPD …").
        for (int k = b; k < prev_end && k < b + 4; ++k) {
          if (Is(k, ":")) b = k + 1;
        }
        NounPhrase np = ParseNpForward(b, prev_end);
        if (np && np.kind == NpKind::kName) {
          SetSpeaker(np, -1, 0, -1, -1, &u);
          u.attribution = Attribution::kContinuation;
          u.confidence = 0.3f;
        }
      }
    }
  }
  for (auto& [index, found] : set_aside) {
    QuoteUnit& u = (*units)[index];
    if (u.attribution == Attribution::kNone) u = std::move(found);
  }
  for (QuoteUnit& u : *units) {
    // A common word the fallbacks above took for a name ("Wörtlich heißt
    // es darin: „…“") is no speaker; the quote stays speech.
    bool common_word = false;
    if (u.attribution == Attribution::kContinuation && CommonWordSpeaker(u) &&
        u.speaker.mention_span.end > u.speaker.mention_span.start &&
        ClauseInitial(TokenAt(u.speaker.mention_span.start))) {
      u.speaker = Speaker();
      u.entity = -1;
      u.cue.clear();
      u.attribution = Attribution::kNone;
      u.confidence = 0;
      common_word = true;
    }
    // A fragment nobody is reported as saying is a scare quote, except a
    // quoted phrase (SpeechLikeFragment): that is the speech of its
    // clause's subject, first or right after the first field and the verb
    // ("Außerdem halte die Fraktion den Schritt für „…“").
    if (u.kind == QuoteKind::kPartial && u.attribution == Attribution::kNone &&
        !common_word) {
      if (!SpeechLikeFragment(lex_, doc_, u)) {
        u.kind = QuoteKind::kScare;
      } else {
        const int qt = u.first_token;
        int k = ClauseStart(qt);
        NounPhrase np = ParseNpForward(k, qt);
        if (!SubjectSpeaks(np)) {
          // Verb second: the subject follows the first field and the verb.
          if (np) {
            k = np.last + 1;
          } else if (toks_[k].classes & kPrep) {
            while (k < qt && (toks_[k].classes & kPrep)) {
              NounPhrase object = ParseNpForward(k + 1, qt);
              k = object ? object.last + 1 : k + 2;
            }
          } else {
            ++k;
          }
          np = ParseNpForward(k + 1, qt);
        }
        if (SubjectSpeaks(np)) {
          SetSpeaker(np, -1, 0, -1, -1, &u);
          u.attribution = Attribution::kContinuation;
          u.confidence = 0.2f;
        }
        if (u.attribution == Attribution::kNone) u.kind = QuoteKind::kScare;
      }
    }
    // The addressee written between the cue and the speaker is the outlet,
    // not part of the speaker's role ("сообщил РИА Новости пресс-секретарь
    // Кремля Дмитрий Песков").
    Speaker& sp = u.speaker;
    // "сообщил РИА Новости источник": an unnamed speaker after the outlet.
    if (!u.outlet.empty() && sp.kind != SpeakerKind::kOrganization &&
        absl::StartsWith(sp.name, u.outlet + " ")) {
      sp.name.erase(0, u.outlet.size() + 1);
    }
    if (!u.outlet.empty() && absl::StartsWith(sp.description, u.outlet + " ")) {
      sp.description.erase(0, u.outlet.size() + 1);
      std::string_view written = doc_.Slice(sp.mention_span);
      if (absl::StartsWith(sp.mention, u.outlet + " ") &&
          absl::StartsWith(Sv(written), u.outlet + " ")) {
        sp.mention.erase(0, u.outlet.size() + 1);
        sp.mention_span.start += static_cast<int32_t>(u.outlet.size() + 1);
      }
    }
  }
}

}  // namespace

void AttributeQuotes(const Lexicon& lex, const Document& doc,
                     std::vector<QuoteUnit>* units) {
  Attributor(lex, doc).Run(units);
}

bool IsCommonWordName(const Lexicon& lex, const Document& doc,
                      const std::string& name, const std::string& mention) {
  // A description as written ("das Amt") describes its speaker; an
  // acronym ("EADS") is a name.
  if (name.empty() || name.find(' ') != std::string::npos ||
      mention.find(' ') != std::string::npos ||
      !lex.CapitalisesNouns(doc.language) || IsAcronymWord(name)) {
    return false;
  }
  const std::string lower = LowerWord(name);
  // "Der Spiegel berichtet": a known news medium is a name.
  if (lex.IsKnownOutlet(lower) || lex.IsKnownOutlet(LowerWord(mention))) {
    return false;
  }
  if (!lex.IsCommonWord(doc.lang, lower) ||
      lex.FirstNameGender(lower) != Gender::kUnknown ||
      (lex.Classes(lower) & (kRole | kTitle | kGroup | kOrg | kMedia)) ||
      lex.EndsWithRole(lower)) {
    return false;
  }
  Gender g;
  if (lex.RoleCompound(doc.language, lower, &g)) return false;
  for (const Entity& e : doc.entities) {
    if (e.name.size() > name.size() && absl::EndsWith(e.name, name) &&
        e.name[e.name.size() - name.size() - 1] == ' ') {
      return false;
    }
  }
  return true;
}

}  // namespace extract
}  // namespace quotewire
