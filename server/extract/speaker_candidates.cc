#include "server/extract/speaker_candidates.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "server/extract/attribution.h"
#include "server/extract/mentions.h"
#include "server/extract/resolver.h"

namespace quotewire {
namespace extract {
namespace {

constexpr int kNotComputed = -2;

// Dense feature indices (1-based). Append only; bump kFeatureVersion when an
// index changes meaning.
enum Feature : int {
  kBias = 1,
  // The quote.
  kQuoteFull, kQuotePartial, kQuoteScare,
  kQuoteWords1, kQuoteWords3, kQuoteWords5, kQuoteWords10,
  kQuoteFinalPunct, kQuoteFirstUpper, kQuoteMulti,
  kSentenceCue, kSentenceReported,
  kBeforeColon, kBeforeComma, kBeforeWord, kBeforeNothing,
  kAfterComma, kAfterStop, kAfterWord, kAfterNothing,
  kRuleNone, kRuleExplicit, kRulePronoun, kRuleDescription, kRuleContinuation,
  kOwnParagraph,
  // The candidate.
  kIsRule, kIsRuleExplicit, kIsRulePronoun, kIsRuleDescription,
  kIsRuleContinuation, kIsPrevSpeaker, kNonEntity, kNoMention,
  kMentionBefore, kMentionAfter,
  kSent0, kSent1, kSent2, kSent3,
  kTok2, kTok5, kTok10, kTok20, kTokFar,
  kSamePara,
  kCommaBetween, kColonBetween, kQuoteBetween, kCueBetween,
  kCueNext, kSentenceInitial, kPossessive,
  kPerson, kOrganization, kUnknownKind, kPersonEvidence,
  kMentions1, kMentions2, kMentions4,
  kGenderKnown,
  kNearest, kOnlyCandidate,
  kBeforeSameSentence, kAfterSameSentence, kCueBetweenSameSentence,
  kScareSameSentence, kPartialSameSentence,
  kViaPronoun,
  // The quote, for the quote-kind model only.
  kTitleCase, kSingleWord, kPrevMediaNaming, kPrevDeterminer, kPrevPrep,
  kNextHyphen, kPrevCue, kNextCue, kHasRuleSpeaker,
  // The quote-kind model, what tells a judged or reported phrase from a
  // scare quote or a title: who the sentence is about, the phrase's words.
  kSubjectPerson, kSubjectOrganization, kSubjectNone,
  kWords2, kWords6,
  kHasAux, kHasPronoun, kAllCommon, kSomeUnknown, kCapitalisedCommon,
  kSentenceStart, kSentenceEnd, kSentenceMiddle,
  kCueInSentence, kNoCueInSentence,
  kFeatureEnd,
};
static_assert(kFeatureEnd <= kDenseFeatures + 1, "raise kDenseFeatures");

enum HashSlot : uint32_t {
  kWordBeforeQuote = 1, kWordAfterQuote, kWordBeforeMention, kWordAfterMention,
  // The quote-kind model only.
  kCueStem, kGoverningWord, kCueStemGoverning,
};

int Hashed(HashSlot slot, std::string_view word) {
  uint32_t h = 2166136261u ^ slot;  // FNV-1a, fixed across platforms
  h *= 16777619u;
  for (unsigned char c : word) {
    h ^= c;
    h *= 16777619u;
  }
  return kDenseFeatures + 1 + static_cast<int>(h % kHashBuckets);
}

bool IsPunct(const Token& t, std::string_view p) {
  return t.kind == TokKind::kPunct && t.lower == p;
}

bool IsCue(const Token& t) {
  return (t.classes & (kCueWord | kCueRest)) != 0;
}

// Words of the quote's text (spaces + 1), first segment only.
int QuoteWords(const Document& doc, const QuoteUnit& u) {
  std::string_view c = doc.Slice(doc.raw_quotes[u.raw[0]].content);
  int words = c.empty() ? 0 : 1;
  for (char ch : c) words += ch == ' ';
  return words;
}

}  // namespace

bool IsOpenShortSpeech(const Document& doc, const QuoteUnit& u) {
  return IsSpeech(u.kind) && IsOpenQuote(u) && u.raw.size() == 1 &&
         QuoteWords(doc, u) <= kShortQuoteWords;
}

bool IsKindCandidate(const Document& doc, const QuoteUnit& u) {
  return IsOpenShortSpeech(doc, u) ||
         (u.kind == QuoteKind::kScare && u.raw.size() == 1);
}

namespace {

// A mention in parentheses right after another person's name is an
// attribute of that person, not a speaker of its own: the party in
// "Christian Wulff (CDU)", the club in "Jan Berg (HSV)".
bool AttributeInParentheses(const Document& doc,
                            std::vector<Mention>::const_iterator m) {
  const auto& toks = doc.tokens;
  const int f = m->first_token, l = m->last_token;
  if (f < 2 || l + 1 >= static_cast<int>(toks.size()) ||
      toks[f - 1].lower != "(" || toks[l + 1].lower != ")" ||
      m == doc.mentions.begin()) {
    return false;
  }
  if (m->entity < 0 ||
      doc.entities[m->entity].kind != SpeakerKind::kOrganization) {
    return false;
  }
  const Mention& prev = *(m - 1);
  if (prev.last_token != f - 2 || prev.entity < 0) return false;
  const Entity& owner = doc.entities[prev.entity];
  return owner.kind == SpeakerKind::kPerson || owner.person_evidence;
}

}  // namespace

bool IsOpenQuote(const QuoteUnit& u) {
  if (u.kind == QuoteKind::kScare) return true;
  if (!IsSpeech(u.kind)) return false;
  if (u.speaker.name.empty() && u.speaker.mention.empty()) return true;
  return u.attribution == Attribution::kNone ||
         (u.attribution == Attribution::kContinuation && u.confidence <= 0.4f);
}

void QuoteFeatures(const Document& doc, const QuoteUnit& u,
                   std::vector<int>* out) {
  out->clear();
  const std::vector<Token>& toks = doc.tokens;
  const int qt = u.first_token;
  const int lt = u.last_token;
  if (qt < 0 || lt < 0) return;
  const Token& q = toks[qt];
  const int ntok = static_cast<int>(toks.size());
  std::vector<int>& quote_features = *out;
  // At most 16 features below: one allocation, not five while it grows.
  quote_features.reserve(16);
  quote_features.assign(1, kBias);
  auto add_q = [&](int f) { quote_features.push_back(f); };
  add_q(u.kind == QuoteKind::kFull      ? kQuoteFull
        : u.kind == QuoteKind::kPartial ? kQuotePartial
                                        : kQuoteScare);
  const int words = QuoteWords(doc, u);
  add_q(words >= 10 ? kQuoteWords10
        : words >= 5 ? kQuoteWords5
        : words >= 3 ? kQuoteWords3
                     : kQuoteWords1);
  {
    std::string_view c = doc.Slice(doc.raw_quotes[u.raw[0]].content);
    if (!c.empty()) {
      char last = c.back();
      if (last == '.' || last == '!' || last == '?') add_q(kQuoteFinalPunct);
      unsigned char first = static_cast<unsigned char>(c.front());
      // ASCII upper case, or a non-ASCII letter followed by text that is
      // not lower case: good enough for a feature.
      if (first >= 'A' && first <= 'Z') add_q(kQuoteFirstUpper);
      if (first >= 0xC3 && c.size() > 1 &&
          doc.lower_text[doc.raw_quotes[u.raw[0]].content.start] !=
              c.front()) {
        add_q(kQuoteFirstUpper);
      }
    }
  }
  if (u.raw.size() > 1) add_q(kQuoteMulti);
  const int sq = q.sentence;
  const int sq_last = toks[lt].sentence;
  bool sentence_cue = false, sentence_reported = false;
  for (int i = qt - 1; i >= 0 && toks[i].sentence == sq && i >= qt - 60; --i) {
    sentence_cue |= IsCue(toks[i]);
    sentence_reported |= (toks[i].classes & kReported) != 0;
  }
  for (int i = lt + 1; i < ntok && toks[i].sentence == sq_last && i <= lt + 60;
       ++i) {
    sentence_cue |= IsCue(toks[i]);
    sentence_reported |= (toks[i].classes & kReported) != 0;
  }
  if (sentence_cue) add_q(kSentenceCue);
  if (sentence_reported) add_q(kSentenceReported);
  const bool has_before = qt > 0 && toks[qt - 1].para == q.para;
  const bool has_after = lt + 1 < ntok && toks[lt + 1].para == toks[lt].para;
  if (!has_before) {
    add_q(kBeforeNothing);
  } else if (IsPunct(toks[qt - 1], ":")) {
    add_q(kBeforeColon);
  } else if (IsPunct(toks[qt - 1], ",")) {
    add_q(kBeforeComma);
  } else if (toks[qt - 1].kind == TokKind::kWord) {
    add_q(kBeforeWord);
  }
  if (!has_after) {
    add_q(kAfterNothing);
  } else if (IsPunct(toks[lt + 1], ",")) {
    add_q(kAfterComma);
  } else if (IsPunct(toks[lt + 1], ".")) {
    add_q(kAfterStop);
  } else if (toks[lt + 1].kind == TokKind::kWord) {
    add_q(kAfterWord);
  }
  if (!has_before && !has_after) add_q(kOwnParagraph);
  switch (u.attribution) {
    case Attribution::kNone: add_q(kRuleNone); break;
    case Attribution::kExplicit: add_q(kRuleExplicit); break;
    case Attribution::kPronoun: add_q(kRulePronoun); break;
    case Attribution::kDescription: add_q(kRuleDescription); break;
    default: add_q(kRuleContinuation); break;
  }
  if (has_before) add_q(Hashed(kWordBeforeQuote, toks[qt - 1].lower));
  if (has_after) add_q(Hashed(kWordAfterQuote, toks[lt + 1].lower));
}

const int kTitleCaseFeature = kTitleCase;

namespace {

// Feature indices as a bit set, read out ascending: what std::sort and
// std::unique give, without their branches on the values (a candidate has
// about thirty features, mostly dense, and a few hashed ones far apart).
class FeatureSet {
 public:
  FeatureSet() { std::memset(words_, 0, sizeof(words_)); }
  void Add(int f) {
    words_[f >> 6] |= uint64_t{1} << (f & 63);
    used_ |= uint32_t{1} << (f >> 6);
  }
  void AppendTo(std::vector<int>* out) const {
    for (uint32_t used = used_; used != 0; used &= used - 1) {
      const int w = __builtin_ctz(used);
      for (uint64_t bits = words_[w]; bits != 0; bits &= bits - 1) {
        out->push_back(64 * w + __builtin_ctzll(bits));
      }
    }
  }

