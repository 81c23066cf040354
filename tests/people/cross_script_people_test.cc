// One person across scripts and national spellings, end to end: invented
// one-quote articles in English, German, Dutch, French and Russian go through
// the whole analysis pipeline into a SQLite store. Every intended person must
// be one person, no two different people may be joined (Gorbachev and an
// unrelated Gorbacheva, Scholz and Scholl, Maria and Anna Kolesnikova), and
// GetPerson and ListPeople must answer any spelling in any script with the
// canonical person.
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/analysis/analyzer.h"
#include "server/store/sqlite_store.h"
#include "server/store/store.h"

namespace quotewire {
namespace {

struct TestArticle {
  const char* person;    // label of the intended person
  const char* language;  // BCP-47
  const char* text;      // one quote, attributed by name
};

// The persons' spellings follow one convention per article: BGN/PCGN and the
// national systems in English, Duden in German, the Dutch transcription,
// French usage, Cyrillic in Russian.
const TestArticle kArticles[] = {
    // Belarusian national romanisation in English, Russian-based elsewhere.
    {"tikhanovskaya", "en",
     "\"We will not give up,\" said Sviatlana Tsikhanouskaya on Monday."},
    {"tikhanovskaya", "de",
     "„Wir geben nicht auf“, sagte Swetlana Tichanowskaja am Montag."},
    {"tikhanovskaya", "nl",
     "\"Wij geven niet op,\" zei Svetlana Tichanovskaja maandag."},
    {"tikhanovskaya", "fr",
     "« Nous n'abandonnerons pas », a déclaré Svetlana Tikhanovskaïa lundi."},
    {"tikhanovskaya", "ru",
     "«Мы не сдадимся», — сказала Светлана Тихановская в понедельник."},
    {"lukashenko", "en",
     "\"The elections were fair,\" said Aliaksandr Lukashenka on Sunday."},
    {"lukashenko", "de",
     "„Die Wahlen waren fair“, sagte Alexander Lukaschenko am Sonntag."},
    {"lukashenko", "nl",
     "\"De verkiezingen waren eerlijk,\" zei Aleksandr Loekasjenko zondag."},
    {"lukashenko", "fr",
     "« Les élections étaient justes », a déclaré Alexandre Loukachenko."},
    {"lukashenko", "ru",
     "«Выборы были честными», — сказал Александр Лукашенко."},
    // ё after ч: -chev / -tschow / -tsjov / -tchev / -чёв.
    {"gorbachev", "en",
     "\"Perestroika was necessary,\" said Mikhail Gorbachev in Moscow."},
    {"gorbachev", "de",
     "„Die Perestroika war notwendig“, sagte Michail Gorbatschow in Moskau."},
    {"gorbachev", "nl",
     "\"De perestrojka was nodig,\" zei Michail Gorbatsjov in Moskou."},
    {"gorbachev", "fr",
     "« La perestroïka était nécessaire », a déclaré Mikhaïl Gorbatchev."},
    {"gorbachev", "ru",
     "«Перестройка была необходима», — сказал Михаил Горбачёв."},
    // An unrelated Gorbacheva: another person.
    {"gorbacheva", "en",
     "\"The school needs a new roof,\" said Irina Gorbacheva, a teacher."},
    {"gorbacheva", "ru",
     "«Школе нужна новая крыша», — сказала Ирина Горбачёва."},
    // Scholz and Scholl: one letter apart, two people.
    {"scholz", "de", "„Wir stehen zusammen“, sagte Olaf Scholz in Berlin."},
    {"scholz", "ru", "«Мы едины», — сказал Олаф Шольц в Берлине."},
    {"scholl", "de",
     "„Der Bahnhof wird saniert“, sagte Martin Scholl am Dienstag."},
    {"scholl", "en",
     "\"The station will be renovated,\" said Martin Scholl on Tuesday."},
    // Ukrainian national system, Duden, Dutch, French; the Russian form of
    // the first name in Russian.
    {"zelensky", "en",
     "\"We will defend our country,\" said Volodymyr Zelenskyy in Kyiv."},
    {"zelensky", "de",
     "„Wir verteidigen unser Land“, sagte Wolodymyr Selenskyj in Kiew."},
    {"zelensky", "nl",
     "\"Wij verdedigen ons land,\" zei Volodymyr Zelenski in Kyiv."},
    {"zelensky", "fr",
     "« Nous défendrons notre pays », a déclaré Volodymyr Zelensky."},
    {"zelensky", "ru",
     "«Мы защитим нашу страну», — сказал Владимир Зеленский."},
    // Same surname, different first names: two people.
    {"maria-kolesnikova", "en",
     "\"I am not afraid,\" said Maria Kolesnikova in Minsk."},
    {"maria-kolesnikova", "ru",
     "«Я не боюсь», — сказала Мария Колесникова в Минске."},
    {"anna-kolesnikova", "nl",
     "\"De oogst is goed,\" zei Anna Kolesnikova, een boerin."},
    // The Duden ss for с between vowels (a doubled letter).
    {"maria-kolesnikova", "de",
     "„Ich habe keine Angst“, sagte Maria Kolessnikowa in Minsk."},
    // ж: zh (en), sch (de), zj (nl); ё after л as e / jo.
    {"zhuravlev", "en",
     "\"The factory will stay open,\" said Oleg Zhuravlev in Tula."},
    {"zhuravlev", "de",
     "„Die Fabrik bleibt offen“, sagte Oleg Schurawljow in Tula."},
    {"zhuravlev", "nl",
     "\"De fabriek blijft open,\" zei Oleg Zjoeravljov in Toela."},
    {"zhuravlev", "ru",
     "«Завод останется открытым», — сказал Олег Журавлёв в Туле."},
    // The feminine form of the same surname: another person.
    {"zhuravleva", "en",
     "\"The library will move,\" said Olga Zhuravleva, a librarian."},
    {"zhuravleva", "de",
     "„Die Bibliothek zieht um“, sagte Olga Schurawljowa am Montag."},
    // ц: ts (en, nl, fr); з: z; у: u / oe / ou.
    {"kuznetsov", "en",
     "\"Prices will rise,\" said Nikolai Kuznetsov on Monday."},
    {"kuznetsov", "nl",
     "\"De prijzen stijgen,\" zei Nikolaj Koeznetsov maandag."},
    {"kuznetsov", "fr",
     "« Les prix vont augmenter », a déclaré Nikolaï Kouznetsov."},
    {"kuznetsov", "ru", "«Цены вырастут», — сказал Николай Кузнецов."},
    // -ev / -jew / -jev / -ïev; Yuri / Juri / Joeri / Iouri.
    {"sergeyev", "en",
     "\"The team is ready,\" said Yuri Sergeyev after training."},
    {"sergeyev", "de",
     "„Die Mannschaft ist bereit“, sagte Juri Sergejew nach dem Training."},
    {"sergeyev", "nl",
     "\"Het team is klaar,\" zei Joeri Sergejev na de training."},
    {"sergeyev", "fr",
     "« L'équipe est prête », a déclaré Iouri Sergueïev."},
    {"sergeyev", "ru",
     "«Команда готова», — сказал Юрий Сергеев после тренировки."},
    // х: kh (en, fr), ch (de, nl); w / v.
    {"khrenov", "en",
     "\"The port is closed,\" said Viktor Khrenov on Friday."},
    {"khrenov", "de",
     "„Der Hafen ist geschlossen“, sagte Wiktor Chrenow am Freitag."},
    {"khrenov", "nl",
     "\"De haven is dicht,\" zei Viktor Chrenov vrijdag."},
    {"khrenov", "fr", "« Le port est fermé », a déclaré Victor Khrenov."},
    {"khrenov", "ru", "«Порт закрыт», — сказал Виктор Хренов в пятницу."},
    // Ukrainian and Belarusian forms of one first name; another first name.
    {"serhiy-kovalenko", "en",
     "\"The bridge will reopen,\" said Serhiy Kovalenko on Friday."},
    {"serhiy-kovalenko", "de",
     "„Die Brücke wird wieder geöffnet“, sagte Sergej Kowalenko am Freitag."},
    {"oleksandr-kovalenko", "en",
     "\"Prices will fall,\" said Oleksandr Kovalenko, an economist."},
};

// The pipeline, loaded once per test binary; immutable and thread-safe.
const Analyzer& TheAnalyzer() {
  static const Analyzer* analyzer = [] {
    auto created = Analyzer::Create(AnalyzerOptions());
    if (!created.ok()) {
      ADD_FAILURE() << created.status();
      std::abort();
    }
    return created->release();
  }();
  return *analyzer;
}

class CrossScriptPeopleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SqliteStoreOptions options;
    options.path = ":memory:";
    options.names = &TheAnalyzer().names();
    options.sources = &TheAnalyzer().sources();
    options.topics = &TheAnalyzer().topics();
    auto store = OpenSqliteStore(options);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
    // Person label -> person ids of its quotes.
    int n = 0;
    for (const TestArticle& a : kArticles) {
      Article article;
      article.id = absl::StrCat("a", n++);
      article.language = a.language;
      article.text = a.text;
      AnalyzedArticle analyzed = TheAnalyzer().Analyze(article);
      ASSERT_EQ(analyzed.quotes.size(), 1u) << a.text;
      auto result = store_->PutArticle(analyzed);
      ASSERT_TRUE(result.ok()) << result.status();
      ASSERT_EQ(result->quotes.size(), 1u) << a.text;
      const Speaker& speaker = result->quotes[0].quote.speaker;
      ASSERT_FALSE(speaker.person_id.empty()) << a.text;
      ids_[a.person].insert(speaker.person_id);
      spellings_[a.person].push_back(analyzed.quotes[0].speaker.name);
    }
  }

