// Document: the shared, per-call working state that the extraction stages
// fill in turn (paragraphs -> quote marks -> tokens -> mentions -> quotes).
//
// Plain structs; every offset is a UTF-8 byte offset into `text`. A Document
// lives for one Extract() call and is never shared between threads.
#ifndef QUOTEWIRE_SERVER_EXTRACT_DOCUMENT_H_
#define QUOTEWIRE_SERVER_EXTRACT_DOCUMENT_H_

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/attributes.h"
#include "server/core/model.h"
#include "server/extract/lexicon.h"

namespace quotewire {
namespace extract {

// One pair of quotation marks inside one paragraph (quote_pairing.h).
struct RawQuote {
  int32_t para = 0;
  Span outer;     // opening mark .. closing mark (or paragraph end)
  Span content;   // between the marks, whitespace-trimmed
  char32_t open = 0;
  bool closed = false;       // a closing mark was found
  bool open_at_end = false;  // unclosed, or closed by a dangling mark at the
                             // paragraph end: may continue in the next one
  bool merged_into_prev = false;  // continues the previous paragraph's quote
};

enum class TokKind : uint8_t { kWord, kNumber, kPunct, kQuote };

// A token outside quotation marks; a whole quote is one kQuote token.
// 48 bytes: later stages pass over all tokens several times, so its size is
// their memory traffic (a word's stop-word languages stay in
// Document::word_lex).
struct Token {
  int32_t start = 0;
  int32_t end = 0;
  TokKind kind = TokKind::kWord;
  bool cap = false;         // starts with an upper-case letter
  bool sent_start = false;  // first token of a sentence
  bool possessive = false;  // followed by 's / ’s (not inside [start, end))
  uint32_t classes = 0;     // Lexicon::Classes(lower)
  int32_t quote = -1;       // kQuote: index into Document::raw_quotes
  int32_t para = 0;
  int32_t sentence = 0;
  // Words and numbers: the id of `lower` in Document::words, shared by all
  // tokens with the same lower-cased text; -1 for punctuation and quotes.
  int32_t word_id = -1;
  // Lower-cased text (words and punctuation): a view into
  // Document::lower_text, which is aligned byte for byte with the text.
  std::string_view lower;
};
static_assert(sizeof(Token) == 48, "Token grew: every token pass pays for it");

// The distinct lower-cased words of a document, numbered in order of first
// occurrence, so that later stages keep per-word facts in vectors indexed
// by Token::word_id instead of hashing the text again. Filled by Tokenize.
class WordTable {
 public:
  WordTable() { Resize(kMinSlots); }
  // Forgets every word, keeping the allocated capacity.
  void Clear();
  // Sizes the empty table for about `expected_words` distinct words: a
  // table left large by a long article would spread a short one's probes
  // over more cache lines than L1 holds. Grows as needed all the same.
  void Fit(size_t expected_words);
  // The id of `lower`, adding it when new (`*added` tells). `lower` must
  // stay alive as long as the table holds it. Inline: Tokenize calls it
  // for every word. The WordHash() and WordKey() of `lower` go to
  // `*hash_out` and `*key_out` (for Lexicon::Lookup of a new word).
  int32_t Intern(std::string_view lower, bool* added, uint32_t* hash_out,
                 uint64_t* key_out) {
    *hash_out = WordHash(lower);
    *key_out = WordKey(lower);
    return InternKeyed(lower, *hash_out, *key_out, added);
  }
  // Intern() of a word with eight bytes readable from lower.data() (a
  // word inside a longer text): its key is one masked load, and a short
  // word's hash is made from the key.
  int32_t InternPadded(std::string_view lower, bool* added,
                       uint32_t* hash_out, uint64_t* key_out) {
    const uint64_t key = WordKeyOfPadded(lower.data(), lower.size());
    const uint32_t hash =
        lower.size() < 8 ? static_cast<uint32_t>(ShortWordHashBits(key) >> 32)
                         : WordHash(lower);
    *hash_out = hash;
    *key_out = key;
    return InternKeyed(lower, hash, key, added);
  }
  int32_t size() const { return static_cast<int32_t>(words_.size()); }
  std::string_view text(int32_t id) const { return words_[id].text; }
  uint32_t hash(int32_t id) const { return words_[id].hash; }  // WordHash()
  // The id of `lower`; -1 when the document has no such word.
  int32_t Find(std::string_view lower) const {
    return slots_[SlotOf(lower, WordHash(lower), WordKey(lower))].id;
  }

