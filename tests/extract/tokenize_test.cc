// Tokenize's per-word facts (Document::word_lex), which later stages read
// instead of passing over the tokens again.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/core/data_dir.h"
#include "server/extract/document.h"
#include "server/extract/lexicon.h"
#include "server/extract/pipeline.h"

namespace quotewire::extract {
namespace {

// Runs the stages up to Tokenize over `a` as English with the shipped
// lexicon; `doc` views its text.
void TokenizeEnglish(Article* a, Document* doc) {
  auto lex = Lexicon::Load(quotewire::DefaultDataDir() + "/extract");
  ASSERT_TRUE(lex.ok()) << lex.status();
  a->language = "en";
  std::vector<QuoteUnit> units;
  RunStages(**lex, *a, Stage::kTokens, doc, &units);
}

// How the tokens of each word are written: capitalised first in a sentence
// (kCaseInitial), capitalised elsewhere (kCaseMidcap), not capitalised
// (kCaseLowered), gathered over all of the word's tokens.
TEST(Tokenize, GathersTheCaseOfEachWordsTokens) {
  Article a;
  a.text =
      "Brindle met Orla Vesk on Monday. Brindle thanked the brindle team.\n\n"
      "Orla left early. 42 people stayed.";
  Document doc;
  TokenizeEnglish(&a, &doc);
  auto case_of = [&](const std::string& lower) {
    const int32_t id = doc.words.Find(lower);
    EXPECT_GE(id, 0) << lower;
    return id < 0 ? -1 : static_cast<int>(doc.word_lex[id].case_seen);
  };
  EXPECT_EQ(case_of("brindle"), kCaseInitial | kCaseLowered);
  EXPECT_EQ(case_of("orla"), kCaseMidcap | kCaseInitial);
  EXPECT_EQ(case_of("vesk"), kCaseMidcap);
  EXPECT_EQ(case_of("met"), kCaseLowered);
  EXPECT_EQ(case_of("monday"), kCaseMidcap);
  // A number opening a sentence is not capitalised.
  EXPECT_EQ(case_of("42"), kCaseLowered);
}

// Stop-words are counted over the document's first 2000 words only
// (Document::stop_counts): Tokenize counts every token of a word and takes
// the words past the 2000th off at the end.
TEST(Tokenize, StopWordsCountOnlyInTheFirst2000Words) {
  auto lex = Lexicon::Load(quotewire::DefaultDataDir() + "/extract");
  ASSERT_TRUE(lex.ok()) << lex.status();
  uint32_t classes = 0;
  LanguageBits the_languages = 0;
  (*lex)->Lookup("the", &classes, &the_languages);
  ASSERT_NE(the_languages, 0u);
  // 1990 invented words, then "the" 25 times, numbers among them: 10 of
  // the "the" are among the first 2000 words (numbers count as words).
  std::string text;
  for (int i = 0; i < 1985; ++i) text += "vesklan ";
  for (int i = 0; i < 5; ++i) text += "42 ";
  for (int i = 0; i < 25; ++i) text += "the ";
  text += "vesklan.";
  for (int limit : {1, 2}) {
    Article a;
    a.text = limit == 1 ? text : text + " " + text;
    Document doc;
    TokenizeEnglish(&a, &doc);
    for (int lang = 0; lang < kNumLanguages; ++lang) {
      EXPECT_EQ(doc.stop_counts[lang], (the_languages >> lang) & 1 ? 10 : 0)
          << kLanguages[lang] << " copies " << limit;
    }
  }
}

// Every token of a stop-word counts for each language the word is a
// stop-word of (Lexicon::Lookup's stop_languages), in every language:
// Tokenize sums them by word, several languages to one integer.
TEST(Tokenize, StopWordsCountForEachOfTheirLanguages) {
  auto lex = Lexicon::Load(quotewire::DefaultDataDir() + "/extract");
  ASSERT_TRUE(lex.ok()) << lex.status();
  // (word, tokens): stop-words of one or several languages, and a word of
  // none.
  const std::vector<std::pair<std::string, int>> words = {
      {"de", 3}, {"und", 2}, {"che", 4}, {"się", 1}, {"и", 5},
      {"não", 2}, {"the", 1}, {"vesklan", 3}};
  std::string text;
  int expected[kNumLanguages] = {0};
  LanguageBits seen = 0;
  for (const auto& [word, tokens] : words) {
    uint32_t classes = 0;
    LanguageBits languages = 0;
    (*lex)->Lookup(word, &classes, &languages);
    seen |= languages;
    for (int i = 0; i < tokens; ++i) text += word + " ";
    for (int lang = 0; lang < kNumLanguages; ++lang) {
      if ((languages >> lang) & 1) expected[lang] += tokens;
    }
  }
  // Languages from the first and the last of kLanguages are among them.
  ASSERT_NE(seen & 1, 0u);
  ASSERT_NE(seen >> (kNumLanguages - 1), 0u);
  Article a;
  a.text = text + "vesklan.";
  Document doc;
  TokenizeEnglish(&a, &doc);
  for (int lang = 0; lang < kNumLanguages; ++lang) {
    EXPECT_EQ(doc.stop_counts[lang], expected[lang]) << kLanguages[lang];
  }
}

// The word table grows past its first size (1024 slots, at most half
// full) as words are added, keeping every word's id; the word that makes
// it grow is found too (twenty word sets: the table's growths fall on
// different words).
TEST(Tokenize, WordTableKeepsIdsAsItGrows) {
  for (char set = 'a'; set <= 't'; ++set) {
    WordTable table;
    table.Fit(16);
    std::vector<std::string> words;
    for (int i = 0; i < 1500; ++i) {
      words.push_back(std::string(1, set) + std::to_string(i * 7919));
    }
    bool added = false;
    uint32_t hash = 0;
    uint64_t key = 0;
    for (size_t i = 0; i < words.size(); ++i) {
      ASSERT_EQ(table.Intern(words[i], &added, &hash, &key),
                static_cast<int32_t>(i));
      ASSERT_TRUE(added) << words[i];
    }
    EXPECT_EQ(table.size(), 1500);
    for (size_t i = 0; i < words.size(); ++i) {
      ASSERT_EQ(table.Find(words[i]), static_cast<int32_t>(i)) << words[i];
      ASSERT_EQ(table.Intern(words[i], &added, &hash, &key),
                static_cast<int32_t>(i));
      ASSERT_FALSE(added) << words[i];
    }
    EXPECT_EQ(table.Find("1"), -1);
  }
}

// Each sentence's bounds (Document::sentence_first / sentence_end) hold
// exactly the tokens of that sentence id, the last one up to the last token.
TEST(Tokenize, SentenceBoundsHoldTheirTokens) {
  Article a;
  a.text =
      "Brindle met Orla Vesk. She left early.\n\n\"We stay,\" said Vesk. "
      "Dunmore waited.";
  Document doc;
  TokenizeEnglish(&a, &doc);
  ASSERT_EQ(doc.sentence_first.size(), doc.sentence_end.size());
  int used = 0;
  for (size_t s = 0; s < doc.sentence_first.size(); ++s) {
    const int32_t first = doc.sentence_first[s];
    if (first < 0) {
      EXPECT_EQ(doc.sentence_end[s], -1);
      continue;
    }
    ++used;
    for (int32_t i = first; i < doc.sentence_end[s]; ++i) {
      EXPECT_EQ(doc.tokens[i].sentence, static_cast<int32_t>(s)) << i;
    }
    const int32_t end = doc.sentence_end[s];
    if (end < static_cast<int32_t>(doc.tokens.size())) {
      EXPECT_NE(doc.tokens[end].sentence, static_cast<int32_t>(s)) << s;
    }
  }
  EXPECT_EQ(used, 4);
  EXPECT_EQ(doc.sentence_end.back(), static_cast<int32_t>(doc.tokens.size()));
}

// Document::para_word_begin counts each paragraph's word and number tokens
// (ClassifyQuotes reads them instead of walking the paragraph); with the
// paragraph's quotes, one token each, they are its tokens other than
// punctuation.
TEST(Tokenize, ParagraphWordCountsMatchTheirTokens) {
  Article a;
  a.text =
      "Brindle met Orla Vesk on Monday.\n\n"
      "\"We stay,\" said Vesk, 42, and \"so do we.\"\n\n"
      "\u201cNo.\u201d\n\n"
      "Dunmore waited, then left (briefly).";
  Document doc;
  TokenizeEnglish(&a, &doc);
  ASSERT_EQ(doc.paragraphs.size(), 4u);
  ASSERT_EQ(doc.para_word_begin.size(), 5u);
  EXPECT_EQ(doc.para_word_begin[0], 0);
  const int kWords[] = {6, 4, 0, 5};  // "said Vesk 42 and" in the second
  for (size_t p = 0; p < doc.paragraphs.size(); ++p) {
    int words = 0, other_than_punct = 0;
    for (int i = doc.para_token_begin[p]; i < doc.para_token_begin[p + 1];
         ++i) {
      const TokKind kind = doc.tokens[i].kind;
      words += kind == TokKind::kWord || kind == TokKind::kNumber;
      other_than_punct += kind != TokKind::kPunct;
    }
    const int counted = doc.para_word_begin[p + 1] - doc.para_word_begin[p];
    EXPECT_EQ(counted, kWords[p]) << p;
    EXPECT_EQ(counted, words) << p;
    EXPECT_EQ(counted + doc.para_quote_begin[p + 1] - doc.para_quote_begin[p],
              other_than_punct)
        << p;
  }
}

// Where a word ends: at a space or any ASCII byte but a joiner ('-', '\'',
// '.', ','), which joins only before a word character; multi-byte
// characters inside a word keep it whole. Spaces of any number and kind
// between tokens are skipped. Punctuation tokens are marked "p:".
TEST(Tokenize, WordsEndAtNonJoinersAndSkipSpaces) {
  struct Row {
    std::string text;
    std::vector<std::string> tokens;
  };
  const std::vector<Row> rows = {
      {"Tam runs a state-run farm.",
       {"Tam", "runs", "a", "state-run", "farm", "p:."}},
      {"O'Brindle paid 3,5 or 3.5 units",
       {"O'Brindle", "paid", "3,5", "or", "3.5", "units"}},
      {"Vesk and Dunmore, then Orla.",
       {"Vesk", "and", "Dunmore", "p:,", "then", "Orla", "p:."}},
      {"fish/chips;peas:beans!",
       {"fish", "p:/", "chips", "p:;", "peas", "p::", "beans", "p:!"}},
      {"Brindle-V\u00f6ske met \u017dofie Kr\u00e4l",
       {"Brindle-V\u00f6ske", "met", "\u017dofie", "Kr\u00e4l"}},
      {"wait -  now \u00a0 then", {"wait", "p:-", "now", "then"}},
      {"Vesk's dog (an old one)",
       {"Vesk", "dog", "p:(", "an", "old", "one", "p:)"}},
      {"Ends with a joiner- and a quote' too",
       {"Ends", "with", "a", "joiner", "p:-", "and", "a", "quote", "p:'",
        "too"}},
  };
  for (const Row& row : rows) {
    Article a;
    a.text = row.text;
    Document doc;
    TokenizeEnglish(&a, &doc);
    std::vector<std::string> got;
    for (const Token& t : doc.tokens) {
      got.push_back((t.kind == TokKind::kPunct ? "p:" : "") +
                    std::string(doc.TokenText(t)));
    }
    EXPECT_EQ(got, row.tokens) << row.text;
  }
}

// A word's run of ASCII letters and digits ends where they end, however
// long it is and wherever it starts (Tokenize finds runs in a bitmap of
// the text, 56 bits a turn), including at the end of the text.
TEST(Tokenize, LongWordsEndWhereTheirLettersEndAtAnyOffset) {
  const auto word = [](size_t len, char first) {
    std::string w(1, first);
    for (size_t i = 1; i < len; ++i) {
      w += i % 7 == 3 ? static_cast<char>('0' + i % 10)
                      : static_cast<char>('a' + i % 26);
    }
    return w;
  };
  auto lex = Lexicon::Load(quotewire::DefaultDataDir() + "/extract");
  ASSERT_TRUE(lex.ok()) << lex.status();
  for (size_t len : {1, 2, 7, 8, 9, 15, 16, 17, 55, 56, 57, 63, 64, 65, 121,
                     130}) {
    for (size_t pad = 0; pad < 18; ++pad) {
      const std::string lead = "Q" + std::string(pad, 'b');
      const std::string w1 = word(len, 'v');
      const std::string w2 = word(len + pad % 3, 'k');
      Article a;
      a.text = lead + " " + w1 + ";" + w2 + "/" + w1 + " " + w2;
      a.language = "en";
      Document doc;
      std::vector<QuoteUnit> units;
      RunStages(**lex, a, Stage::kTokens, &doc, &units);
      std::vector<std::string> got;
      for (const Token& t : doc.tokens) {
        got.push_back((t.kind == TokKind::kPunct ? "p:" : "") +
                      std::string(doc.TokenText(t)));
      }
      const std::vector<std::string> want = {lead, w1,    "p:;", w2,
                                             "p:/", w1, w2};
      EXPECT_EQ(got, want) << a.text;
    }
  }
}

// Tokenize interns a word inside the text by one masked load of its key
// (WordKeyOfPadded) and a short word's hash from that key: both must be
// the WordKey() and WordHash() the lexicon's tables were built with, and
// the word must get the id that Intern() and Find() give it.
TEST(Tokenize, PaddedKeysAndHashesEqualTheLexicons) {
  const std::string text =
      "a ab abc abcd abcde brindle vesklan dunmore- kr\u00e4l \u017e "
      "w0123456789 orla-vesk-dunmore xyzzy";
  const std::string padded = text + std::string(8, 'q');
  for (size_t b = 0; b < text.size(); ++b) {
    for (size_t n = 0; b + n <= text.size() && n <= 20; ++n) {
      const std::string_view w(padded.data() + b, n);
      ASSERT_EQ(WordKeyOfPadded(w.data(), n), WordKey(w)) << b << "+" << n;
      if (n < 8) {
        ASSERT_EQ(ShortWordHashBits(WordKey(w)), WordHashBits(w))
            << b << "+" << n;
      }
    }
  }
  WordTable table;
  table.Fit(16);
  std::vector<std::string> words = {"a", "abc", "abcdefg", "abcdefgh",
                                    "vesklander-orla", "kr\u00e4l"};
  bool added = false;
  uint32_t hash = 0;
  uint64_t key = 0;
  std::vector<int32_t> ids;
  for (const std::string& w : words) {
    ids.push_back(table.Intern(w, &added, &hash, &key));
    EXPECT_TRUE(added) << w;
  }
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string in_text = words[i] + " and more text";
    const std::string_view w(in_text.data(), words[i].size());
    uint32_t padded_hash = 0;
    uint64_t padded_key = 0;
    EXPECT_EQ(table.InternPadded(w, &added, &padded_hash, &padded_key),
              ids[i])
        << words[i];
    EXPECT_FALSE(added) << words[i];
    EXPECT_EQ(padded_hash, WordHash(words[i])) << words[i];
    EXPECT_EQ(padded_key, WordKey(words[i])) << words[i];
  }
  const std::string fresh = "vesklan, said";
  const int32_t id = table.InternPadded(std::string_view(fresh.data(), 7),
                                        &added, &hash, &key);
  EXPECT_TRUE(added);
  EXPECT_EQ(table.Find("vesklan"), id);
}

// Tokenize and DetectMentions keep per-word scratch in the Document
// (word_lex, word_mentions and its cached facts) that Extract() reuses for
// the thread's next article: a reused Document gives the same tokens,
// mentions and entities as a fresh one, whichever article came before.
// (The first words of the two articles share word ids: a first name's
// cached gender must not carry over to the other article's word.)
TEST(Tokenize, AReusedDocumentEqualsAFreshOne) {
  auto lex = Lexicon::Load(quotewire::DefaultDataDir() + "/extract");
  ASSERT_TRUE(lex.ok()) << lex.status();
  std::vector<Article> articles(2);
  articles[0].text =
      "Anna Vesk said on Monday that she would stay. He laughed.\n\n"
      "\"We will see,\" Senator Vesk told reporters. Brindle, 42, disagreed.";
  articles[1].text =
      "Brindle Tam met Mayor Kessa Dunmore-V\u00f6ske. They spoke. She left, "
      "and Tam said: \"It went well.\" The mayor's aide, Piet Orlov, "
      "nodded.";
  const auto summary = [](const Document& doc) {
    std::string out;
    for (const Token& t : doc.tokens) {
      out += std::to_string(t.start) + ":" + std::to_string(t.end) + ":" +
             std::to_string(static_cast<int>(t.kind)) + ":" +
             std::to_string(t.classes) + ":" + std::to_string(t.word_id) +
             ":" + std::to_string(t.sentence) + " ";
    }
    for (const int32_t w : doc.para_word_begin) {
      out += "w" + std::to_string(w) + " ";
    }
    for (const Mention& m : doc.mentions) {
      out += "m" + std::to_string(static_cast<int>(m.kind)) + ":" +
             std::to_string(m.first_token) + "-" +
             std::to_string(m.last_token) + ":" + std::to_string(m.entity) +
             ":" + std::to_string(static_cast<int>(m.gender)) + " ";
    }
    for (const Entity& e : doc.entities) {
      out += "e" + e.name + ":" + std::to_string(static_cast<int>(e.kind)) +
             ":" + std::to_string(e.mentions) + ":" +
             std::to_string(static_cast<int>(e.strong)) + " ";
    }
    return out;
  };
  std::vector<std::string> fresh;
  for (Article& a : articles) {
    a.language = "en";
    Document doc;
    std::vector<QuoteUnit> units;
    RunStages(**lex, a, Stage::kMentions, &doc, &units);
    fresh.push_back(summary(doc));
    EXPECT_FALSE(doc.mentions.empty());
  }
  Document reused;
  for (int i : {0, 1, 0, 1}) {
    std::vector<QuoteUnit> units;
    RunStages(**lex, articles[i], Stage::kMentions, &reused, &units);
    EXPECT_EQ(summary(reused), fresh[i]) << "article " << i;
  }
}

}  // namespace
}  // namespace quotewire::extract
