// Table tests of the romanisation-convention rules (data/names/variants.tsv)
// and first-name equivalences (data/names/given_names.tsv): one row per
// convention, with spellings that must meet and names that must stay apart.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/people/name_analyzer.h"
#include "tests/people/name_analyzer_fixture.h"

namespace quotewire {
namespace {

using Match = NameAnalyzer::Match;

class NameConventionsTest : public NameAnalyzerTest {
 protected:
  static Match Compare(const std::string& a, const std::string& b) {
    return names().Compare(names().Analyze(a), names().Analyze(b));
  }
};

// Surnames: every spelling of a row has the key of the first.
TEST_F(NameConventionsTest, SurnameConventionsMeet) {
  struct Case {
    const char* convention;
    std::vector<const char*> spellings;
  } cases[] = {
      {"Polish PWN sz/cz/szcz", {"Khrushchev", "Chruszczow", "Хрущёв"}},
      {"Polish PWN sz", {"Lukashenko", "Łukaszenko", "Лукашенко"}},
      {"Polish ż (ж)", {"Prigozhin", "Prigożyn", "Prigoschin"}},
      {"Czech caron letters", {"Shoigu", "Šojgu", "Schoigu", "Sjojgoe"}},
      {"Belarusian ў in -ovsk-",
       {"Tikhanovskaya", "Tsikhanouskaya", "Cichanouska", "Тихановская"}},
      {"Belarusian -enka", {"Lukashenko", "Lukashenka", "Łukaszenka"}},
      {"ц: ts / z / tz / c", {"Tsoi", "Zoi", "Tsoj", "Coj", "Цой"}},
      {"-aya / -aja / -aïa / -á / -a",
       {"Tolstaya", "Tolstaja", "Tolstaïa", "Tolstá", "Толстая"}},
      {"-sky / -ski / -skyj / -skij / -ský",
       {"Zelensky", "Zelenski", "Zelenskyy", "Selenskyj", "Zelenskij",
        "Zełenski", "Зеленський"}},
      {"-ev / -jew / -iev / -ieff",
       {"Sergeyev", "Sergejew", "Sergueïev", "Siergiejew", "Сергеев",
        "Sergeeff"}},
      {"ё: -yov / -jow / -iov / -yev",
       {"Solovyov", "Solowjow", "Soloviov", "Solovyev", "Соловьёв"}},
      {"ё after ш/ч: -chev / -tschow / -tsjov / -czow",
       {"Gorbachev", "Gorbatschow", "Gorbatsjov", "Gorbaczow", "Gorbačov"}},
      {"e after o (simplified BGN/PCGN)",
       {"Dostoevsky", "Dostoyevsky", "Dostojewski", "Dostoïevski"}},
      {"ie after a consonant (Polish PWN)", {"Medvedev", "Miedwiediew"}},
      {"doubled letters", {"Klitschko", "Klitsjko", "Klitchko", "Kliczko"}},
      {"w / v", {"Yanukovych", "Janukowytsch", "Janukowycz", "Ianoukovitch"}},
  };
  for (const Case& c : cases) {
    const std::string want = names().Analyze(c.spellings[0]).surname_key;
    for (const char* s : c.spellings) {
      EXPECT_EQ(names().Analyze(s).surname_key, want)
          << c.convention << ": " << s;
    }
  }
}

// First names: each row is one person's first name in several national and
// romanised forms; with the same surname they are the same person.
TEST_F(NameConventionsTest, FirstNameEquivalencesJoin) {
  const std::vector<std::vector<const char*>> groups = {
      {"Mikhail", "Michail", "Mikhaïl", "Michał", "Mykhailo", "Михаил"},
      {"Aleksandr", "Alexander", "Oleksandr", "Aliaksandr", "Alexandre",
       "Олександр"},
      {"Sergei", "Serhiy", "Siarhei", "Sergej", "Sergueï", "Сергій"},
      {"Vladimir", "Volodymyr", "Wolodymyr", "Uladzimir", "Władimir"},
      {"Yevgeny", "Jewgeni", "Evgueni", "Yevhen", "Jewgienij"},
      {"Yulia", "Julia", "Ioulia", "Yuliia", "Юлія"},
      {"Pyotr", "Pjotr", "Piotr", "Petro", "Petr"},
  };
  for (const auto& group : groups) {
    for (const char* variant : group) {
      EXPECT_EQ(Compare(std::string(group[0]) + " Kovalenko",
                        std::string(variant) + " Kovalenko"),
                Match::kSame)
          << variant << " vs " << group[0];
    }
  }
}

TEST_F(NameConventionsTest, DifferentPeopleStayApart) {
  struct Case {
    const char* a;
    const char* b;
  } cases[] = {
      // Feminine surname forms are other people.
      {"Mikhail Gorbachev", "Irina Gorbacheva"},
      {"Gorbachev", "Gorbacheva"},
      {"Michail Gorbatschow", "Irina Gorbatschowa"},
      {"Ivan Petrov", "Ivana Petrova"},
      // One letter apart in German surnames.
      {"Olaf Scholz", "Sophie Scholl"},
      {"Scholz", "Scholl"},
      {"Hans Scholl", "Hans Schell"},
      {"Olaf Scholz", "Olaf Schulz"},
      // Same surname, first names not equivalent.
      {"Vitali Klitschko", "Wladimir Klitschko"},
      {"Oleksandr Kovalenko", "Serhiy Kovalenko"},
      {"Maria Kolesnikova", "Anna Kolesnikova"},
      {"Mikhail Gorbachev", "Sergei Gorbachev"},
      // Groups do not spill into each other.
      {"Yuri Ivanov", "Georgy Ivanov"},
      {"Aleksandr Ivanov", "Aleksei Ivanov"},
  };
  for (const Case& c : cases) {
    EXPECT_NE(Compare(c.a, c.b), Match::kSame) << c.a << " vs " << c.b;
    EXPECT_NE(names().Analyze(c.a).full_key, names().Analyze(c.b).full_key)
        << c.a << " vs " << c.b;
  }
}

}  // namespace
}  // namespace quotewire