 private:
  struct Slot {
    uint32_t hash = 0;
    int32_t id = -1;  // -1: empty
    uint64_t key = 0;  // WordKey() of the word
  };
  int32_t InternKeyed(std::string_view lower, uint32_t hash, uint64_t key,
                      bool* added) {
    size_t i = SlotOf(lower, hash, key);
    *added = slots_[i].id < 0;
    if (!*added) return slots_[i].id;
    if (words_.size() >= max_words_) {  // at most half full
      Grow();
      i = SlotOf(lower, hash, key);
    }
    return Insert(i, hash, key, lower);
  }
  // The slot of `lower`, or the empty slot where it would go. The first
  // probe inline (most words end there), the rest out of line, which keeps
  // the caller's registers.
  size_t SlotOf(std::string_view lower, uint32_t hash, uint64_t key) const {
    const size_t i = hash & mask_;
    if (Ends(slots_[i], lower, hash, key)) return i;
    return SlotAfter(i, lower, hash, key);
  }
  // An empty slot, or `lower`'s.
  bool Ends(const Slot& slot, std::string_view lower, uint32_t hash,
            uint64_t key) const {
    // A short word is all in the key: no load of the stored text.
    return slot.id < 0 ||
           (slot.hash == hash && slot.key == key &&
            (lower.size() < 8 || words_[slot.id].text == lower));
  }
  ABSL_ATTRIBUTE_NOINLINE size_t SlotAfter(size_t i, std::string_view lower,
                                           uint32_t hash, uint64_t key) const {
    do {
      i = (i + 1) & mask_;
    } while (!Ends(slots_[i], lower, hash, key));
    return i;
  }
  int32_t Insert(size_t slot, uint32_t hash, uint64_t key,
                 std::string_view lower) {
    const int32_t id = static_cast<int32_t>(words_.size());
    slots_[slot] = {hash, id, key};
    words_.push_back({lower, key, hash, static_cast<uint32_t>(slot)});
    return id;
  }
  void Grow();
  static constexpr size_t kMinSlots = 1024;
  // Sizes slots_ (emptied) to `size`, a power of two, and the two members
  // below, which spare Intern() computing them from slots_.size().
  void Resize(size_t size);