  std::unique_ptr<Store> store_;
  std::map<std::string, std::set<std::string>> ids_;
  std::map<std::string, std::vector<std::string>> spellings_;
};

TEST_F(CrossScriptPeopleTest, EveryPersonIsOnePersonAndNoTwoAreJoined) {
  std::map<std::string, std::string> label_of_id;
  for (const auto& [label, ids] : ids_) {
    EXPECT_EQ(ids.size(), 1u) << label << " split into " << ids.size();
    for (const std::string& id : ids) {
      auto [it, inserted] = label_of_id.emplace(id, label);
      EXPECT_TRUE(inserted) << label << " joined with " << it->second;
    }
  }
}

TEST_F(CrossScriptPeopleTest, GetPersonAnswersAnySpellingInAnyScript) {
  struct Lookup {
    const char* person;
    const char* name;
  } lookups[] = {
      {"tikhanovskaya", "Тихановская"},
      {"tikhanovskaya", "Tsikhanouskaya"},
      {"tikhanovskaya", "Cichanouska"},        // Polish, never ingested
      {"tikhanovskaya", "Svetlana Tichanovská"},  // Czech, never ingested
      {"lukashenko", "Łukaszenka"},
      {"lukashenko", "Лукашенко"},
      {"gorbachev", "Gorbaczow"},
      {"gorbachev", "Михаил Горбачёв"},
      {"gorbacheva", "Irina Gorbatschowa"},
      {"scholz", "Шольц"},
      {"scholl", "Scholl"},
      {"zelensky", "Зеленський"},
      {"zelensky", "Wołodymyr Zełenski"},
      {"serhiy-kovalenko", "Serhii Kovalenko"},
      {"serhiy-kovalenko", "Siarhei Kovalenko"},
      {"maria-kolesnikova", "Maria Kolesnikowa"},
      {"zhuravlev", "Oleg Žuravljov"},           // Czech, never ingested
      {"zhuravleva", "Журавлёва"},
      {"kuznetsov", "Nikołaj Kuzniecow"},        // Polish, never ingested
      {"kuznetsov", "Kuzněcov"},                 // Czech, never ingested
      {"sergeyev", "Jurij Siergiejew"},          // Polish, never ingested
      {"khrenov", "Хренов"},
  };
  for (const Lookup& l : lookups) {
    const std::string want = *ids_[l.person].begin();
    auto got = store_->GetPerson(l.name);
    ASSERT_TRUE(got.ok()) << l.name << ": " << got.status();
    EXPECT_EQ(got->id, want) << l.name;
    PageOptions page;
    auto listed = store_->ListPeople(l.name, std::nullopt, page);
    ASSERT_TRUE(listed.ok()) << l.name << ": " << listed.status();
    ASSERT_FALSE(listed->items.empty()) << l.name;
    EXPECT_EQ(listed->items[0].id, want) << l.name;
    for (const PersonRecord& p : listed->items) {
      EXPECT_TRUE(ids_[l.person].count(p.id) > 0)
          << l.name << " also lists " << p.display_name;
    }
  }
}

}  // namespace
}  // namespace quotewire