 private:
  static constexpr int kWords = kNumFeatures / 64 + 1;
  static_assert(kWords <= 32, "one bit of used_ per word");
  uint64_t words_[kWords];
  uint32_t used_ = 0;  // bit w: words_[w] is not zero
};

}  // namespace

void SortDistinctFeatures(std::vector<int>* features) {
  FeatureSet set;
  for (int f : *features) set.Add(f);
  features->clear();
  set.AppendTo(features);
}

namespace {

// Who the quote's sentence is about: a person (a name with person evidence
// or a pronoun) or an organisation mentioned outside the quote.
void SubjectFeatures(const Document& doc, int qt, int lt,
                     std::vector<int>* out) {
  const std::vector<Token>& toks = doc.tokens;
  const int s = toks[qt].sentence;
  const int first = s < static_cast<int>(doc.sentence_first.size()) &&
                            doc.sentence_first[s] >= 0
                        ? doc.sentence_first[s]
                        : qt;
  const int last_sentence = toks[lt].sentence;
  bool person = false, organization = false;
  auto it = std::lower_bound(
      doc.mentions.begin(), doc.mentions.end(), first,
      [](const Mention& m, int t) { return m.first_token < t; });
  for (; it != doc.mentions.end(); ++it) {
    if (toks[it->first_token].sentence > last_sentence) break;
    if (it->first_token >= qt && it->last_token <= lt) continue;
    if (it->kind == MentionKind::kPronoun) {
      person = true;
      continue;
    }
    if (it->entity < 0) continue;
    const Entity& e = doc.entities[it->entity];
    person |= e.kind == SpeakerKind::kPerson || e.person_evidence;
    organization |= e.kind == SpeakerKind::kOrganization;
  }
  if (person) out->push_back(kSubjectPerson);
  if (organization) out->push_back(kSubjectOrganization);
  if (!person && !organization) out->push_back(kSubjectNone);
}

// The words of the quote: auxiliaries and pronouns (a clause of its own),
// dictionary status, function words written capitalised (titles).
void PhraseWordFeatures(const Lexicon& lex, const Document& doc,
                        const QuoteUnit& u, std::vector<int>* out) {
  const Span content = doc.raw_quotes[u.raw[0]].content;
  std::string_view c = doc.Slice(content);
  std::string_view lower =
      std::string_view(doc.lower_text).substr(content.start, c.size());
  bool aux = false, pronoun = false, all_common = true, unknown = false;
  bool capitalised_common = false;
  int index = 0;
  size_t i = 0;
  while (i < c.size()) {
    size_t j = c.find(' ', i);
    if (j == std::string_view::npos) j = c.size();
    // Trim punctuation (ASCII) at both ends.
    size_t a = i, b = j;
    auto punct = [&](size_t k) {
      const unsigned char ch = static_cast<unsigned char>(c[k]);
      return ch < 0x80 && !std::isalnum(ch);
    };
    while (a < b && punct(a)) ++a;
    while (b > a && punct(b - 1)) --b;
    if (b > a) {
      const std::string_view w = lower.substr(a, b - a);
      const bool cap = c[a] != lower[a];
      const uint32_t classes = lex.Classes(w);
      aux |= (classes & kAux) != 0;
      pronoun |= (classes & kPronoun) != 0;
      const bool common =
          (classes & kStop) != 0 || lex.IsCommonWord(doc.lang, w);
      if (!common) {
        all_common = false;
        unknown = true;
      }
      if (index > 0 && cap && (classes & (kStop | kDet | kPrep)) != 0) {
        capitalised_common = true;
      }
      ++index;
    }
    i = j + 1;
  }
  if (index == 0) return;
  if (aux) out->push_back(kHasAux);
  if (pronoun) out->push_back(kHasPronoun);
  if (all_common) out->push_back(kAllCommon);
  if (unknown) out->push_back(kSomeUnknown);
  if (capitalised_common) out->push_back(kCapitalisedCommon);
}

}  // namespace

void QuoteKindFeatures(const Lexicon& lex, const Document& doc,
                       const QuoteUnit& u, std::vector<int>* out) {
  QuoteFeatures(doc, u, out);
  const std::vector<Token>& toks = doc.tokens;
  const int qt = u.first_token;
  const int lt = u.last_token;
  if (qt < 0 || lt < 0) return;
  const int ntok = static_cast<int>(toks.size());
  std::string_view c = doc.Slice(doc.raw_quotes[u.raw[0]].content);
  std::string_view lower = std::string_view(doc.lower_text)
                               .substr(doc.raw_quotes[u.raw[0]].content.start,
                                       c.size());
  // Every word starts with a capital (its lower-case form differs there).
  bool title_case = !c.empty();
  int words = 0;
  for (size_t i = 0; i < c.size(); ++i) {
    const bool starts = (i == 0 || c[i - 1] == ' ') && c[i] != ' ';
    if (!starts) continue;
    ++words;
    const unsigned char ch = static_cast<unsigned char>(c[i]);
    const bool letter =
        ch >= 0x80 || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z');
    if (letter && c[i] == lower[i] &&
        (ch < 0x80 || i + 1 >= c.size() || c[i + 1] == lower[i + 1])) {
      title_case = false;
    }
  }
  if (title_case && words <= 6) out->push_back(kTitleCase);
  if (words == 1) out->push_back(kSingleWord);
  const bool has_before = qt > 0 && toks[qt - 1].para == toks[qt].para;
  const bool has_after = lt + 1 < ntok && toks[lt + 1].para == toks[lt].para;
  if (has_before) {
    const Token& p = toks[qt - 1];
    if (p.classes & (kMedia | kNaming | kDocNoun)) out->push_back(kPrevMediaNaming);
    if (qt > 1 && (toks[qt - 2].classes & (kMedia | kNaming | kDocNoun))) {
      out->push_back(kPrevMediaNaming);
    }
    if (p.classes & (kDet | kGenitive)) out->push_back(kPrevDeterminer);
    if (p.classes & kPrep) out->push_back(kPrevPrep);
    if (IsCue(p) || (IsPunct(p, ":") && qt > 1 && IsCue(toks[qt - 2]))) {
      out->push_back(kPrevCue);
    }
  }
  if (has_after) {
    const Token& n = toks[lt + 1];
    if (n.kind == TokKind::kPunct && n.lower == "-" &&
        n.start == doc.raw_quotes[u.raw.back()].outer.end) {
      out->push_back(kNextHyphen);
    }
    if (IsCue(n) || (IsPunct(n, ",") && lt + 2 < ntok && IsCue(toks[lt + 2]))) {
      out->push_back(kNextCue);
    }
  }
  if (!u.speaker.name.empty() || !u.speaker.mention.empty()) {
    out->push_back(kHasRuleSpeaker);
  }
  if (words == 2) out->push_back(kWords2);
  if (words > kShortQuoteWords) out->push_back(kWords6);
  SubjectFeatures(doc, qt, lt, out);
  PhraseWordFeatures(lex, doc, u, out);
  // Position in the sentence.
  const int sentence = toks[qt].sentence;
  const bool starts = !has_before || toks[qt - 1].sentence != sentence ||
                      toks[qt].sent_start;
  bool ends = !has_after || toks[lt + 1].sentence != toks[lt].sentence;
  if (has_after && toks[lt + 1].kind == TokKind::kPunct) {
    const std::string_view n = toks[lt + 1].lower;
    ends |= n == "." || n == "!" || n == "?";
  }
  if (starts) out->push_back(kSentenceStart);
  if (ends) out->push_back(kSentenceEnd);
  if (!starts && !ends) out->push_back(kSentenceMiddle);
  // The cue nearest the quote in its sentence, by its Snowball stem.
  auto cue_at = [&](int i) {
    return toks[i].kind == TokKind::kWord &&
           (IsCue(toks[i]) || (toks[i].classes & kCueLemma) != 0);
  };
  int cue = -1;
  for (int d = 1; d <= 40 && cue < 0; ++d) {
    const int b = qt - d, a = lt + d;
    if (b >= 0 && toks[b].sentence == sentence && cue_at(b)) {
      cue = b;
    } else if (a < ntok && toks[a].sentence == toks[lt].sentence &&
               cue_at(a)) {
      cue = a;
    }
  }
  std::string stem;
  if (cue >= 0) {
    stem = lex.Stem(doc.lang, toks[cue].lower);
    if (stem.empty()) stem = std::string(toks[cue].lower);
    out->push_back(kCueInSentence);
    out->push_back(Hashed(kCueStem, stem));
  } else {
    out->push_back(kNoCueInSentence);
  }
  // The word that governs the phrase: the one before the marks, past
  // articles ("als einen „…“", "von der „…“").
  int g = qt - 1;
  while (g >= 0 && g > qt - 3 && toks[g].sentence == sentence &&
         (toks[g].classes & (kDet | kIndef | kGenitive)) != 0) {
    --g;
  }
  if (g >= 0 && toks[g].sentence == sentence &&
      toks[g].kind == TokKind::kWord) {
    out->push_back(Hashed(kGoverningWord, toks[g].lower));
    if (!stem.empty()) {
      out->push_back(Hashed(kCueStemGoverning,
                            stem + " " + std::string(toks[g].lower)));
    }
  }
  SortDistinctFeatures(out);
}

CandidateProposer::CandidateProposer(const Lexicon& lex, const Document& doc)
    : lex_(lex), doc_(doc) {}

int CandidateProposer::MentionCandidate(int m) {
  // Sized at the first call: most documents have no open quote.
  if (mention_candidate_.empty()) {
    mention_candidate_.assign(doc_.mentions.size(), kNotComputed);
  }
  int& known = mention_candidate_[m];
  if (known != kNotComputed) return known;
  const auto it = doc_.mentions.begin() + m;
  known = -1;
  if (it->entity >= 0 && !AttributeInParentheses(doc_, it)) {
    // A description ("der Trainer") stands for the person it describes.
    const int person = DescribedPerson(lex_, doc_, *it);
    known = person >= 0 ? person : it->entity;
  }
  return known;
}

bool CandidateProposer::CommonWordEntity(int e) {
  if (common_entity_.empty()) common_entity_.assign(doc_.entities.size(), -1);
  int8_t& known = common_entity_[e];
  if (known < 0) {
    const Entity& ent = doc_.entities[e];
    known = IsCommonWordName(lex_, doc_, ent.name, ent.name) ? 1 : 0;
  }
  return known == 1;
}

void CandidateProposer::Propose(const std::vector<QuoteUnit>& units, int index,
                                int prev_entity,
                                std::vector<SpeakerCandidate>* out) {
  out->clear();
  const Lexicon& lex = lex_;
  const Document& doc = doc_;
  const QuoteUnit& u = units[index];
  const std::vector<Token>& toks = doc.tokens;
  const int qt = u.first_token;
  const int lt = u.last_token;
  if (qt < 0 || lt < 0) return;
  const Token& q = toks[qt];
  const int ntok = static_cast<int>(toks.size());

  // Quote-level features, shared by every candidate.
  std::vector<int>& quote_features = quote_features_;
  QuoteFeatures(doc, u, &quote_features);
  const int sq = q.sentence;
  const int sq_last = toks[lt].sentence;

  // Candidate entities: the nearest mention of each in the window.
  const int first_sentence = std::max(0, sq - 3);
  const int last_sentence = sq_last + 1;
  const int first_para = std::max(0, q.para - 1);
  const int last_para = toks[lt].para;
  const int window_first = qt - kCandidateWindowTokens;
  const int window_last = lt + kCandidateWindowTokens;
  std::vector<std::pair<int, Found>>& found = found_;  // entity -> nearest
  found.clear();
  // An occurrence [first, last] in the window, outside the quote.
  auto in_window = [&](int first, int last) {
    const Token& mt = toks[first];
    return mt.para >= first_para && mt.para <= last_para &&
           mt.sentence >= first_sentence && mt.sentence <= last_sentence &&
           !(first >= qt && last <= lt);
  };
  auto consider = [&](int entity, int first, int last, bool pronoun,
                      bool possessive) {
    const int distance = last < qt ? qt - last : first - lt;
    const Found occurrence{first, last, pronoun, possessive, distance};
    for (auto& [e, f] : found) {
      if (e == entity) {
        if (distance < f.distance) f = occurrence;
        return;
      }
    }
    found.push_back({entity, occurrence});
  };
  {
    // Mentions are in text order: start at the first one in the window.
    const int start_tok = std::max(
        window_first,
        first_sentence < static_cast<int>(doc.sentence_first.size()) &&
                doc.sentence_first[first_sentence] >= 0
            ? doc.sentence_first[first_sentence]
            : 0);
    auto it = std::lower_bound(
        doc.mentions.begin(), doc.mentions.end(), start_tok,
        [](const Mention& m, int t) { return m.first_token < t; });
    for (; it != doc.mentions.end(); ++it) {
      if (it->first_token > window_last) break;
      const Token& mt = toks[it->first_token];
      if (mt.sentence > last_sentence || mt.para > last_para) break;
      if (!in_window(it->first_token, it->last_token)) continue;
      const int candidate =
          MentionCandidate(static_cast<int>(it - doc.mentions.begin()));
      if (candidate >= 0) {
        consider(candidate, it->first_token, it->last_token, false,
                 it->possessive);
      }
    }
  }
  // He/she pronouns of the quote's sentence and the one before it, resolved
  // to the person they stand for.
  {
    const int s0 = std::max(0, sq - 1);
    const int begin = s0 < static_cast<int>(doc.sentence_first.size()) &&
                              doc.sentence_first[s0] >= 0
                          ? doc.sentence_first[s0]
                          : qt;
    const int end = sq_last < static_cast<int>(doc.sentence_end.size()) &&
                            doc.sentence_end[sq_last] >= 0
                        ? doc.sentence_end[sq_last]
                        : lt + 1;
    const int stop = std::min({end, ntok, window_last + 1});
    for (int t = std::max(begin, window_first); t < stop; ++t) {
      if (!(toks[t].classes & kPronoun) || !in_window(t, t)) continue;
      Gender g = Gender::kUnknown;
      if (!lex.Pronoun(toks[t].lower, &g)) continue;
      if (g != Gender::kMale && g != Gender::kFemale) continue;
      const int e = ResolvePronoun(doc, t, g);
      if (e >= 0) consider(e, t, t, true, false);
    }
  }
  const bool rule_answer = !u.speaker.name.empty() || !u.speaker.mention.empty();
  if (rule_answer && u.entity >= 0) {
    bool listed = false;
    for (auto& [e, f] : found) listed |= e == u.entity;
    if (!listed) found.push_back({u.entity, {}});
  }
  if (prev_entity >= 0) {
    bool listed = false;
    for (auto& [e, f] : found) listed |= e == prev_entity;
    if (!listed) found.push_back({prev_entity, {}});
  }
  // A common word taken for a name ("Wörtlich", "Demnach") is nobody.
  found.erase(std::remove_if(found.begin(), found.end(),
                             [&](const auto& entry) {
                               return CommonWordEntity(entry.first);
                             }),
              found.end());
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return a.second.distance != b.second.distance
               ? a.second.distance < b.second.distance
               : a.first < b.first;
  });