  std::vector<Slot> slots_;  // open addressing, size a power of two
  size_t mask_ = 0;          // slots_.size() - 1
  size_t max_words_ = 0;     // slots_.size() / 2: at most half full
  // By id; one vector, so that a new word costs one push_back.
  struct Word {
    std::string_view text;
    uint64_t key;   // for Grow()
    uint32_t hash;  // for Grow()
    uint32_t slot;  // its slot in slots_, for Clear() (in the padding)
  };
  std::vector<Word> words_;
};

// Indexes of the resolver (resolver.cc) over a document's entities and
// mentions, built on first use.
struct ResolverIndex;
// Empties the indexes for the next document, keeping their storage.
void ClearResolverIndex(ResolverIndex* index);

// A mention of a participant (mentions.h).
enum class MentionKind : uint8_t { kName, kPronoun, kNominal };

struct Mention {
  MentionKind kind = MentionKind::kName;
  int32_t first_token = 0;  // token range [first_token, last_token]
  int32_t last_token = 0;
  int32_t name_first = 0;   // the name proper, titles stripped (kName)
  int32_t entity = -1;      // index into Document::entities (kName)
  Gender gender = Gender::kUnknown;
  bool possessive = false;
};

// A participant of the article: all name mentions sharing a surname.
struct Entity {
  std::string name;         // fullest name, titles stripped
  int32_t name_tokens = 0;
  // Lower-cased first token of `name`: a view into Document::lower_text.
  std::string_view first_lower;
  SpeakerKind kind = SpeakerKind::kUnknown;
  bool person_evidence = false;  // title, first name, he/she, cue subject
  int male = 0;             // gender evidence counts
  int female = 0;
  Gender strong = Gender::kUnknown;  // from a title or first name
  int mentions = 0;
  int age = 0;
  // `name` is a nominative derived from an oblique case ("Hany Vondráčkové",
  // Lexicon::NominativeName), not written in the article.
  bool derived_name = false;
  std::vector<std::string> roles;  // lower-case role words seen with it
  std::string description;
};

// Lexicon::Lookup of one distinct word (Tokenize, by Token::word_id).
struct WordLexInfo {
  uint32_t classes;
  LanguageBits stop_languages;
  bool hyphen;  // holds a '-' (joins two parts of the word)
  // How the word's kWord tokens are written (kCase* bits below), gathered
  // by Tokenize as it makes them, so DetectMentions needs no pass of its
  // own over the tokens for it.
  uint8_t case_seen;
  int32_t lex_index;  // for Lexicon::ClassesInAt, -1 when not listed
  // Tokens of the word among the document's first 2000 words (Tokenize's
  // stop-word counts are summed by word, not by token). Tokenize counts
  // every token and takes those past the 2000th off at the end: unsigned,
  // so a word of more than 65 535 tokens wraps and still ends right.
  uint16_t early_count;
};

// WordLexInfo::case_seen bits.
enum : uint8_t {
  kCaseMidcap = 1,     // capitalised, not first in its sentence
  kCaseInitial = 2,    // capitalised, first in its sentence
  kCaseLowered = 4,    // not capitalised
};
static_assert(sizeof(WordLexInfo) == 16, "WordLexInfo grew");

// DetectMentions' per-word facts (by Token::word_id): one 8-byte entry (a
// power of two: an index is a shift), so the facts of a token are one load.
struct alignas(8) WordMentionInfo {
  uint16_t flags;             // bits private to DetectMentions
  uint8_t first_name_gender;  // a Gender, or 0xFF before the lookup
  uint8_t surname_gender;
  uint8_t title_gender;    // of the article's language; 0xFE: no title
  uint8_t pronoun_gender;  // 0xFE: not in pronouns.tsv
};

// ApplyLanguage's per-word answers (by Token::word_id): the word's classes
// in the article's language, and which of DetectMentions' candidate lists
// its kWord tokens go to (kMention* bits below).
struct WordLangInfo {
  uint32_t classes;
  uint32_t mention;
};

// WordLangInfo::mention bits.
enum : uint32_t {
  kMentionPronoun = 1,  // kPronoun, kPronMale or kPronFemale
  kMentionStart = 2,    // kTitle or hyphenated: may start a mention
};

// Not copyable or movable: tokens point into `lower_text`.
struct Document {
  Document() = default;
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  std::string_view text;
  // `text` lower-cased with the same byte offsets (a character whose lower
  // case has another UTF-8 length is kept as is).
  std::string lower_text;
  std::string language;
  int lang = -1;  // index of `language` in kLanguages, -1 when unlisted
  std::vector<Span> paragraphs;
  std::vector<RawQuote> raw_quotes;
  std::vector<int32_t> para_quote_begin;  // raw quotes per paragraph
  std::vector<Token> tokens;
  WordTable words;  // of tokens' lower-cased text (views into lower_text)
  std::vector<int32_t> para_token_begin;  // size paragraphs + 1
  // Word and number tokens before each paragraph (size paragraphs + 1): a
  // paragraph's kWord and kNumber tokens, without walking them; with its
  // quotes (one kQuote token each) its tokens other than punctuation.
  std::vector<int32_t> para_word_begin;
  std::vector<int32_t> quote_token;       // raw quote -> its kQuote token
  // First and one-past-last token of each sentence id (-1 when unused).
  std::vector<int32_t> sentence_first;
  std::vector<int32_t> sentence_end;
  std::vector<Mention> mentions;          // in text order
  // By token: the index into `mentions` of the mention covering it, -1 for
  // none (MentionAtToken). Filled by DetectMentions; empty before it.
  std::vector<int32_t> mention_at_token;
  // Stop-word counts per language (kLanguages order) over the first 2000
  // words, gathered while tokenising.
  int stop_counts[kNumLanguages] = {0};
  std::vector<Entity> entities;

