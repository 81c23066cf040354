#include "server/people/name_analyzer.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/scratch_dir.h"
#include "server/core/utf8.h"
#include "server/people/text_folder.h"
#include "tests/people/name_analyzer_fixture.h"

namespace quotewire {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Match = NameAnalyzer::Match;

TEST_F(NameAnalyzerTest, Fold) {
  struct Case {
    const char* in;
    const char* want;
  } cases[] = {
      {"Tikhanovskaïa", "tikhanovskaia"},
      {"Лукашенко", "lukashenko"},
      {"Тихановская", "tikhanovskaya"},
      {"Lukašenko", "lukashenko"},
      {"Präsident Müller", "prasident muller"},
      {"Straße", "strasse"},
      {"ﬁnal", "final"},  // NFKC ligature
      {"ÉLECTIONS", "elections"},
      {"“Quote” – ok", "\"quote\" - ok"},  // typographic marks to ASCII
      {"Lukashenko’s", "lukashenko's"},
      {"plain ASCII Text", "plain ascii text"},
      {"", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(names().Fold(c.in), c.want) << c.in;
  }
}

// The ASCII and table fast paths give exactly what ICU alone gives.
TEST(TextFolder, FastPathsMatchIcu) {
  auto folder = TextFolder::Create();
  ASSERT_TRUE(folder.ok()) << folder.status();
  const char* cases[] = {
      "Plain ASCII, With Caps.",
      "Tikhanovskaïa’s “quote” — done… ½ × Æble Øresund ß İstanbul",
      "Лукашенко сказал: «Выборы были честными» и Ёлкин",
      "mixed Лукашенко and Lukašenko and Łukasz, naïve café",
      "e\xCC\x81 combining acute, A\xCC\x8A ring",
      "北京 and Ωμέγα and العربية",
      "\xEF\xAC\x81nal ligature, \xE2\x84\xA2 sign, \xC2\xA0nbsp",
      "  leading\tand\ntrailing  Лук  ",
      "bad \xFF byte \xC3 end",
      "",
  };
  for (const char* c : cases) {
    EXPECT_EQ((*folder)->Fold(c), (*folder)->FoldWithoutFastPaths(c)) << c;
  }
  // Every single code point of the table ranges, alone and inside a word.
  for (char32_t cp = 0x80; cp < 0x2070; ++cp) {
    if (cp == 0x300) cp = 0x2000;
    std::string s;
    AppendUtf8(cp, &s);
    std::string word = "ab" + s + "cd";
    ASSERT_EQ((*folder)->Fold(word), (*folder)->FoldWithoutFastPaths(word))
        << std::hex << static_cast<uint32_t>(cp);
  }
}

TEST_F(NameAnalyzerTest, StripTitles) {
  struct Case {
    const char* in;
    const char* want;
  } cases[] = {
      {"President Lukashenko", "Lukashenko"},
      {"Interior Minister Yury Karayev", "Yury Karayev"},
      {"Russian President Vladimir Putin", "Vladimir Putin"},
      {"president Loekasjenko", "Loekasjenko"},
      {"de heer Rutte", "Rutte"},
      {"mevrouw Tichanovskaja", "Tichanovskaja"},
      {"Bundeskanzlerin Angela Merkel", "Angela Merkel"},
      {"Herr Steinmeier", "Steinmeier"},
      {"M. Macron", "Macron"},
      {"Mme Tikhanovskaïa", "Tikhanovskaïa"},
      {"Premier ministre Jean Castex", "Jean Castex"},
      {"Президент Лукашенко", "Лукашенко"},
      {"Dr. Anna Smith", "Anna Smith"},
      {"Sen. Bernie Sanders", "Bernie Sanders"},
      {"Belarusian opposition leader Svetlana Tikhanovskaya",
       "Svetlana Tikhanovskaya"},
      {"presidente  Pedro   Sánchez", "Pedro Sánchez"},
      // A title word that is the last word is a name, not a title.
      {"Amartya Sen", "Amartya Sen"},
      {"Prince", "Prince"},
      {"Alexander Lukashenko", "Alexander Lukashenko"},
      // Age descriptors before a name.
      {"26-year-old Yekaterina Gorbina", "Yekaterina Gorbina"},
      {"de 39-jarige Anna de Vries", "Anna de Vries"},
      {"der 65-jährige Klaus Weber", "Klaus Weber"},
      {"Opposition leader 37-year-old Maria Kolesnikova", "Maria Kolesnikova"},
      {"", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(names().StripTitles(c.in), c.want) << c.in;
  }
}

TEST_F(NameAnalyzerTest, AnalyzeKeys) {
  NameKey key = names().Analyze("President Alexander Lukashenko's");
  EXPECT_EQ(key.display, "Alexander Lukashenko");
  EXPECT_THAT(key.given_keys, ElementsAre("aleksandr"));
  EXPECT_EQ(key.full_key, "aleksandr " + key.surname_key);

  NameKey alone = names().Analyze("Lukashenko");
  EXPECT_EQ(alone.display, "Lukashenko");
  EXPECT_TRUE(alone.given_keys.empty());
  EXPECT_EQ(alone.full_key, alone.surname_key);
  EXPECT_FALSE(alone.surname_key.empty());

  EXPECT_TRUE(names().Analyze("").surname_key.empty());
  EXPECT_TRUE(names().Analyze("  ,.  ").surname_key.empty());
}

TEST_F(NameAnalyzerTest, SurnameVariantsMeet) {
  // Each row: spellings of one surname across romanisations.
  const std::vector<std::vector<const char*>> groups = {
      {"Lukashenko", "Loekasjenko", "Лукашенко", "Lukaschenko", "Loukachenko",
       "Lukašenko", "Lukashenko's", "Loekasjenko’s"},
      {"Tikhanovskaya", "Tikhanovskaïa", "Tichanovskaja", "Tichanowskaja",
       "Тихановская"},
      {"Putin", "Poetin", "Poutine", "Путин"},
      {"Kolesnikova", "Колесникова", "Kolesnikowa"},
      {"Karayev", "Karajev", "Karaïev", "Караев", "Karajew"},
  };
  for (const auto& group : groups) {
    const std::string want = names().Analyze(group[0]).surname_key;
    ASSERT_FALSE(want.empty());
    for (const char* variant : group) {
      EXPECT_EQ(names().Analyze(variant).surname_key, want)
          << variant << " vs " << group[0];
    }
  }
  // Distinct surnames stay distinct.
  EXPECT_NE(names().Analyze("Lukashenko").surname_key,
            names().Analyze("Tikhanovskaya").surname_key);
  EXPECT_NE(names().Analyze("Putin").surname_key,
            names().Analyze("Pushkin").surname_key);
  EXPECT_NE(names().Analyze("Kolesnikova").surname_key,
            names().Analyze("Kolesnikov").surname_key);
}

// One row per rule of data/names/variants.tsv: spellings that meet through
// it (the first spelling is English/BGN, as is the Cyrillic original).
TEST_F(NameAnalyzerTest, EachVariantRule) {
  struct Case {
    const char* rule;
    std::vector<const char*> spellings;
  } cases[] = {
      {"x -> ks", {"Aleksandrov", "Alexandrov"}},
      {"tsch/tsj/tch/ch (ч)",
       {"Chernenko", "Tschernenko", "Tsjernenko", "Tchernenko", "Черненко"}},
      {"sch/sj/sh/ch (ш)",
       {"Lukashenko", "Lukaschenko", "Loekasjenko", "Loukachenko"}},
      {"zh/zj/sch (ж)", {"Zhukov", "Zjoekov", "Schukow", "Жуков"}},
      {"kh/ch (х)",
       {"Khodorkovsky", "Chodorkovski", "Chodorkowski", "Ходорковский"}},
      {"shch (щ)",
       {"Khrushchev", "Chroesjtsjov", "Chruschtschow", "Khrouchtchev",
        "Хрущёв"}},
      {"x + o = x + e (ё)",
       {"Gorbachev", "Gorbatsjov", "Gorbatschow", "Gorbatchev"}},
      {"oe/ou -> u", {"Putin", "Poetin", "Poutine"}},
      {"w -> v", {"Lavrov", "Lawrow"}},
      {"^s + vowel -> z", {"Zelensky", "Selenskyj", "Зеленский"}},
      {"gu + e/i -> g", {"Sergei", "Sergueï"}},
      {"j/y -> i", {"Navalny", "Navalnyj", "Nawalny", "Navalni", "Навальный"}},
      {"ii -> i", {"Dmitriy", "Dmitri", "Dmitrii"}},
      {"^ie -> e", {"Yelena", "Jelena", "Elena"}},
      {"ine$ -> in", {"Putin", "Poutine"}},
      {"ander/andre -> andr", {"Aleksandr", "Alexander", "Alexandre"}},
      {"doubled consonants", {"Kolesnikova", "Kolessnikova"}},
  };
  for (const Case& c : cases) {
    const std::string want = names().Analyze(c.spellings[0]).surname_key;
    for (const char* s : c.spellings) {
      EXPECT_EQ(names().Analyze(s).surname_key, want) << c.rule << ": " << s;
    }
  }
}

TEST_F(NameAnalyzerTest, GivenNameVariantsMeet) {
  const std::vector<std::vector<const char*>> groups = {
      {"Yury", "Yuri", "Joeri", "Iouri", "Юрий", "Yuriy"},
      {"Alexander", "Aleksandr", "Alexandre", "Александр"},
      {"Svetlana", "Светлана"},
      {"Yekaterina", "Jekaterina", "Ekaterina", "Екатерина"},
      {"Dmitry", "Dmitri", "Dmitrij", "Дмитрий"},
      {"Vladimir", "Wladimir", "Владимир"},
  };
  for (const auto& group : groups) {
    const NameKey want = names().Analyze(std::string(group[0]) + " Ivanov");
    for (const char* variant : group) {
      const NameKey got = names().Analyze(std::string(variant) + " Ivanov");
      EXPECT_EQ(got.given_keys, want.given_keys)
          << variant << " vs " << group[0];
      EXPECT_EQ(names().Compare(got, want), Match::kSame) << variant;
    }
  }
}

TEST_F(NameAnalyzerTest, Compare) {
  struct Case {
    const char* a;
    const char* b;
    Match want;
  } cases[] = {
      {"Alexander Lukashenko", "Lukashenko", Match::kSurnameOnly},
      {"Alexander Lukashenko", "President Loekasjenko", Match::kSurnameOnly},
      {"Alexander Lukashenko", "Александр Лукашенко", Match::kSame},
      {"Alexander Lukashenko", "Aleksandr Loekasjenko", Match::kSame},
      {"Alexander Lukashenko", "A. Lukashenko", Match::kSame},
      {"Alexander Lukashenko", "Alexander Grigoryevich Lukashenko",
       Match::kSame},
      {"Svetlana Tikhanovskaya", "Tikhanovskaïa", Match::kSurnameOnly},
      {"Svetlana Tikhanovskaya", "Svetlana Tichanovskaja", Match::kSame},
      {"Vladimir Putin", "Poetin", Match::kSurnameOnly},
      {"Vladimir Putin", "Wladimir Poutine", Match::kSame},
      {"Lukashenko", "Loekasjenko", Match::kSame},
      // Same surname, different first names: different people.
      {"Maria Kolesnikova", "Anna Kolesnikova", Match::kDifferent},
      {"Ivan Petrov", "Ivana Petrov", Match::kDifferent},
      {"Viktor Babariko", "Eduard Babariko", Match::kDifferent},
      {"Alexander Lukashenko", "Viktor Lukashenko", Match::kDifferent},
      {"Vladimir Putin", "Vladimir Pushkin", Match::kDifferent},
      {"Yury Karayev", "Interior Minister Yury Karayev", Match::kSame},
      {"", "Lukashenko", Match::kDifferent},
  };
  for (const Case& c : cases) {
    NameKey a = names().Analyze(c.a);
    NameKey b = names().Analyze(c.b);
    EXPECT_EQ(names().Compare(a, b), c.want) << c.a << " vs " << c.b;
    EXPECT_EQ(names().Compare(b, a), c.want) << c.b << " vs " << c.a;
  }
}

TEST_F(NameAnalyzerTest, ParticlesAndSuffixes) {
  NameKey full = names().Analyze("Ursula von der Leyen");
  NameKey part = names().Analyze("von der Leyen");
  EXPECT_EQ(full.display, "Ursula von der Leyen");
  EXPECT_THAT(full.given_keys, ElementsAre("ursula"));
  EXPECT_EQ(full.surname_key, part.surname_key);
  EXPECT_TRUE(part.given_keys.empty());
  EXPECT_EQ(names().Compare(full, part), Match::kSurnameOnly);

  NameKey bin = names().Analyze("Mohammed bin Salman");
  EXPECT_EQ(bin.given_keys.size(), 1u);
  EXPECT_EQ(bin.surname_key, names().Analyze("Salman").surname_key);
  EXPECT_EQ(names().Compare(names().Analyze("Charles de Gaulle"),
                            names().Analyze("De Gaulle")),
            Match::kSurnameOnly);

  // Weak particles are given names at the start of a name.
  EXPECT_THAT(names().Analyze("Ben Wallace").given_keys, ElementsAre("ben"));
  EXPECT_THAT(names().Analyze("Al Gore").given_keys, ElementsAre("al"));
  EXPECT_EQ(names().Compare(names().Analyze("Ben Wallace"),
                            names().Analyze("David Wallace")),
            Match::kDifferent);
  NameKey ben_ali = names().Analyze("Zine El Abidine Ben Ali");
  EXPECT_EQ(ben_ali.surname_key, names().Analyze("Ali").surname_key);
  EXPECT_EQ(names().Compare(ben_ali, names().Analyze("Zine Ben Ali")),
            Match::kSame);
  // A strong particle is one even when capitalised first.
  EXPECT_TRUE(names().Analyze("Van Dijk").given_keys.empty());

  NameKey jr = names().Analyze("Martin Luther King Jr.");
  EXPECT_EQ(jr.surname_key, names().Analyze("King").surname_key);
  EXPECT_EQ(jr.display, "Martin Luther King Jr.");
}

TEST_F(NameAnalyzerTest, DisplayCleansPunctuationKeepsScript) {
  EXPECT_EQ(names().Analyze("  Лукашенко,  ").display, "Лукашенко");
  EXPECT_EQ(names().Analyze("\"Step Vaessen\"").display, "Step Vaessen");
  EXPECT_EQ(names().Analyze("Lukashenko’s").display, "Lukashenko");
  // Words after the surname without letters are not part of the name.
  NameKey aged = names().Analyze("Lukashenko, 65");
  EXPECT_EQ(aged.display, "Lukashenko");
  EXPECT_EQ(aged.surname_key, names().Analyze("Lukashenko").surname_key);
  EXPECT_TRUE(names().Analyze("65").display.empty());
  // NFC: e + combining acute becomes é.
  EXPECT_EQ(names()
                .Analyze("Jose\xCC\x81 Garci\xCC\x81"
                         "a")
                .display,
            "José García");
}

TEST_F(NameAnalyzerTest, ConcurrentUseGivesSameKeys) {
  const std::vector<std::string> inputs = {"Лукашенко", "Tikhanovskaïa",
                                           "Alexander Lukashenko", "Poetin"};
  std::vector<std::string> want;
  for (const auto& s : inputs) want.push_back(names().Analyze(s).full_key);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 300; ++i) {
        size_t k = (i + t) % inputs.size();
        if (names().Analyze(inputs[k]).full_key != want[k]) ++mismatches[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

// --- Data file errors ---

class NameDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_util::ScratchDir(
               std::string("names_data_") +
               ::testing::UnitTest::GetInstance()->current_test_info()->name())
               .string();
    std::filesystem::create_directories(dir_ + "/names");
    Write("titles.txt", "President\nMr\n");
    Write("particles.txt", "van\n");
    Write("suffixes.txt", "Jr\n");
    Write("variants.tsv", "# comment\noe\tu\n");
    Write("given_names.tsv", "# comment\nJoeri\tJuri\n");
  }
  void Write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ + "/names/" + name) << content;
  }
  std::string dir_;
};

TEST_F(NameDataTest, LoadsMinimalFiles) {
  auto analyzer = NameAnalyzer::Create(dir_);
  ASSERT_TRUE(analyzer.ok()) << analyzer.status();
  EXPECT_EQ((*analyzer)->Analyze("Mr Poetin").surname_key, "putin");
}

TEST_F(NameDataTest, BadRuleNamesFileAndLine) {
  Write("variants.tsv", "# comment\noe\tu\n(unclosed\tx\n");
  auto analyzer = NameAnalyzer::Create(dir_);
  ASSERT_EQ(analyzer.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(analyzer.status().message(), HasSubstr("variants.tsv:3"));
}

TEST_F(NameDataTest, RuleWithoutTabIsInvalid) {
  Write("variants.tsv", "oe u\n");
  auto analyzer = NameAnalyzer::Create(dir_);
  ASSERT_EQ(analyzer.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(analyzer.status().message(), HasSubstr("variants.tsv:1"));
}

TEST_F(NameDataTest, MissingFileIsNotFound) {
  std::remove((dir_ + "/names/titles.txt").c_str());
  auto analyzer = NameAnalyzer::Create(dir_);
  EXPECT_EQ(analyzer.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(analyzer.status().message(), HasSubstr("titles.txt"));
}

}  // namespace
}  // namespace quotewire
