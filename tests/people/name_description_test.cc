// A mention splits into the description written before the name and the
// name form: possessive phrases, lower-case roles and titles describe; name
// particles and capitalised words are the name.
#include <set>
#include <string>

#include "server/core/data_dir.h"
#include "gtest/gtest.h"
#include "server/people/name_analyzer.h"

namespace quotewire {
namespace {

TEST(NameDescriptionTest, DescriptionBeforeTheName) {
  auto names = NameAnalyzer::Create(quotewire::DefaultDataDir());
  ASSERT_TRUE(names.ok()) << names.status();
  struct Case {
    const char* mention;
    const char* display;
    const char* description;
  } cases[] = {
      {"Tikhanovskaya\u2019s campaign ally Maria Kolesnikova", "Maria Kolesnikova",
       "Tikhanovskaya\u2019s campaign ally"},
      {"Lukashenko's spokesman Ivan Eismont", "Ivan Eismont", "Lukashenko's spokesman"},
      {"the mayor's deputy Ana Lima", "Ana Lima", "the mayor's deputy"},
      {"opposition activist Maria Kolesnikova", "Maria Kolesnikova",
       "opposition activist"},
      {"Interior Minister Yury Karayev", "Yury Karayev", "Interior Minister"},
      {"26-year-old Yekaterina Gorbina", "Yekaterina Gorbina", "26-year-old"},
      {"éleveuse Hélène Marchand", "Hélène Marchand", "éleveuse"},
      // Particles and capitalised words are the name.
      {"Ursula von der Leyen", "Ursula von der Leyen", ""},
      {"Mohammed bin Salman", "Mohammed bin Salman", ""},
      {"Zine el-Abidine Ben Ali", "Zine el-Abidine Ben Ali", ""},
      {"Charles de Gaulle", "Charles de Gaulle", ""},
      {"María de los Ángeles Pérez", "María de los Ángeles Pérez", ""},
      {"Ana de las Heras", "Ana de las Heras", ""},
      // Nothing capitalised after the words: nothing to cut.
      {"bell hooks", "bell hooks", ""},
      // A possessive name alone is the name ("Lukashenko's").
      {"Lukashenko's", "Lukashenko", ""},
  };
  for (const Case& c : cases) {
    const NameKey key = (*names)->Analyze(c.mention);
    EXPECT_EQ(key.display, c.display) << c.mention;
    EXPECT_EQ(key.description, c.description) << c.mention;
  }
  // The description takes no part in matching.
  EXPECT_EQ((*names)->Compare(
                (*names)->Analyze("Tikhanovskaya\u2019s campaign ally Maria Kolesnikova"),
                (*names)->Analyze("Maria Kolesnikova")),
            NameAnalyzer::Match::kSame);
}

// The words of a description that are evidence of who a person is: folded,
// in any script, without possessive s, short words or stop words.
TEST(NameDescriptionTest, DescriptionWords) {
  auto names = NameAnalyzer::Create(quotewire::DefaultDataDir());
  ASSERT_TRUE(names.ok()) << names.status();
  struct Case {
    const char* description;
    std::set<std::string> words;
  } cases[] = {
      {"Ukraine's president", {"president", "ukraine"}},
      {"the former mayor of Lviv", {"lviv", "mayor"}},
      {"Belarusian opposition leader", {"belarusian", "leader", "opposition"}},
      {"die ehemalige Bürgermeisterin", {"burgermeisterin"}},
      {"учительница", {"uchitelnitsa"}},
      {"", {}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ((*names)->DescriptionWords(c.description), c.words)
        << c.description;
  }
}

}  // namespace
}  // namespace quotewire
