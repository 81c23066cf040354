// Identity resolution on real names: the seed articles' gold quotes (in
// QUOTEWIRE_SHARED_DIR/seeds/gold.jsonl) are stored with speaker names taken
// from the surface forms the gold file lists ("Loekasjenko", "Tikhanovskaïa",
// "Kolesnikova"), rotated so that surnames, full names and spelling variants
// all occur; every gold speaker must end up as exactly one person, and
// different speakers as different people. The extractor is not involved.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/analysis/analyzer.h"
#include "server/core/utf8.h"
#include "server/store/sqlite_store.h"
#include "tests/store/store_test_util.h"

namespace quotewire {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

struct GoldQuote {
  std::string text;
  int start = 0, end = 0;  // code points
  std::string speaker;     // empty: nobody speaks
  std::vector<std::string> alts;
  std::string outlet;
};

struct GoldArticle {
  std::string id, language, publisher, text;
  std::vector<GoldQuote> quotes;
};

std::string Str(const Struct& s, const std::string& key) {
  auto it = s.fields().find(key);
  if (it == s.fields().end() || !it->second.has_string_value()) return "";
  return it->second.string_value();
}

std::vector<GoldArticle> LoadGold() {
  std::vector<GoldArticle> out;
  std::ifstream in(std::string(QUOTEWIRE_SHARED_DIR) + "/seeds/gold.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    Struct doc;
    if (!google::protobuf::util::JsonStringToMessage(line, &doc).ok()) {
      ADD_FAILURE() << "bad gold line";
      continue;
    }
    GoldArticle a;
    a.id = Str(doc, "id");
    a.language = Str(doc, "language");
    a.publisher = Str(doc, "publisher");
    a.text = Str(doc, "text");
    for (const Value& v : doc.fields().at("quotes").list_value().values()) {
      const Struct& q = v.struct_value();
      GoldQuote g;
      g.text = Str(q, "text");
      g.start = static_cast<int>(q.fields().at("start").number_value());
      g.end = static_cast<int>(q.fields().at("end").number_value());
      g.speaker = Str(q, "speaker");
      g.outlet = Str(q, "outlet");
      auto alts = q.fields().find("speaker_alts");
      if (alts != q.fields().end() && alts->second.has_list_value()) {
        for (const Value& alt : alts->second.list_value().values()) {
          g.alts.push_back(alt.string_value());
        }
      }
      a.quotes.push_back(std::move(g));
    }
    out.push_back(std::move(a));
  }
  return out;
}

// Byte offset of code point `cp` in `text`.
int32_t ByteOffset(std::string_view text, int cp) {
  size_t pos = 0;
  for (int i = 0; i < cp && pos < text.size(); ++i) DecodeUtf8(text, &pos);
  return static_cast<int32_t>(pos);
}

// Generic kind rule for the gold names: lower-case names are groups
// ("protesters"), one capitalised word an organisation ("Kremlin"), the rest
// people.
SpeakerKind KindOf(const std::string& name) {
  if (name.empty()) return SpeakerKind::kUnknown;
  if (absl::ascii_islower(static_cast<unsigned char>(name[0]))) {
    return SpeakerKind::kGroup;
  }
  if (name.find(' ') == std::string::npos) return SpeakerKind::kOrganization;
  return SpeakerKind::kPerson;
}

// On both stores (tests/store/store_test_util.h: Backend).
class SeedIdentityTest
    : public ::testing::TestWithParam<testing_util::Backend> {
 protected:
  // A store on a new empty database.
  std::unique_ptr<Store> OpenFresh(testing_util::FakeClock* clock) {
    const std::string path =
        GetParam() == testing_util::Backend::kSqlite ? ":memory:" : db_.path();
    auto store = OpenStore(testing_util::Options(path, clock));
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? std::move(*store) : nullptr;
  }

 private:
  testing_util::TestDb db_{GetParam()};
};

TEST_P(SeedIdentityTest, GoldSpeakersBecomeOnePersonEach) {
  std::vector<GoldArticle> gold = LoadGold();
  ASSERT_GE(gold.size(), 5u);
  const NameAnalyzer& names = *testing_util::RealComponents().names;
  testing_util::FakeClock clock;
  std::unique_ptr<Store> opened = OpenFresh(&clock);
  ASSERT_NE(opened, nullptr);
  Store& store = *opened;

  // Name forms of each person speaker: the alts that NameAnalyzer does not
  // tell apart from the canonical name ("Kremlin" is not Vladimir Putin).
  std::map<std::string, std::vector<std::string>> forms;
  std::map<std::string, int> next_form;
  std::vector<AnalyzedArticle> articles;
  for (const GoldArticle& g : gold) {
    AnalyzedArticle a;
    a.article.id = g.id;
    a.article.text = g.text;
    a.article.language = g.language;
    a.article.publisher = g.publisher;
    for (const GoldQuote& gq : g.quotes) {
      Quote q;
      q.text = gq.text;
      q.spans.push_back(
          Span{ByteOffset(g.text, gq.start), ByteOffset(g.text, gq.end)});
      q.language = g.language;
      q.outlet = gq.outlet;
      q.kind = gq.speaker.empty() ? QuoteKind::kScare : QuoteKind::kFull;
      if (!gq.speaker.empty()) {
        q.speaker.kind = KindOf(gq.speaker);
        std::string name = gq.speaker;
        if (q.speaker.kind == SpeakerKind::kPerson) {
          std::vector<std::string>& f = forms[gq.speaker];
          if (f.empty()) {
            NameKey canonical = names.Analyze(gq.speaker);
            for (const std::string& alt : gq.alts) {
              if (names.Compare(names.Analyze(alt), canonical) !=
                  NameAnalyzer::Match::kDifferent) {
                f.push_back(alt);
              }
            }
            if (f.empty()) f.push_back(gq.speaker);
          }
          name = f[next_form[gq.speaker]++ % f.size()];
        }
        q.speaker.name = name;
        q.attribution = Attribution::kExplicit;
        q.confidence = 0.9f;
      }
      a.quotes.push_back(std::move(q));
    }
    articles.push_back(std::move(a));
  }

  std::map<std::string, std::set<std::string>> ids_of_speaker;
  std::map<std::string, std::string> quote_ids;
  for (const AnalyzedArticle& a : articles) {
    auto r = store.PutArticle(a);
    ASSERT_TRUE(r.ok()) << r.status();
    ASSERT_EQ(r->quotes.size(), a.quotes.size());
  }
  for (size_t i = 0; i < gold.size(); ++i) {
    auto quotes = store.GetArticleQuotes(gold[i].id);
    ASSERT_TRUE(quotes.ok());
    ASSERT_EQ(quotes->size(), gold[i].quotes.size());
    for (size_t k = 0; k < quotes->size(); ++k) {
      const std::string& speaker = gold[i].quotes[k].speaker;
      const std::string& person = (*quotes)[k].quote.speaker.person_id;
      quote_ids[(*quotes)[k].quote.id] = person;
      if (speaker.empty()) {
        EXPECT_EQ(person, "");
        continue;
      }
      EXPECT_FALSE(person.empty()) << speaker;
      ids_of_speaker[speaker].insert(person);
    }
  }
  std::map<std::string, std::string> speaker_of_id;
  for (const auto& [speaker, ids] : ids_of_speaker) {
    EXPECT_EQ(ids.size(), 1u) << speaker << " became " << ids.size()
                              << " people: " << *ids.begin() << " ...";
    for (const std::string& id : ids) {
      auto [it, inserted] = speaker_of_id.emplace(id, speaker);
      EXPECT_TRUE(inserted) << speaker << " and " << it->second
                            << " share person " << id;
    }
    if (KindOf(speaker) != SpeakerKind::kPerson) continue;
    // The canonical name and every form used find that person.
    auto person = store.GetPerson(speaker);
    ASSERT_TRUE(person.ok()) << speaker << ": " << person.status();
    EXPECT_EQ(person->id, *ids.begin()) << speaker;
    // The display name is the first full name seen, in whatever spelling.
    EXPECT_TRUE(person->display_name == speaker ||
                std::count(forms[speaker].begin(), forms[speaker].end(),
                           person->display_name) > 0)
        << person->display_name;
    EXPECT_EQ(names.Analyze(person->display_name).given_keys.empty(),
              names.Analyze(speaker).given_keys.empty())
        << person->display_name;
    for (const std::string& form : forms[speaker]) {
      auto p = store.GetPerson(form);
      EXPECT_TRUE(p.ok() && p->id == *ids.begin())
          << form << " -> " << (p.ok() ? p->id : p.status().ToString());
    }
  }
  // Re-ingesting everything changes nothing.
  for (const AnalyzedArticle& a : articles) {
    auto r = store.PutArticle(a);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_TRUE(r->replaced);
    for (const StoredQuote& q : r->quotes) {
      auto it = quote_ids.find(q.quote.id);
      ASSERT_NE(it, quote_ids.end()) << "new quote id " << q.quote.id;
      EXPECT_EQ(it->second, q.quote.speaker.person_id);
    }
  }
}

// The seed articles through the whole analysis, as the server ingests them:
// a person's aliases are name forms only, so that a search for one person
// does not find another whose description names them ("Tikhanovskaya's
// campaign ally Maria Kolesnikova"); the description is kept as one.
TEST_P(SeedIdentityTest, DescriptionsAreNotAliases) {
  auto analyzer = Analyzer::Create(AnalyzerOptions());
  ASSERT_TRUE(analyzer.ok()) << analyzer.status();
  const NameAnalyzer& names = (*analyzer)->names();
  testing_util::FakeClock clock;
  std::unique_ptr<Store> opened = OpenFresh(&clock);
  ASSERT_NE(opened, nullptr);
  Store& store = *opened;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::string(QUOTEWIRE_SHARED_DIR) + "/seeds")) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  ASSERT_GE(files.size(), 5u);
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    Article article;
    article.id = file.stem().string();
    article.text.assign(std::istreambuf_iterator<char>(in),
                        std::istreambuf_iterator<char>());
    auto r = store.PutArticle((*analyzer)->Analyze(article));
    ASSERT_TRUE(r.ok()) << r.status();
  }
  auto people = store.ListPeople("", SpeakerKind::kPerson, PageOptions{1000, ""});
  ASSERT_TRUE(people.ok()) << people.status();
  ASSERT_FALSE(people->items.empty());
  for (const PersonRecord& person : people->items) {
    const std::string surname = names.Analyze(person.display_name).surname_key;
    for (const std::string& alias : person.aliases) {
      // A name form: no description before the name, nothing to strip.
      EXPECT_EQ(names.Analyze(alias).display, alias)
          << person.display_name << " has the alias " << alias;
      EXPECT_EQ(names.Analyze(alias).surname_key, surname)
          << person.display_name << " has the alias " << alias;
    }
  }
  // Searching a person finds that person only.
  const std::string tikhanovskaya = names.Analyze("Tikhanovskaya").surname_key;
  auto found = store.ListPeople("Tikhanovskaya", std::nullopt, PageOptions{1000, ""});
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_FALSE(found->items.empty());
  for (const PersonRecord& person : found->items) {
    EXPECT_EQ(names.Analyze(person.display_name).surname_key, tikhanovskaya)
        << person.display_name;
  }
  auto kolesnikova = store.GetPerson("Maria Kolesnikova");
  ASSERT_TRUE(kolesnikova.ok()) << kolesnikova.status();
  EXPECT_THAT(kolesnikova->descriptions,
              ::testing::Contains(::testing::HasSubstr("campaign ally")));
}

INSTANTIATE_TEST_SUITE_P(Backends, SeedIdentityTest,
                         ::testing::Values(testing_util::Backend::kSqlite,
                                           testing_util::Backend::kPostgres),
                         testing_util::BackendName);

}  // namespace
}  // namespace quotewire
