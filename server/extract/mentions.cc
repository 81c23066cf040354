#include "server/extract/mentions.h"

#include "server/extract/dictionary.h"

#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/types/span.h"
#include "server/core/absl_compat.h"
#include "server/extract/cue_match.h"
#include "server/extract/dateline.h"
#include "server/extract/dictionary.h"
#include "server/extract/resolver.h"
#include "server/extract/text_scan.h"

namespace quotewire {
namespace extract {

bool SubjectAfterComma(const Document& doc, size_t comma) {
  const auto& toks = doc.tokens;
  for (size_t a = comma + 1; a < toks.size() && a <= comma + 6; ++a) {
    const Token& t = toks[a];
    if (t.para != toks[comma].para || t.kind != TokKind::kWord) return false;
    if (t.classes & kCueWord) return a > comma + 1;
  }
  return false;
}

int internal::AgeFromDigits(const Lexicon& lex, std::string_view lower) {
  size_t i = 0;
  int age = 0;
  while (i < lower.size() && lower[i] >= '0' && lower[i] <= '9' && i < 3) {
    age = age * 10 + (lower[i] - '0');
    ++i;
  }
  if (i == 0 || i >= lower.size() || age < 1 || age > 120) return 0;
  std::string_view rest = lower.substr(i);
  for (const std::string& s : lex.Endings(Lexicon::Ending::kAge)) {
    if (rest.substr(0, s.size()) == s) return age;
  }
  return 0;
}

int MentionAtToken(const Document& doc, int t) {
  // Asked a few times per quote, of tokens anywhere: a look-up by token, not
  // a binary search over the mentions (whose branches mispredict).
  const std::vector<int32_t>& at = doc.mention_at_token;
  return static_cast<size_t>(t) < at.size() ? at[t] : -1;
}

Gender EntityGender(const Entity& e) {
  if (e.strong == Gender::kMale || e.strong == Gender::kFemale) return e.strong;
  if (e.male > e.female) return Gender::kMale;
  if (e.female > e.male) return Gender::kFemale;
  return Gender::kUnknown;
}

namespace {

// A double first name not listed as one ("Hans-Joachim", "Anna-Lena"): two
// listed first names joined by a hyphen take the first one's gender;
// kUnknown otherwise ("Müller-Lüdenscheidt", "Hans-Müller").
Gender HyphenatedFirstNameGender(const Lexicon& lex, std::string_view lower) {
  const size_t h = lower.find('-');
  if (h == std::string_view::npos || h == 0 || h + 1 >= lower.size()) {
    return Gender::kUnknown;
  }
  const std::string_view rest = lower.substr(h + 1);
  if (rest.find('-') != std::string_view::npos ||
      lex.FirstNameGender(rest) == Gender::kUnknown) {
    return Gender::kUnknown;
  }
  return lex.FirstNameGender(lower.substr(0, h));
}

// Two to six capital letters (any script) and periods: "NATO", "МЧС".
bool IsAcronymSlow(std::string_view word) {
  int letters = 0;
  for (size_t pos = 0; pos < word.size();) {
    char32_t c = CpAt(word, pos, word.size());
    const unsigned char b = static_cast<unsigned char>(word[pos]);
    pos += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (c == '.') continue;
    if (!IsUpperCp(c)) return false;
    ++letters;
  }
  return letters >= 2 && letters <= 6;
}
// Inline: most words tested are names ("Smith"), whose first or (after an
// ASCII first byte) second byte is an ASCII lower-case letter, a code point
// of its own and no capital.
inline bool IsAcronym(std::string_view word) {
  if (word.size() < 2 || word.size() > 18) return false;
  const auto lower_ascii = [](char c) { return c >= 'a' && c <= 'z'; };
  if (lower_ascii(word[0]) ||
      (static_cast<unsigned char>(word[0]) < 0x80 && lower_ascii(word[1]))) {
    return false;
  }
  return IsAcronymSlow(word);
}

// True when the name of tokens [first, k) is the end of entity `e`'s longer
// name: its two surnames ("Herrero Blanco" of "Carmen Luisa Herrero Blanco";
// word_order.tsv `twosurnames`).
bool EndsWithName(const Entity& e, const Document& doc, size_t first,
                  size_t k) {
  if (e.name_tokens <= static_cast<int>(k - first)) return false;
  const std::string_view tail = doc.text.substr(
      doc.tokens[first].start, doc.tokens[k - 1].end - doc.tokens[first].start);
  return e.name.size() > tail.size() &&
         std::string_view(e.name).substr(e.name.size() - tail.size()) == tail &&
         e.name[e.name.size() - tail.size() - 1] == ' ';
}

// True when the name of tokens [first, k) may end in two surnames
// ("Marta Villalobos Arranz", "José Manuel Ortega Vidal"): its last two
// words are capitalised words of three letters or more, no acronym, and no
// connector stands in it ("John Sifton von Human Rights Watch", "Joseph R.
// Biden Jr", "Marc van Dijk" end otherwise).
bool FirstOfTwoSurnames(const Document& doc, size_t first, size_t k) {
  for (size_t m = first; m < k; ++m) {
    if (doc.tokens[m].classes & kConn) return false;
  }
  for (size_t m = k - 2; m < k; ++m) {
    const Token& t = doc.tokens[m];
    const std::string_view w = doc.TokenText(t);
    if (!t.cap || t.kind != TokKind::kWord || w.size() < 3 || IsAcronym(w)) {
      return false;
    }
  }
  return true;
}

}  // namespace

namespace {

// Dutch writes a role noun without article before a name, capitalised only
// because it opens the sentence ("Busondernemer Jos Lemmens uit Heerlen",
// "Jeugdarts Karin Vos"): before a known first name, such a word at token
// `m` is no part of the name.
bool BareRoleOpensSentence(const Lexicon& lex, const Document& doc,
                           size_t m) {
  return lex.Has(doc.lang, Lexicon::Trait::kBareRoleOpensSentence) &&
         (m == 0 || doc.tokens[m - 1].sentence != doc.tokens[m].sentence);
}

// Where a role phrase runs over its genitive complements (word_order.tsv
// `genitivechain`: cs pl ru), capitalised genitives and adjectives that go on
// from a lower-case word of the phrase belong to the description, not to the
// name after them ("заместитель министра иностранных дел Российской
// Федерации Иван Петров", "rzecznik Rzeczypospolitej Polskiej Anna Nowak"):
// of a run ending before `k` whose name would start at `first`, the name
// starts at its known first name, else at its last two words.
size_t NameAfterGenitiveChain(const Lexicon& lex, const Document& doc,
                              size_t first, size_t k) {
  if (k < first + 3 || first == 0 ||
      !lex.Has(doc.lang, Lexicon::Trait::kGenitiveChain)) {
    return first;
  }
  // The word before: a lower-case word of the phrase or a leading title.
  const Token& before = doc.tokens[first - 1];
  if (before.kind != TokKind::kWord || before.cap ||
      before.sentence != doc.tokens[first].sentence ||
      (before.classes & (kCueWord | kPrep | kCoord | kStop)) ||
      lex.FirstNameGender(doc.tokens[first].lower) != Gender::kUnknown) {
    return first;
  }
  for (size_t m = first + 1; m + 1 < k; ++m) {
    if (lex.FirstNameGender(doc.tokens[m].lower) != Gender::kUnknown) return m;
  }
  return k - 2;
}

// Where a role phrase runs over its genitive complements (word_order.tsv
// `genitivechain`), a capitalised adjective in the genitive (endings.tsv
// `adjgenitive`) named alone after a title, before a lower-case noun with a
// case ending, is part of the role phrase, no name ("Глава Калининского
// округа", "hejtmanka Jihočeského kraje"): true for such a one-word name at
// token `first`.
bool GenitiveAdjectiveOfRole(const Lexicon& lex, const Document& doc,
                             size_t first) {
  if (!lex.Has(doc.lang, Lexicon::Trait::kGenitiveChain) ||
      first + 1 >= doc.tokens.size()) {
    return false;
  }
  const Token& next = doc.tokens[first + 1];
  if (next.kind != TokKind::kWord || next.cap ||
      next.sentence != doc.tokens[first].sentence ||
      (next.classes & (kCueWord | kPrep | kCoord | kStop | kPronoun)) ||
      lex.CaseStem(doc.language, next.lower) == next.lower) {
    return false;
  }
  const std::string_view word = doc.tokens[first].lower;
  for (const std::string& end : lex.Endings(Lexicon::Ending::kAdjGenitive)) {
    if (word.size() <= end.size() ||
        word.compare(word.size() - end.size(), end.size(), end) != 0) {
      continue;
    }
    // At least three letters (UTF-8 lead bytes) before the ending.
    int letters = 0;
    for (size_t b = 0; b < word.size() - end.size(); ++b) {
      letters += (static_cast<unsigned char>(word[b]) & 0xC0) != 0x80;
    }
    if (letters >= 3) return true;
  }
  return false;
}

// Languages that name the addressee of a reporting verb in the dative,
// without a preposition ("řekl Novák ČTK", "powiedział Nowak PAP").
bool DativeAddressee(const Lexicon& lex, int lang) {
  return lex.Has(lang, Lexicon::Trait::kAddresseeAfterName);
}

// True when the role noun at token `a` leads a name ("Do lado do Boavista,
// o capitão Ricardo Lemos pediu …"): after a comma it opens another
// person's phrase, no appositive of the name before the comma.
bool RoleLeadsName(const std::vector<Token>& toks, size_t a) {
  return a + 1 < toks.size() && toks[a + 1].kind == TokKind::kWord &&
         toks[a + 1].cap && toks[a + 1].sentence == toks[a].sentence;
}

// Person evidence in what follows a name ending before token `k`: a comma
// and a relative pronoun of persons ("Rafferty, whose novel …", "Ann Lee,
// who owns …"), or an appositive whose head is a role noun ("Priya Raman,
// an analyst at Castlegate Securities,"; not "Halvorsen, a maker of …", nor
// a role noun leading a name).
bool AppositivePersonEvidence(const std::vector<Token>& toks, size_t k) {
  if (k + 1 >= toks.size() || toks[k].lower != "," ||
      toks[k + 1].sentence != toks[k].sentence ||
      toks[k + 1].kind != TokKind::kWord) {
    return false;
  }
  size_t a = k + 1;
  if (toks[a].classes & kPersonRelative) return true;
  if (toks[a].classes & (kDet | kIndef)) ++a;
  size_t head = 0;
  for (; a < toks.size() && a <= k + 5; ++a) {
    const Token& t = toks[a];
    if (t.kind != TokKind::kWord || t.cap || (t.classes & kPrep)) break;
    head = a;
  }
  return head > k + 1 && (toks[head].classes & kRole) &&
         !(toks[head].classes & (kOrg | kGroup)) && !RoleLeadsName(toks, head);
}

// Paragraphs written in title case (headlines: "Roe Says Flood Plan Is
// ‘Too Late’"): at least four words of four letters or more outside
// quotes (a signature line "- Jane Roe, Dunmore." is none), all
// capitalised, most not in capitals throughout. A paragraph's tokens are
// read up to its first long word in lower case, which settles it (most
// paragraphs: within a few tokens).
// One byte a paragraph (1: title case), not a bit: is_name_token reads it
// for every name token.
std::vector<uint8_t> TitleCasedParagraphs(const Document& doc) {
  const size_t n = doc.paragraphs.size();
  const std::vector<Token>& toks = doc.tokens;
  std::vector<uint8_t> title(n, 0);
  for (size_t p = 0; p < n; ++p) {
    int long_words = 0;
    int caps = 0;
    bool lower = false;
    const int32_t end = doc.para_token_begin[p + 1];
    for (int32_t i = doc.para_token_begin[p]; i < end; ++i) {
      const Token& t = toks[i];
      if (t.kind != TokKind::kWord || t.lower.size() < 4) continue;
      if (!t.cap) {
        lower = true;
        break;
      }
      ++long_words;
      // Written in capitals throughout ("EBOLA SURVIVORS"): no title case.
      const std::string_view w = doc.TokenText(t);
      caps += w.size() > 1 && w[1] >= 'A' && w[1] <= 'Z';
    }
    title[p] = !lower && long_words >= 4 && 2 * caps < long_words;
  }
  return title;
}

// True when one to four words from token `c` name a known news medium,
// with or without its article ("Corriere della Sera", "Sole 24 Ore" of "Il
// Sole 24 Ore").
bool KnownMediumAt(const Lexicon& lex, const Document& doc, size_t c) {
  const std::vector<Token>& toks = doc.tokens;
  for (size_t e = c; e < toks.size() && e < c + 4; ++e) {
    if (toks[e].sentence != toks[c].sentence) break;
    const std::string_view name(doc.lower_text.data() + toks[c].start,
                                toks[e].end - toks[c].start);
    if (lex.IsKnownOutlet(name) ||
        !lex.KnownOutletAfterArticle(name).empty()) {
      return true;
    }
  }
  return false;
}

// True when the name at `first` is the subject of an inverted reporting
// verb right after a quotation (`’, zei Van Dam`, `», dijo Sanz`, `», a
// déclaré Lemaire`, `», — сказала Белова`): such a name is a person's.
bool InvertedCueSubject(const std::vector<Token>& toks, size_t first) {
  if (first < 2) return false;
  size_t v = first - 1;
  if (toks[v].kind != TokKind::kWord || !(toks[v].classes & kCueWord)) {
    return false;
  }
  // Auxiliaries before a participle: "a déclaré", "ha dicho".
  for (int n = 0; n < 2 && v > 0 && (toks[v - 1].classes & kAux); ++n) --v;
  // The comma and dash after the closing mark.
  for (int n = 0; n < 2 && v > 0 && toks[v - 1].kind == TokKind::kPunct &&
                  (toks[v - 1].lower == "," || toks[v - 1].lower == "—" ||
                   toks[v - 1].lower == "–" || toks[v - 1].lower == "-");
       ++n) {
    --v;
  }
  return v > 0 && toks[v - 1].kind == TokKind::kQuote;
}

// "Jorin Abassi, einer der Abgeordneten,": after the indefinite article at
// `*r - 1`, a partitive's article; moves `*r` to its noun (one of a group:
// any capitalised noun names the group).
bool PartitiveNounAt(const std::vector<Token>& toks, size_t* r) {
  const size_t k = *r;
  if (k + 1 >= toks.size() || !(toks[k - 1].classes & kIndef) ||
      !(toks[k].classes & kDet)) {
    return false;
  }
  *r = k + 1;
  return true;
}

// "ElBaradei", "McCain": a capital letter after a lower-case one inside the
// word, as common nouns never have (a surname ending like a German noun,
// "-ei", is still a name).
bool InnerCapital(std::string_view w) {
  for (size_t i = 1; i < w.size(); ++i) {
    if (w[i] >= 'A' && w[i] <= 'Z' && w[i - 1] >= 'a' && w[i - 1] <= 'z') {
      return true;
    }
  }
  return false;
}

}  // namespace

void DetectMentions(const Lexicon& lex, Document* doc) {
  std::vector<Token>& toks = doc->tokens;
  // Per-word facts by Token::word_id (no hashing of the text): capitalised
  // mid-sentence, capitalised sentence-initially, seen in lower case after
  // a sentence-initial capital, and (noun-capitalising languages) known to
  // be a name; and the answers of per-word lexicon tests, each computed once
  // (a `...Done` bit marks a test run).
  enum : uint16_t {
    kMidcap = 1,
    kInitial = 2,
    kLowered = 4,
    kKnown = 8,
    kHyphenated = 16,  // "VVD-leider": is_title below tests these only
    kHyphenRole = 32,
    kEndsWithRoleDone = 64,  // Lexicon::EndsWithRole
    kEndsWithRole = 128,
    kRoleCompoundDone = 256,  // Lexicon::RoleCompound
    kRoleCompound = 512,
    kNounSuffixDone = 1024,  // Lexicon::HasNounSuffix
    kNounSuffix = 2048,
    kBodyMidcap = 16384,  // capitalised mid-sentence outside title-cased lines
    kHyphenRoleDone = 8192,
    kOutletDone = 4096,  // Lexicon::IsKnownOutlet of the word alone
    kOutlet = 32768,
  };
  // Lexicon genders of each word, looked up once (kUnknownYet until then;
  // kNotListed: the word is no title, or no pronoun).
  constexpr uint8_t kUnknownYet = 0xFF;
  constexpr uint8_t kNotListed = 0xFE;
  // One entry more than words: facts[-1] answers the reads of punctuation
  // and quote tokens (word id -1) in the branch-free pass below.
  // Every entry is written below: a scratch buffer that only grows (not
  // zeroed by a resize for each article).
  if (doc->word_mentions.size() < static_cast<size_t>(doc->words.size()) + 1) {
    doc->word_mentions.resize(static_cast<size_t>(doc->words.size()) + 1);
  }
  WordMentionInfo* const facts = doc->word_mentions.data() + 1;
  facts[-1] = {0, kUnknownYet, kUnknownYet, kUnknownYet, kUnknownYet};
  // The case facts come from Tokenize (WordLexInfo::case_seen): kMidcap
  // and kInitial as they are, and kLowered for a word capitalised
  // sentence-initially and seen in lower case anywhere.
  static_assert(int{kMidcap} == int{kCaseMidcap} &&
                    int{kInitial} == int{kCaseInitial},
                "case bits are copied");
  for (int32_t id = 0; id < doc->words.size(); ++id) {
    const WordLexInfo& info = doc->word_lex[id];
    const uint8_t seen = info.case_seen;
    facts[id] = {
        static_cast<uint16_t>((info.hyphen ? kHyphenated : 0) |
                              (seen & (kCaseMidcap | kCaseInitial)) |
                              ((seen & (kCaseInitial | kCaseLowered)) ==
                                       (kCaseInitial | kCaseLowered)
                                   ? kLowered
                                   : 0)),
        kUnknownYet, kUnknownYet, kUnknownYet, kUnknownYet};
  }
  auto has = [&](const Token& t, uint16_t bit) {
    return (facts[t.word_id].flags & bit) != 0;
  };
  auto once = [&](const Token& t, uint16_t done, uint16_t yes, auto test) {
    uint16_t& flags = facts[t.word_id].flags;
    if (!(flags & done)) {
      flags |= done;
      if (test(t.lower)) flags |= yes;
    }
    return (flags & yes) != 0;
  };
  auto ends_with_role = [&](const Token& t) {
    return once(t, kEndsWithRoleDone, kEndsWithRole,
                [&](std::string_view w) { return lex.EndsWithRole(w); });
  };
  // A gender of the lexicon looked up once per word: true and `*g` when
  // `lookup(word, g)` finds the word.
  auto listed_gender = [&](const Token& t, uint8_t WordMentionInfo::*field,
                           Gender* g, auto lookup) {
    uint8_t& cached = facts[t.word_id].*field;
    if (cached == kUnknownYet) {
      Gender found = Gender::kUnknown;
      cached = lookup(t.lower, &found) ? static_cast<uint8_t>(found)
                                       : kNotListed;
    }
    if (cached == kNotListed) return false;
    *g = static_cast<Gender>(cached);
    return true;
  };
  // Lexicon::Pronoun of the word.
  auto pronoun_gender = [&](const Token& t, Gender* g) {
    return listed_gender(t, &WordMentionInfo::pronoun_gender, g,
                         [&](std::string_view w, Gender* found) {
                           return lex.Pronoun(w, found);
                         });
  };
  // Whether the word is one of pronouns.tsv.
  auto listed_pronoun = [&](const Token& t) {
    Gender g;
    return pronoun_gender(t, &g);
  };
  // Lexicon::TitleIn of the word in the article's language.
  auto title_in = [&](const Token& t, Gender* g) {
    return listed_gender(t, &WordMentionInfo::title_gender, g,
                         [&](std::string_view w, Gender* found) {
                           return lex.TitleIn(doc->language, w, found);
                         });
  };
  auto has_noun_suffix = [&](const Token& t) {
    return once(t, kNounSuffixDone, kNounSuffix, [&](std::string_view w) {
      return lex.HasNounSuffix(doc->lang, w);
    });
  };
  // The tokens that may be gendered pronouns (for the last loop below) and
  // those that can start a mention (below): capitalised words and words
  // that may be titles; collected by ApplyLanguage (document.h). The rest
  // (punctuation, most lower-case words) fail is_title and is_name_token,
  // and the loop skips them.
  const int32_t* const pronouns_out = doc->pronoun_tokens.data();
  const size_t num_pronouns = doc->num_pronoun_tokens;
  int32_t* const starts_out = doc->mention_start_tokens.data();
  size_t num_starts = doc->num_mention_start_tokens;
  // In a local: the loops below store, so toks.size() (a division by the
  // token's 48 bytes) would be computed again at every use. No token is
  // added or removed here.
  const size_t num_toks = toks.size();
  const absl::Span<const int32_t> pronouns(pronouns_out, num_pronouns);
  // The place of a dateline ("LOS ANGELES --") is no name.
  int dateline_begin = 0;
  int dateline_end = 0;
  const bool dateline = FindDateline(*doc, &dateline_begin, &dateline_end);
  if (dateline) {
    num_starts = static_cast<size_t>(
        std::remove_if(starts_out, starts_out + num_starts,
                       [&](int32_t s) {
                         return s >= dateline_begin && s < dateline_end;
                       }) -
        starts_out);
  }
  absl::Span<int32_t> starts(starts_out, num_starts);
  auto first_name_gender = [&](const Token& t) {
    uint8_t& g = facts[t.word_id].first_name_gender;
    if (g == kUnknownYet) {
      Gender listed =
          t.word_id < 0
              ? lex.FirstNameGender(t.lower)
              : lex.FirstNameGender(t.lower, doc->words.hash(t.word_id));
      // Tokenize marks the words holding a '-' (kHyphenated): the others
      // skip the search for one.
      if (listed == Gender::kUnknown &&
          (t.word_id < 0 || has(t, kHyphenated))) {
        listed = HyphenatedFirstNameGender(lex, t.lower);
      }
      g = static_cast<uint8_t>(listed);
    }
    return static_cast<Gender>(g);
  };
  auto surname_gender = [&](const Token& t) {
    uint8_t& g = facts[t.word_id].surname_gender;
    if (g == kUnknownYet) g = static_cast<uint8_t>(lex.SurnameGender(t.lower));
    return static_cast<Gender>(g);
  };
  // "Luego declaró el ministro: «…»", "Indes sagte Ministerin Klara Weiß:
  // „…“", "Daarna zei hij: '…'": where a fronted adverbial puts the subject
  // after the verb (word_order.tsv), a word opening the sentence before a
  // reporting verb whose subject follows it (a personal pronoun, a title, a
  // full name, an article and a role noun) is that adverbial, not a name.
  const bool inverts = lex.InvertsAfterAdverbial(doc->lang);
  auto fronted_adverbial = [&](size_t i) {
    if (!inverts || !toks[i].sent_start) return false;
    const int32_t para = toks[i].para;
    auto word = [&](size_t k) {
      return k < num_toks && toks[k].para == para &&
             toks[k].kind == TokKind::kWord;
    };
    // The cue with its auxiliaries and time words ("a déclaré mardi", "ha
    // dichiarato").
    size_t v = i + 1;
    bool cue = false;
    const int para_end = doc->para_token_begin[para + 1];
    while (word(v) && v < i + 6) {
      size_t len = 0;
      if (toks[v].classes & kCueWord) {
        len = MatchCueAt(lex, *doc, static_cast<int>(v), para_end, 0,
                         kCueNonSpeech)
                  .len;
      }
      if (len > 0) {
        cue = true;
        v += len;
      } else if (toks[v].classes & kAux) {
        ++v;
      } else {
        break;
      }
    }
    if (!cue || !word(v)) return false;
    const Token& s = toks[v];
    if ((s.classes & kPronoun) && listed_pronoun(s)) return true;
    if (s.classes & kTitle) return true;
    // A first name, or two capitalised words: a full name.
    if (s.cap && (first_name_gender(s) != Gender::kUnknown ||
                  (word(v + 1) && toks[v + 1].cap))) {
      return true;
    }
    return (s.classes & kDet) && word(v + 1) &&
           ((toks[v + 1].classes & (kTitle | kRole)) ||
            ends_with_role(toks[v + 1]));
  };
  // Languages that capitalise common nouns need evidence for a name: a
  // first name, a title (also inside compounds like "VW-Chef"), a reporting
  // verb next to it, an acronym; and names continue such a token.
  const bool noun_caps = lex.CapitalisesNouns(doc->language);
  if (noun_caps) {
    // Compound role nouns ("Gewerkschaftschef", "Oppositionsführer") are
    // titles: they lead a name but are never part of it. Every capitalised
    // word is in `starts`, so only those are visited.
    for (int32_t s : starts) {
      Token& t = toks[s];
      Gender g;
      if (t.cap && !(t.classes & kTitle) &&
          once(t, kRoleCompoundDone, kRoleCompound, [&](std::string_view w) {
            return lex.RoleCompound(doc->lang, w, &g);
          })) {
        t.classes |= kTitle;
      }
      // A person noun of the dictionary right before a first name ("Der
      // Kläger Stefan Weber", "Klimaexperte Anna Roth") is a title too.
      if (t.cap && !(t.classes & kTitle) &&
          static_cast<size_t>(s) + 1 < num_toks &&
          toks[s + 1].para == t.para && toks[s + 1].kind == TokKind::kWord &&
          first_name_gender(toks[s + 1]) != Gender::kUnknown &&
          first_name_gender(t) == Gender::kUnknown &&
          lex.dictionary().PersonNoun(doc->lang, t.lower) !=
              Dictionary::Person::kNone) {
        t.classes |= kTitle;
      }
    }
  }
  if (noun_caps) {
    auto cap_word = [&](size_t i) {
      return i < num_toks && toks[i].kind == TokKind::kWord &&
             toks[i].cap && !(toks[i].classes & (kStop | kDet | kIndef));
    };
    // A first name ("Karl-Theodor": its first part) before connectors:
    // "Ursula von der Leyen", "Karl-Theodor zu Guttenberg".
    auto first_name_before_connector = [&](size_t k) {
      if (first_name_gender(toks[k]) != Gender::kUnknown) return true;
      std::string_view w = toks[k].lower;
      size_t h = w.find('-');
      return h != std::string_view::npos && h > 0 &&
             lex.FirstNameGender(w.substr(0, h)) != Gender::kUnknown;
    };
    // A function word capitalised inside a sentence can only be a name
    // there: "Lothar Nicht, Ordnungsdezernent" (the surname "Nicht").
    auto capitalised_function_word = [&](size_t k) {
      if (k >= num_toks) return false;
      const Token& w = toks[k];
      return w.kind == TokKind::kWord && w.cap &&
             !w.sent_start && (w.classes & kStop) &&
             !(w.classes & (kDet | kIndef | kPronoun));
    };
    // A common noun after the surname that opens a time phrase ends the
    // name: "zitiert X Kevin Lynch Anfang der Woche", "Anna Roth Ende
    // Mai" (a determiner, a number or a time word follows it).
    auto time_noun_after_name = [&](size_t i, size_t k) {
      if (k < i + 2 || k + 1 >= num_toks ||
          toks[k + 1].para != toks[k].para ||
          !lex.IsCommonWord(doc->lang, toks[k].lower)) {
        return false;
      }
      const Token& n = toks[k + 1];
      return (n.classes & (kDet | kTimeWord)) != 0 ||
             (n.kind == TokKind::kNumber);
    };
    auto add_run = [&](size_t i) {
      size_t end = i + 3;
      for (size_t k = i; k < end && k < num_toks && toks[k].para == toks[i].para;
           ++k) {
        // The connectors of a name: across at most two, right after a
        // first name, to the surname.
        if (!cap_word(k) && k == i + 1 && first_name_before_connector(i)) {
          size_t c = k;
          while (c < k + 2 && c < num_toks && toks[c].para == toks[i].para &&
                 toks[c].kind == TokKind::kWord && !toks[c].cap &&
                 (toks[c].classes & kConn)) {
            ++c;
          }
          // No connector: a capitalised function word may still be the
          // surname ("Lothar Nicht"), checked below.
          if (c > k) {
            if (!cap_word(c) || toks[c].para != toks[i].para) break;
            end += c - k;
            k = c;
          }
        }
        if (!cap_word(k) && !(k > i && capitalised_function_word(k))) break;
        if (has_noun_suffix(toks[k]) &&
            !InnerCapital(doc->TokenText(toks[k]))) {
          break;
        }
        if (time_noun_after_name(i, k)) break;
        facts[toks[k].word_id].flags |= kKnown;
        if (toks[k].possessive) break;
      }
    };
    // Only titles and capitalised words do anything here: all in `starts`.
    for (int32_t s : starts) {
      const size_t i = static_cast<size_t>(s);
      const Token& t = toks[i];
      bool title = (t.classes & kTitle) || (t.cap && ends_with_role(t));
      if (title && i + 1 < num_toks && toks[i + 1].para == t.para) {
        add_run(i + 1);
        // "Der türkische Verkehrsminister, Binali Yildirim,"
        if (toks[i + 1].lower == "," && i + 2 < num_toks &&
            toks[i + 2].para == t.para) {
          add_run(i + 2);
        }
      }
      if (!cap_word(i)) continue;
      std::string_view w = doc->TokenText(t);
      bool acronym = w.size() >= 2 && std::all_of(w.begin(), w.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || c == '-';
      });
      if (first_name_gender(t) != Gender::kUnknown || acronym ||
          (t.classes & kOrg)) {
        add_run(i);
      }
      // Where nouns are capitalised, an appositive after a comma made of
      // two or three capitalised words ending the clause, the first one
      // no common word of the dictionary, is a name: "…, sagte der
      // Vorsitzende des Verbandes, Elmar Gesse."
      if (noun_caps && i > 0 && toks[i - 1].lower == "," &&
          toks[i - 1].para == t.para && !acronym &&
          !(t.classes & (kOrg | kGroup | kRole | kTitle)) &&
          !has_noun_suffix(t) && !lex.IsCommonWord(doc->lang, t.lower)) {
        size_t e = i + 1;
        while (e < num_toks && e < i + 3 && cap_word(e) &&
               toks[e].para == t.para && !toks[e].possessive) {
          ++e;
        }
        if (e > i + 1 && (e == num_toks || toks[e].para != t.para ||
                          toks[e].kind == TokKind::kPunct ||
                          (toks[e].classes & kCueWord))) {
          add_run(i);
        }
      }
      // And one opening a sentence before a comma and a role phrase, its
      // article optional: "Houcine Abassi, der Generalsekretär des
      // Verbandes, sagte", "Jorin Abassi, Vorsitzender des Vereins,".
      if (noun_caps && t.sent_start && !acronym &&
          !(t.classes & (kOrg | kGroup | kRole | kTitle)) &&
          !has_noun_suffix(t) && !lex.IsCommonWord(doc->lang, t.lower)) {
        size_t e = i + 1;
        while (e < num_toks && e < i + 3 && cap_word(e) &&
               toks[e].para == t.para && !toks[e].possessive &&
               !lex.IsCommonWord(doc->lang, toks[e].lower)) {
          ++e;
        }
        size_t r = e + 1;
        if (r + 1 < num_toks && (toks[r].classes & (kDet | kIndef))) ++r;
        const bool partitive = PartitiveNounAt(toks, &r);
        if (e > i + 1 && r < num_toks && toks[e].lower == "," &&
            toks[r].para == t.para && toks[r].kind == TokKind::kWord &&
            ((toks[r].classes & (kRole | kTitle)) || ends_with_role(toks[r]) ||
             (partitive && toks[r].cap) ||
             lex.dictionary().PersonNoun(doc->lang, toks[r].lower) !=
                 Dictionary::Person::kNone)) {
          add_run(i);
        }
      }
      bool cue_before = i > 0 && toks[i - 1].para == t.para &&
                        (toks[i - 1].classes & kCueWord);
      // "Tomson Phiri teilte", also across an appositive comma.
      bool cue_after = i + 1 < num_toks && toks[i + 1].para == t.para &&
                       ((toks[i + 1].classes & kCueWord) ||
                        (toks[i + 1].lower == "," && i + 2 < num_toks &&
                         toks[i + 2].para == t.para &&
                         (toks[i + 2].classes & kCueWord)));
      auto person_like = [&](const Token& w) {
        return !has_noun_suffix(w) && !(w.classes & (kRole | kGroup | kTitle)) &&
               !ends_with_role(w);
      };
      // "Sascha Kempf vom Max-Planck-Institut in Heidelberg erläutert": the
      // word before the cue is the object of a preposition; the name opens
      // the chain of capitalised words and prepositional phrases.
      if (cue_after && i > 0 && toks[i - 1].kind == TokKind::kWord &&
          (toks[i - 1].classes & kPrep) && toks[i - 1].para == t.para) {
        size_t p = i;
        while (p > 0 && i - p < 10 && toks[p - 1].para == t.para &&
               toks[p - 1].kind == TokKind::kWord &&
               (cap_word(p - 1) || (toks[p - 1].classes & (kPrep | kDet)))) {
          --p;
        }
        while (p < i && !cap_word(p)) ++p;
        if (p < i && (p == 0 || !(toks[p - 1].classes & kPrep)) &&
            person_like(toks[p]) && !(toks[p].classes & kOrg)) {
          add_run(p);
        }
        continue;
      }
      // "In seiner wöchentlichen Radioansprache sagte": after a preposition
      // and its article or adjectives, the word is the preposition's object.
      bool prep_object = false;
      for (size_t p = i; cue_after && p > 0 && i - p < 4; --p) {
        const Token& w = toks[p - 1];
        if (w.para != t.para || w.kind != TokKind::kWord) break;
        if (w.classes & kPrep) {
          prep_object = true;
          break;
        }
        if (w.cap && !(w.classes & (kDet | kIndef))) break;
      }
      if ((cue_before || (cue_after && !fronted_adverbial(i) &&
                          !prep_object)) &&
          person_like(t)) {
        // The run this token ends or starts.
        size_t b = i;
        while (b > 0 && cap_word(b - 1) && toks[b - 1].para == t.para &&
               i - b < 2) {
          --b;
        }
        add_run(cue_before ? i : b);
      }
    }
    // Where nouns are capitalised most capitalised words are no name
    // (is_name_token wants kKnown) and no title: such a start would only
    // advance the mention loop by one token, so it is dropped here.
    size_t kept = 0;
    for (int32_t s : starts) {
      const Token& t = toks[s];
      const uint16_t flags = facts[t.word_id].flags;
      starts[kept] = s;
      kept += ((flags & kKnown) != 0) | ((t.classes & kTitle) != 0) |
              ((flags & kHyphenated) != 0);
    }
    starts = starts.subspan(0, kept);
  }
  const std::vector<uint8_t> title_cased =
      noun_caps ? std::vector<uint8_t>() : TitleCasedParagraphs(*doc);
  if (std::find(title_cased.begin(), title_cased.end(), 1) !=
      title_cased.end()) {
    // Without a branch (capitalised words mid-sentence and sentence
    // openers alternate): the bit is or-ed in, or nothing.
    auto mark_body_midcap = [&](size_t i) {
      const Token& t = toks[i];
      const bool body = (t.kind == TokKind::kWord) & t.cap & !t.sent_start &
                        !title_cased[t.para];
      facts[t.word_id].flags |= static_cast<uint16_t>(kBodyMidcap * body);
    };
    // Every capitalised word is in `starts` (kept whole where nouns are
    // not capitalised) but for the dateline's, dropped from it above.
    for (int32_t s : starts) mark_body_midcap(static_cast<size_t>(s));
    for (int i = dateline_begin; dateline && i < dateline_end; ++i) {
      mark_body_midcap(static_cast<size_t>(i));
    }
  }
  // is_name_token (below) of a capitalised word.
  auto is_capitalised_name_token = [&](size_t i) {
    const Token& t = toks[i];
    if (t.classes & kTimeWord) return false;
    // A title-cased headline capitalises its verbs and nouns: a reporting
    // verb, or a common word of the dictionary that the article capitalises
    // nowhere else mid-sentence, is no part of a name there ("Jane Roe Says
    // …", "Roe Addresses Flood Victims"; "Trump" stays one where the text
    // writes it so).
    if (!title_cased.empty() && title_cased[t.para] &&
        ((t.classes & kCueWord) ||
         (!has(t, kBodyMidcap) && first_name_gender(t) == Gender::kUnknown &&
          lex.IsCommonWord(doc->lang, t.lower)))) {
      return false;
    }
    if ((t.classes & kPronoun) && listed_pronoun(t)) return false;
    if (noun_caps && !has(t, kKnown)) {
      return false;
    }
    if (t.classes & (kDet | kIndef | kCoord | kThat)) {
      if (t.sent_start || !has(t, kMidcap)) {
        return false;
      }
    }
    if (t.sent_start) {
      if (t.classes & (kStop | kCueWord | kAux | kGroup)) return false;
      if (has(t, kMidcap)) return true;
      if (first_name_gender(t) != Gender::kUnknown) return true;
      if (has(t, kLowered) || fronted_adverbial(i)) return false;
      // A gendered surname ("Tikhanovskaya fled").
      if (surname_gender(t) != Gender::kUnknown &&
          !(t.classes & (kRole | kOrg | kGroup))) {
        return true;
      }
      // A plural common noun the dictionary knows as no name opens its
      // sentence ("Pensioners shouted", "Boeren riepen"; not "Sanders").
      if (lex.PluralNoun(doc->lang, t.lower) &&
          !lex.dictionary().IsName(
              doc->lang, std::string_view(doc->text).substr(
                             t.start, t.end - t.start))) {
        return false;
      }
      // Followed by a reporting verb ("Zorblat said").
      size_t v = i + 1;
      while (v < num_toks && v < i + 3 && (toks[v].classes & kAux)) ++v;
      if (v < num_toks && (toks[v].classes & kCueWord) &&
          toks[v].para == t.para && !(t.classes & (kRole | kOrg))) {
        return true;
      }
      // Followed by another capitalised word.
      if (i + 1 < num_toks && toks[i + 1].kind == TokKind::kWord &&
          toks[i + 1].cap && !toks[i + 1].sent_start &&
          toks[i + 1].para == t.para) {
        return true;
      }
      return false;
    }
    return true;
  };
  // Most words tested are in lower case: told inline.
  auto is_name_token = [&](size_t i) {
    const Token& t = toks[i];
    return t.kind == TokKind::kWord && t.cap && is_capitalised_name_token(i);
  };
  // A known news medium named by text[b, e) (LowerWord(NormalizeSpaces()),
  // looked up in lower_text without a copy where it can).
  std::string outlet_key;
  auto outlet_text = [&](int32_t b, int32_t e) {
    return lex.IsKnownOutlet(
        LowerNormalized(doc->text, doc->lower_text, b, e, &outlet_key));
  };
  // Of tokens [b, e]; a word alone is looked up once (names recur).
  auto known_outlet = [&](size_t b, size_t e) {
    if (b == e && toks[b].word_id >= 0) {
      return once(toks[b], kOutletDone, kOutlet, [&](std::string_view) {
        return outlet_text(toks[b].start, toks[b].end);
      });
    }
    return outlet_text(toks[b].start, toks[e].end);
  };
  auto is_title = [&](size_t i) {
    const Token& t = toks[i];
    if (t.kind != TokKind::kWord) return false;
    if (t.classes & kTitle) return true;
    if (!has(t, kHyphenated)) return false;  // most words
    // A hyphenated role compound in any language: "LTO-voorzitter",
    // "VVD-leider", "NAVO-chef" (the part after the last hyphen is a title
    // or role noun). Decided once per word.
    return once(t, kHyphenRoleDone, kHyphenRole, [&](std::string_view w) {
      size_t h = w.rfind('-');
      return h != std::string_view::npos && h != 0 && h + 3 <= w.size() &&
             (lex.Classes(w.substr(h + 1)) & (kTitle | kRole)) != 0;
    });
  };