  auto rule_features = [&](FeatureSet* f) {
    f->Add(kIsRule);
    switch (u.attribution) {
      case Attribution::kExplicit: f->Add(kIsRuleExplicit); break;
      case Attribution::kPronoun: f->Add(kIsRulePronoun); break;
      case Attribution::kDescription: f->Add(kIsRuleDescription); break;
      default: f->Add(kIsRuleContinuation); break;
    }
  };
  // Each candidate's features: the quote's and its own, as a set read out
  // ascending into SpeakerCandidate::features.
  FeatureSet quote_set;
  for (int f : quote_features) quote_set.Add(f);
  // Room for the candidate's own features too (about twenty).
  const size_t room = quote_features.size() + 32;

  for (size_t k = 0; k < found.size(); ++k) {
    const auto& [e, f] = found[k];
    SpeakerCandidate c;
    c.entity = e;
    c.first_token = f.first;
    c.last_token = f.last;
    c.pronoun = f.pronoun;
    c.rule = rule_answer && u.entity == e;
    c.prev_speaker = prev_entity == e;
    FeatureSet x = quote_set;
    if (c.rule) rule_features(&x);
    if (c.prev_speaker) x.Add(kIsPrevSpeaker);
    if (k == 0) x.Add(kNearest);
    if (found.size() == 1) x.Add(kOnlyCandidate);
    const Entity& ent = doc.entities[e];
    x.Add(ent.kind == SpeakerKind::kPerson         ? kPerson
          : ent.kind == SpeakerKind::kOrganization ? kOrganization
                                                   : kUnknownKind);
    if (ent.person_evidence) x.Add(kPersonEvidence);
    x.Add(ent.mentions >= 4   ? kMentions4
          : ent.mentions >= 2 ? kMentions2
                              : kMentions1);
    if (EntityGender(ent) != Gender::kUnknown) x.Add(kGenderKnown);
    if (f.first < 0) {
      x.Add(kNoMention);
    } else {
      const struct {
        int first_token, last_token;
        bool possessive;
      } m{f.first, f.last, f.possessive};
      if (f.pronoun) x.Add(kViaPronoun);
      const bool before = m.last_token < qt;
      x.Add(before ? kMentionBefore : kMentionAfter);
      const int ms = toks[m.first_token].sentence;
      const int sd = before ? sq - ms : ms - sq_last;
      x.Add(sd <= 0 ? kSent0 : sd == 1 ? kSent1 : sd == 2 ? kSent2 : kSent3);
      const int d = f.distance;
      x.Add(d <= 2    ? kTok2
            : d <= 5  ? kTok5
            : d <= 10 ? kTok10
            : d <= 20 ? kTok20
                      : kTokFar);
      if (toks[m.first_token].para == q.para) x.Add(kSamePara);
      const int b0 = before ? m.last_token + 1 : lt + 1;
      const int b1 = before ? qt : m.first_token;  // exclusive
      bool comma = false, colon = false, other_quote = false, cue = false;
      for (int i = b0; i < b1; ++i) {
        comma |= IsPunct(toks[i], ",");
        colon |= IsPunct(toks[i], ":");
        other_quote |= toks[i].kind == TokKind::kQuote;
        cue |= IsCue(toks[i]);
      }
      if (comma) x.Add(kCommaBetween);
      if (colon) x.Add(kColonBetween);
      if (other_quote) x.Add(kQuoteBetween);
      if (cue) x.Add(kCueBetween);
      if ((m.first_token > 0 && IsCue(toks[m.first_token - 1])) ||
          (m.last_token + 1 < ntok && IsCue(toks[m.last_token + 1]))) {
        x.Add(kCueNext);
      }
      if (toks[m.first_token].sent_start ||
          (m.first_token > 0 && toks[m.first_token - 1].sent_start &&
           (toks[m.first_token - 1].classes & kDet))) {
        x.Add(kSentenceInitial);
      }
      if (m.possessive) x.Add(kPossessive);
      if (sd <= 0) {
        x.Add(before ? kBeforeSameSentence : kAfterSameSentence);
        if (cue) x.Add(kCueBetweenSameSentence);
        if (u.kind == QuoteKind::kScare) x.Add(kScareSameSentence);
        if (u.kind == QuoteKind::kPartial) x.Add(kPartialSameSentence);
      }
      if (m.first_token > 0) {
        x.Add(Hashed(kWordBeforeMention, toks[m.first_token - 1].lower));
      }
      if (m.last_token + 1 < ntok) {
        x.Add(Hashed(kWordAfterMention, toks[m.last_token + 1].lower));
      }
    }
    c.features.reserve(room);
    x.AppendTo(&c.features);
    out->push_back(std::move(c));
  }
  if (rule_answer && u.entity < 0) {
    SpeakerCandidate c;
    c.rule = true;
    FeatureSet x = quote_set;
    rule_features(&x);
    x.Add(kNonEntity);
    x.Add(kNoMention);
    c.features.reserve(room);
    x.AppendTo(&c.features);
    out->push_back(std::move(c));
  }
}

}  // namespace extract
}  // namespace quotewire