  // Stage scratch by word id, kept here (not allocated per call) so that
  // the thread's Document reuses their capacity; each stage refills them.
  std::vector<WordLexInfo> word_lex;           // Tokenize
  std::vector<WordMentionInfo> word_mentions;  // DetectMentions
  std::vector<int32_t> surname_first_entity;   // DetectMentions, by word id
  std::vector<WordLangInfo> word_lang;         // ApplyLanguage
  // DetectMentions' candidate tokens, collected by ApplyLanguage's pass
  // over the tokens (which reads every token's final classes): the kWord
  // tokens that may be gendered pronouns, and those that may start a
  // mention (capitalised, or kMentionStart). Scratch buffers that only
  // grow; the counts say how much of each is used.
  std::vector<int32_t> pronoun_tokens;
  std::vector<int32_t> mention_start_tokens;
  size_t num_pronoun_tokens = 0;
  size_t num_mention_start_tokens = 0;
  std::vector<uint8_t> word_cue_state;         // ApplyLanguage
  std::vector<int32_t> cue_tokens;             // ApplyLanguage
  // The resolver's indexes (resolver.cc), built by its first call after
  // DetectMentions; mentions and entities must not change after that.
  mutable std::shared_ptr<ResolverIndex> resolver_index;
  // By word id: whether the word is written capitalised in the middle of a
  // sentence (attribution.cc, IsCommonWordName), found on first use (0 not
  // yet known, 1 no, 2 yes), so tokens must not change after that; and how
  // many words were looked for in the text.
  mutable std::vector<uint8_t> capitalised_mid_sentence;
  mutable int capitalised_mid_sentence_searches = 0;

  // Clears every stage's output for a new text, keeping the allocated
  // capacity (Extract() reuses one Document per thread).
  void Reset(std::string_view new_text) {
    text = new_text;
    language.clear();
    lang = -1;
    lower_text.clear();
    paragraphs.clear();
    raw_quotes.clear();
    para_quote_begin.clear();
    tokens.clear();
    words.Clear();
    para_token_begin.clear();
    para_word_begin.clear();
    quote_token.clear();
    sentence_first.clear();
    sentence_end.clear();
    mentions.clear();
    mention_at_token.clear();
    entities.clear();
    word_lex.clear();
    surname_first_entity.clear();
    // pronoun_tokens and mention_start_tokens are scratch buffers that only
    // grow (their counts say what is used): not cleared; nor word_mentions
    // and word_lang, whose stage writes every entry of the article's words
    // before it reads one (clearing them would only have the next article
    // zero them before that).
    num_pronoun_tokens = 0;
    num_mention_start_tokens = 0;
    word_cue_state.clear();
    cue_tokens.clear();
    if (resolver_index.use_count() == 1) {
      ClearResolverIndex(resolver_index.get());
    } else {
      resolver_index.reset();
    }
    capitalised_mid_sentence.clear();
    capitalised_mid_sentence_searches = 0;
    for (int& c : stop_counts) c = 0;
  }

  std::string_view Slice(Span s) const {
    return text.substr(s.start, s.end - s.start);
  }
  std::string_view TokenText(const Token& t) const {
    return text.substr(t.start, t.end - t.start);
  }
};

}  // namespace extract
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_DOCUMENT_H_