  // The first entity by the word id of its surname (-1: none yet).
  std::vector<int32_t>& surname_first = doc->surname_first_entity;
  surname_first.assign(doc->words.size(), -1);
  // Entities with a full name, by the case stem of their surname (languages
  // that inflect names only).
  absl::flat_hash_map<absl::string_view, std::vector<int>> by_stem;
  // A surname's first entity is the only one that can be named by the
  // surname alone (a lone surname after it is the most mentioned entity's),
  // and a full name finds that one or the entity of its first name: an
  // entity's first name is set once and never changes, and no two entities
  // share a surname and a first name. So the first entity of a surname is
  // enough for most names; the others are found by surname and first name
  // (word ids), which keeps an article of thousands of people sharing a
  // surname linear. And the most mentioned entity of each surname (the
  // first on a tie).
  absl::flat_hash_map<uint64_t, int32_t> later_of;
  auto full_name_key = [](const Token& surname, const Token& first_name) {
    return static_cast<uint64_t>(static_cast<uint32_t>(surname.word_id)) << 32 |
           static_cast<uint32_t>(first_name.word_id);
  };
  std::vector<int32_t> surname_most(doc->words.size(), -1);  // by word id
  // The first surname of a name with two (word_order.tsv `twosurnames`:
  // "Marta Villalobos Arranz"): by
  // its word id, the first entity of a name of three or more words with it
  // as the word before the last, no known first name (FirstOfTwoSurnames).
  // A lone mention of it ("señaló Villalobos") is that person.
  absl::flat_hash_map<int32_t, int32_t> by_first_surname;
  const bool two_surnames = lex.Has(doc->lang, Lexicon::Trait::kTwoSurnames);
  std::vector<int32_t> entity_surname;  // by entity: the word id
  const bool inflects = lex.InflectsNames(doc->language);
  size_t next_start = 0;
  for (size_t i = 0; i < num_toks;) {
    // Past the tokens that start no mention (a skipped token would only
    // advance i by one).
    while (next_start < starts.size() &&
           static_cast<size_t>(starts[next_start]) < i) {
      ++next_start;
    }
    if (next_start == starts.size()) break;
    i = static_cast<size_t>(starts[next_start]);
    // Leading titles (capitalised or not), then name tokens.
    size_t j = i;
    while (j < num_toks && is_title(j) && toks[j].para == toks[i].para &&
           !toks[j].possessive) {
      ++j;
    }
    // "Challenger Grace Mbeki": a sentence-initial common noun before a
    // known first name is not part of the name.
    // (The tests of the three tokens first, the lexicon's last.)
    if (j == i && toks[j].sent_start && j + 2 < num_toks &&
        !toks[j].possessive && !has(toks[j], kMidcap) &&
        toks[j + 1].para == toks[j].para &&
        toks[j + 1].kind == TokKind::kWord && toks[j + 1].cap &&
        toks[j + 2].para == toks[j].para &&
        toks[j + 2].kind == TokKind::kWord && toks[j + 2].cap &&
        first_name_gender(toks[j + 1]) != Gender::kUnknown &&
        is_name_token(j) && first_name_gender(toks[j]) == Gender::kUnknown) {
      i = j = j + 1;
    }
    size_t name_start = j;
    // Capitalised non-title words before a later title belong to the title
    // ("Interior Minister"): handled by scanning the run and stripping
    // through its last title.
    size_t k = j;
    while (k < num_toks && toks[k].para == toks[i].para) {
      if (is_name_token(k) || (k > name_start && is_title(k) && toks[k].cap)) {
        bool poss = toks[k].possessive;
        ++k;
        if (poss) break;
        continue;
      }
      // Connectors, also in runs ("van der", "de la"), before a name token.
      // Not after a lone surname led by a title: a surname without its
      // first name writes its particle with a capital ("minister Van der
      // Laan"), so a lower-case preposition that is no article, alone
      // before the next name word, is the preposition ("burgemeester
      // Aboutaleb van Rotterdam"); "FNV-bestuurder Marleen de Wit" stays.
      const bool lone_surname =
          k == name_start + 1 && name_start > i && k + 1 < num_toks &&
          (toks[k].classes & kPrep) && !(toks[k].classes & kDet) &&
          !(toks[k + 1].classes & kConn) &&
          first_name_gender(toks[name_start]) == Gender::kUnknown;
      if (k > name_start && !lone_surname) {
        size_t c = k;
        while (c < num_toks && c < k + 3 &&
               toks[c].kind == TokKind::kWord && (toks[c].classes & kConn) &&
               !toks[c].cap && toks[c].para == toks[i].para) {
          ++c;
        }
        // "Karin Vos van de GGD Utrecht", "Jan Ott von der Caritas": after
        // a known first name and a surname that is none, a particle with
        // an article opens the person's affiliation, not a longer name.
        bool affiliation = false;
        for (size_t a = k; a < c; ++a) {
          if (toks[a].classes & kDet) affiliation = true;
        }
        affiliation = affiliation && k >= name_start + 2 &&
                      first_name_gender(toks[name_start]) != Gender::kUnknown &&
                      first_name_gender(toks[k - 1]) == Gender::kUnknown;
        // "ha dichiarato Guidi al Corriere della Sera": a preposition
        // before a known news medium is whom the person spoke to.
        affiliation = affiliation ||
                      (c == k + 1 && (toks[k].classes & kPrep) &&
                       KnownMediumAt(lex, *doc, c));
        // "soll Anelka zu Domenech gesagt haben": a lone surname, then a
        // preposition and the surname of another person named in full
        // before: two names, not one with a particle.
        if (c == k + 1 && k == name_start + 1 && c < num_toks &&
            toks[c].word_id >= 0 &&
            first_name_gender(toks[name_start]) == Gender::kUnknown) {
          const int32_t other = surname_first[toks[c].word_id];
          affiliation = affiliation ||
                        (other >= 0 && doc->entities[other].name_tokens >= 2 &&
                         doc->entities[other].first_lower !=
                             toks[name_start].lower);
        }
        if (c > k && c < num_toks && is_name_token(c) && !affiliation &&
            toks[c].para == toks[i].para) {
          k = c;
          continue;
        }
      }
      break;
    }
    // "former Pennsylvania Gov. and …": a run ending in an abbreviated
    // title is the title with its place, no name.
    if (k > name_start + 1 && is_title(k - 1) && toks[k - 1].cap &&
        doc->text[toks[k - 1].end - 1] == '.') {
      i = k;
      continue;
    }
    if (k == name_start && j > i && toks[j - 1].cap && j - 1 > i &&
        !toks[j - 1].possessive) {
      // "Mr. King": a capitalised title word is the name itself.
      name_start = j - 1;
      k = j;
    }
    if (k == name_start) {
      i = std::max(i + 1, j);
      continue;
    }
    // "powiedział Malinowski PAP", "заявил Зуев ТАСС": a known news medium
    // after a name is the addressee in the dative, no part of the name.
    if (DativeAddressee(lex, doc->lang)) {
      for (size_t m = name_start + 1; m < k; ++m) {
        if (known_outlet(m, k - 1)) {
          k = m;
          break;
        }
      }
    }
    // "a Repubblica Luigi Bianchi", "all'ANSA Mario Rossi": a known news
    // medium before a first name and a surname is a mention of its own.
    bool medium = false;
    for (size_t m = name_start; m + 2 < k; ++m) {
      if (first_name_gender(toks[m + 1]) == Gender::kUnknown) continue;
      medium = known_outlet(name_start, m);
      if (medium) {
        k = m + 1;
        break;
      }
    }
    // A known news medium named alone after a preposition, an addressee
    // ("en declaraciones a Efe", "a la Cadena SER"): an organisation unless
    // it is the surname of a person named before ("Bloomberg").
    size_t before = name_start;
    if (before > 0 && (toks[before - 1].classes & kDet) &&
        !toks[before - 1].cap) {
      --before;
    }
    const bool medium_alone =
        !medium && k - name_start <= 4 && before > 0 &&
        toks[before - 1].para == toks[name_start].para &&
        (toks[before - 1].classes & kPrep) &&
        known_outlet(name_start, k - 1);
    // Strip through the last title inside the run when a name remains.
    size_t first = name_start;
    for (size_t m = name_start; m + 1 < k; ++m) {
      if (is_title(m)) first = m + 1;
    }
    // An acronym before a known first name names the organisation, not the
    // person ("Представитель МЧС Анна Кузнецова", "UN envoy").
    // Likewise a word between a title and a known first name names what
    // the title is of ("Пресс-секретарь Кремля Дмитрий Соловьёв").
    // And, where names inflect, a leading word that is no first name
    // itself before a known one: a genitive complement ("министр
    // иностранных дел России Сергей Лавров"). Elsewhere an unknown first
    // name is likelier ("María José Herrera").
    for (size_t m = first; m + 2 < k; ++m) {
      const bool after_title = m > 0 && toks[m - 1].para == toks[m].para &&
                               is_title(m - 1);
      const bool leading = (inflects || BareRoleOpensSentence(lex, *doc, m)) &&
                           m == first &&
                           first_name_gender(toks[m]) == Gender::kUnknown;
      // A place or body after a role noun and a preposition names what the
      // role is of ("el exalcalde de Torrebaja Francisco Javier Muñoz",
      // "burgemeester van Venlo Antoin Scholten").
      const bool role_complement =
          m == first && m >= 2 && toks[m - 1].para == toks[m].para &&
          !toks[m - 1].cap && (toks[m - 1].classes & kPrep) &&
          (is_title(m - 2) || (toks[m - 2].classes & kRole)) &&
          first_name_gender(toks[m]) == Gender::kUnknown;
      if ((IsAcronym(doc->TokenText(toks[m])) || after_title || leading ||
           role_complement) &&
          first_name_gender(toks[m + 1]) != Gender::kUnknown) {
        first = m + 1;
        break;
      }
      // Also before an unknown first name when the word after a title has
      // a case ending and a gendered surname closes the run ("президент
      // Казахстана Касым-Жомарт Токаев", "губернатор Приморья X Y").
      if (leading && m > i && m + 3 == k &&
          surname_gender(toks[m]) == Gender::kUnknown &&
          surname_gender(toks[k - 1]) != Gender::kUnknown &&
          lex.CaseStem(doc->language, toks[m].lower) != toks[m].lower) {
        first = m + 1;
        break;
      }
    }
    // The same with the first name in an oblique case ("По словам
    // пресс-секретаря Кремля Дмитрия Пескова").
    if (inflects && k - first >= 3 &&
        first_name_gender(toks[k - 2]) == Gender::kUnknown) {
      Gender g = Gender::kUnknown;
      if (!lex.NominativeName(doc->language, doc->TokenText(toks[k - 2]),
                              doc->TokenText(toks[k - 1]), &g)
               .empty()) {
        first = k - 2;
      }
    }
    first = NameAfterGenitiveChain(lex, *doc, first, k);
    if (k == first + 1 && first > i && is_title(first - 1) &&
        first_name_gender(toks[first]) == Gender::kUnknown &&
        GenitiveAdjectiveOfRole(lex, *doc, first)) {
      i = k;
      continue;
    }
    // Lead capitalised words before the first title ("Interior Minister"):
    // if the run contains a title, the name starts after it.
    Mention men;
    men.kind = MentionKind::kName;
    men.first_token = static_cast<int32_t>(i);
    men.last_token = static_cast<int32_t>(k - 1);
    men.name_first = static_cast<int32_t>(first);
    men.possessive = toks[k - 1].possessive;
    // Canonical text of the name: the nominative below, else the text
    // (made only when the entity takes it).
    std::string name;
    bool derived = false;
    int ntok = static_cast<int>(k - first);
    const std::string_view surname = toks[k - 1].lower;
    const std::string_view firstname = toks[first].lower;
    // Entity kind evidence.
    bool org = false, person = false;
    Gender strong = Gender::kUnknown;
    std::vector<std::string> roles;
    for (size_t m = i; m < k; ++m) {
      const Token& t = toks[m];
      // An organisation word that is the known first name of a longer name
      // ("Ria Postma", not "RIA Novosti") names a person.
      if (m >= first && (t.classes & (kOrg | kMedia)) &&
          !(m == first && ntok >= 2 && !IsAcronym(doc->TokenText(t)) &&
            first_name_gender(t) != Gender::kUnknown)) {
        org = true;
      }
      if (m >= first && IsAcronym(doc->TokenText(t))) org = true;
      if (medium) org = true;
      Gender g;
      if (m < first && (title_in(t, &g) ||
                        (noun_caps &&
                         lex.RoleCompound(doc->lang, t.lower, &g)))) {
        person = true;
        if (g == Gender::kMale || g == Gender::kFemale) strong = g;
        roles.emplace_back(t.lower);
      }
    }
    if (ntok >= 2 || strong == Gender::kUnknown) {
      Gender g = first_name_gender(toks[first]);
      if (g != Gender::kUnknown && ntok >= 2) {
        person = true;
        if (strong == Gender::kUnknown) strong = g;
      }
    }
    if (!org && strong == Gender::kUnknown) {
      Gender g = surname_gender(toks[k - 1]);
      if (g != Gender::kUnknown && (ntok >= 2 || person)) strong = g;
    }
    // A name in an oblique case ("По мнению Андрея Орлова") is known by its
    // nominative.
    if (inflects && ntok == 2 && !org) {
      Gender g = Gender::kUnknown;
      std::string nominative = lex.NominativeName(
          doc->language, doc->TokenText(toks[first]),
          doc->TokenText(toks[k - 1]), &g);
      if (!nominative.empty()) {
        name = std::move(nominative);
        derived = true;
        person = true;
        if (strong == Gender::kUnknown ||
            strong == first_name_gender(toks[first])) {
          strong = g;
        }
      }
    }
    if (org) person = false;
    // Find or create the entity.
    int entity = -1;
    int32_t& cands = surname_first[toks[k - 1].word_id];
    if (cands >= 0) {
      if (ntok >= 2) {
        // The first entity of the surname without a full name, or with the
        // same first name.
        const Entity& other = doc->entities[cands];
        if (other.name_tokens == 1 || other.first_lower == firstname ||
            (two_surnames && EndsWithName(other, *doc, first, k))) {
          entity = cands;
        } else if (!later_of.empty()) {
          auto it = later_of.find(full_name_key(toks[k - 1], toks[first]));
          if (it != later_of.end()) entity = it->second;
        }
      } else {
        entity = surname_most[toks[k - 1].word_id];
      }
    }
    if (entity < 0 && ntok == 1 && cands < 0 && !by_first_surname.empty()) {
      auto it = by_first_surname.find(toks[k - 1].word_id);
      if (it != by_first_surname.end()) entity = it->second;
    }
    // Case-inflected surname of a named person ("По словам Смирнова"):
    // the entity whose surname has the same stem.
    bool by_case = false;
    if (entity < 0 && ntok == 1 && inflects) {
      auto it = by_stem.find(Sv(lex.CaseStem(doc->language, surname)));
      if (it != by_stem.end()) {
        for (int e : it->second) {
          if (entity < 0 ||
              doc->entities[e].mentions > doc->entities[entity].mentions) {
            entity = e;
          }
        }
        by_case = entity >= 0;
        if (by_case) strong = Gender::kUnknown;
      }
    }
    if (entity < 0) {
      entity = static_cast<int>(doc->entities.size());
      doc->entities.emplace_back();
      if (cands < 0) {
        cands = entity;
      } else {
        later_of.emplace(full_name_key(toks[k - 1], toks[first]), entity);
      }
      if (inflects && ntok >= 2) {
        by_stem[Sv(lex.CaseStem(doc->language, surname))].push_back(entity);
      }
    }
    if (static_cast<size_t>(entity) == entity_surname.size()) {
      entity_surname.push_back(toks[k - 1].word_id);
    }
    if (two_surnames && ntok >= 3 && !org &&
        FirstOfTwoSurnames(*doc, first, k)) {
      const Token& t = toks[k - 2];
      if (first_name_gender(t) == Gender::kUnknown) {
        by_first_surname.try_emplace(t.word_id, entity);
      }
    }
    int32_t& most = surname_most[entity_surname[entity]];
    Entity& ent = doc->entities[entity];
    if (ntok > ent.name_tokens) {
      if (name.empty()) {
        name = NormalizeSpaces(doc->text.substr(
            toks[first].start, toks[k - 1].end - toks[first].start));
      }
      ent.name = std::move(name);
      ent.derived_name = derived;
      ent.name_tokens = ntok;
      ent.first_lower = firstname;
    }
    ent.mentions++;
    if (most < 0 || ent.mentions > doc->entities[most].mentions ||
        (ent.mentions == doc->entities[most].mentions && entity < most)) {
      most = entity;
    }
    if (org || (medium_alone && ent.mentions == 1)) {
      ent.kind = SpeakerKind::kOrganization;
    }
    if (person) ent.person_evidence = true;
    if (strong != Gender::kUnknown && ent.strong == Gender::kUnknown) {
      ent.strong = strong;
    }
    for (auto& r : roles) {
      if (std::find(ent.roles.begin(), ent.roles.end(), r) == ent.roles.end()) {
        ent.roles.push_back(r);
      }
    }
    // Ages: "X, 39," and "26-year-old X".
    if (i > 0 && toks[i - 1].para == toks[i].para) {
      int age = AgeFromToken(lex, toks[i - 1].lower);
      if (age > 0) ent.age = age;
    }
    if (k + 2 < num_toks && toks[k].lower == "," &&
        toks[k + 1].kind == TokKind::kNumber &&
        (toks[k + 2].lower == "," || toks[k + 2].lower == ")" ||
         toks[k + 2].lower == ".")) {
      int age = std::atoi(std::string(toks[k + 1].lower).c_str());
      if (age > 0 && age < 120) ent.age = age;
    }
    if (k + 2 < num_toks && toks[k].lower == "(" &&
        toks[k + 1].kind == TokKind::kNumber && toks[k + 2].lower == ")") {
      int age = std::atoi(std::string(toks[k + 1].lower).c_str());
      if (age > 0 && age < 120) ent.age = age;
    }
    // A gendered title in an appositive is strong gender evidence ("Hélène
    // Marchand, éleveuse et présidente du syndicat"), not one leading a name.
    if (!org && ent.strong == Gender::kUnknown && k + 1 < num_toks &&
        toks[k].lower == "," && toks[k].para == toks[i].para &&
        !SubjectAfterComma(*doc, k)) {
      for (size_t a = k + 1; a < num_toks && a <= k + 4; ++a) {
        const Token& at = toks[a];
        if (at.kind != TokKind::kWord || (at.classes & kPrep) || at.cap) break;
        Gender g;
        if ((at.classes & kTitle) && RoleLeadsName(toks, a)) break;
        if ((at.classes & kTitle) && title_in(at, &g) &&
            (g == Gender::kMale || g == Gender::kFemale)) {
          ent.strong = g;
          ent.person_evidence = true;
          break;
        }
      }
    }
    if (!org && !ent.person_evidence) {
      ent.person_evidence = AppositivePersonEvidence(toks, k);
    }
    // A reporting verb right after the name is person (or org) evidence,
    // unless one word is the complement of a role noun before it: "la
    // ministra de Sanidad dijo", "la ministre de la Santé a dit".
    bool complement = false;
    if (ntok == 1 && i >= 2) {
      size_t q = i - 1;
      if ((toks[q].classes & kDet) && !toks[q].cap && q >= 2) --q;
      complement = toks[q].kind == TokKind::kWord &&
                   (toks[q].classes & kPrep) && !toks[q].cap &&
                   toks[q - 1].kind == TokKind::kWord &&
                   (toks[q - 1].classes & (kRole | kTitle | kOrg));
    }
    size_t v = k;
    while (v < num_toks && v < k + 3 && (toks[v].classes & kAux)) ++v;
    if (v < num_toks && (toks[v].classes & kCueWord) && !org &&
        !complement) {
      ent.person_evidence = true;
    }
    if (!org && !ent.person_evidence && InvertedCueSubject(toks, i)) {
      ent.person_evidence = true;
    }
    men.entity = entity;
    doc->mentions.push_back(men);
    i = k;
  }
  // MentionAtToken's index (the mentions do not overlap): -1 everywhere,
  // then each mention's tokens. Most mentions are of one or two tokens,
  // their first and last: only a longer one loops.
  std::vector<int32_t>& at = doc->mention_at_token;
  at.assign(num_toks, -1);
  for (size_t m = 0; m < doc->mentions.size(); ++m) {
    const Mention& men = doc->mentions[m];
    const int32_t index = static_cast<int32_t>(m);
    at[men.first_token] = index;
    at[men.last_token] = index;
    for (int32_t t = men.first_token + 1; t < men.last_token; ++t) {
      at[t] = index;
    }
  }
  // Organisation entities keep no person evidence.
  for (Entity& e : doc->entities) {
    if (e.kind == SpeakerKind::kUnknown) {
      if (e.person_evidence || e.strong != Gender::kUnknown) {
        e.kind = SpeakerKind::kPerson;
        e.person_evidence = true;
      }
    }
  }
  // Pronoun gender evidence: he/she/him/her count for their antecedent
  // (found with strong gender only, so evidence does not feed itself).
  // The mentions ending before the pronoun: the pronouns are in text order,
  // so a cursor over the mentions replaces a search per pronoun.
  const size_t num_mentions = doc->mentions.size();
  size_t mentions_before = 0;
  for (const int32_t pi : pronouns) {
    const size_t i = static_cast<size_t>(pi);
    const Token& t = toks[i];
    Gender g = Gender::kUnknown;
    if (!pronoun_gender(t, &g)) {
      if (t.classes & kPronMale) g = Gender::kMale;
      if (t.classes & kPronFemale) g = Gender::kFemale;
    }
    if (g != Gender::kMale && g != Gender::kFemale) continue;
    while (mentions_before < num_mentions &&
           static_cast<size_t>(doc->mentions[mentions_before].last_token) < i) {
      ++mentions_before;
    }
    // A subject pronoun after the first name of its own sentence makes that
    // name a person ("Tikhanovskaya fled to Lithuania, where she lives").
    if (t.classes & kPronoun) {
      auto it = doc->mentions.begin() + mentions_before;
      const Mention* first = nullptr;
      while (it != doc->mentions.begin()) {
        --it;
        if (toks[it->last_token].sentence != t.sentence) break;
        first = &*it;
      }
      if (first != nullptr && !first->possessive &&
          toks[first->first_token].sent_start) {
        Entity& fe = doc->entities[first->entity];
        if (fe.kind == SpeakerKind::kUnknown && !fe.person_evidence) {
          fe.kind = SpeakerKind::kPerson;
          fe.person_evidence = true;
          if (fe.strong == Gender::kUnknown) {
            Gender sg = surname_gender(toks[first->last_token]);
            if (sg != Gender::kUnknown) fe.strong = sg;
          }
        }
      }
    }
    const int e = FindAntecedentAmong(
        *doc, static_cast<int>(mentions_before), g, /*strong_only=*/true);
    if (e < 0) continue;
    if (g == Gender::kMale) doc->entities[e].male++;
    else doc->entities[e].female++;
  }
  if (inflects) PreferWrittenNominative(lex, doc);
}

}  // namespace extract
}  // namespace quotewire
