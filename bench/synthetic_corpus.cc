#include "bench/synthetic_corpus.h"

#include <array>
#include <random>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"

namespace quotewire::bench {
namespace {

constexpr std::array<const char*, 48> kGivenMale = {
    "Alexander", "Victor",  "Pieter", "Jan",     "Thomas", "Michael", "Jean",
    "Pierre",    "Klaus",   "Stefan", "Juan",    "Carlos", "Ivan",    "Dmitry",
    "Sergei",    "Mark",    "David",  "Henk",    "Willem", "Lukas",   "Paul",
    "Antoine",   "Louis",   "Marco",  "Luca",    "Andrei", "Oleg",    "Yury",
    "James",     "Robert",  "John",   "Peter",   "Frank",  "Bernd",   "Jürgen",
    "François",  "Nicolas", "Miguel", "Javier",  "Tomás",  "Pavel",   "Nikolai",
    "Bram",      "Daan",    "Sven",   "Mateusz", "Kemal",  "Omar"};
constexpr std::array<const char*, 40> kGivenFemale = {
    "Maria",    "Svetlana", "Anna",   "Sophie",  "Emma",    "Julia",  "Laura",
    "Claire",   "Marie",    "Ingrid", "Petra",   "Sabine",  "Elena",  "Olga",
    "Natalia",  "Daria",    "Yekaterina", "Lotte", "Fleur", "Sanne",  "Isabel",
    "Carmen",   "Lucía",    "Chloé",  "Camille", "Amélie",  "Heike",  "Ursula",
    "Angela",   "Sarah",    "Rachel", "Linda",   "Susan",   "Karen",  "Eva",
    "Monika",   "Agnieszka", "Fatima", "Leila",  "Aylin"};
constexpr std::array<const char*, 40> kSurnames = {
    "Olevich",  "Kukhta",    "Gorbina",  "de Vries", "Jansen",   "Bakker",
    "Visser",   "Müller",    "Schmidt",  "Schneider", "Fischer", "Weber",
    "Dubois",   "Martin",    "Bernard",  "Lefèvre",  "García",   "Martínez",
    "López",    "Ivanov",    "Petrov",   "Smirnov",  "Kuznetsov", "Popov",
    "Novak",    "Kowalski",  "Nowak",    "Rossi",    "Bianchi",  "Smith",
    "Johnson",  "Brown",     "Taylor",   "Anderson", "Karayev",  "Yilmaz",
    "Haddad",   "Lindqvist", "Hansen",   "O'Brien"};
constexpr std::array<const char*, 16> kRoles = {
    "a spokesperson for the ministry", "the interior minister",
    "an opposition leader", "a political analyst at the Centre for Policy Studies",
    "the mayor of the capital", "a trade union leader", "a content manager",
    "a senior economist", "the foreign minister", "a human rights lawyer",
    "a retired teacher", "the head of the electoral commission",
    "a professor of international relations", "a hospital director",
    "a member of parliament", "a student activist"};
constexpr std::array<const char*, 24> kOutletRoots = {
    "Herald", "Courier", "Tribune", "Gazette", "Post",   "Observer",
    "Journal", "Chronicle", "Times", "Standard", "Dispatch", "Review",
    "Telegraaf", "Kurier", "Zeitung", "Rundschau", "Matin", "Soir",
    "Express", "Monitor", "Examiner", "Ledger", "Sentinel", "Bulletin"};
constexpr std::array<const char*, 20> kPlaces = {
    "Minsk", "Vilnius", "Berlin", "Paris", "Amsterdam", "Brussels", "Warsaw",
    "Madrid", "Rome", "Vienna", "Prague", "Lyon", "Hamburg", "Utrecht",
    "Geneva", "Riga", "Tallinn", "Kyiv", "Lisbon", "Oslo"};

struct TopicWords {
  const char* id;
  std::array<const char*, 4> en, nl, de, fr;
};
constexpr std::array<TopicWords, 8> kTopics = {{
    {"elections", {"the elections", "the vote", "the ballot", "the election result"},
     {"de verkiezingen", "de stemming", "de uitslag", "het referendum"},
     {"die Wahlen", "die Abstimmung", "das Wahlergebnis", "die Wahl"},
     {"les élections", "le scrutin", "le vote", "le résultat électoral"}},
    {"protests", {"the protests", "the demonstrations", "the rally", "the marches"},
     {"de protesten", "de demonstraties", "de betoging", "de optocht"},
     {"die Proteste", "die Demonstrationen", "die Kundgebung", "der Protest"},
     {"les manifestations", "la manifestation", "les protestations", "le rassemblement"}},
    {"sanctions", {"the sanctions", "the embargo", "new sanctions", "the asset freeze"},
     {"de sancties", "het embargo", "nieuwe sancties", "de strafmaatregelen"},
     {"die Sanktionen", "das Embargo", "neue Sanktionen", "die Strafmaßnahmen"},
     {"les sanctions", "l'embargo", "de nouvelles sanctions", "le gel des avoirs"}},
    {"economy", {"the economy", "inflation", "the budget", "unemployment"},
     {"de economie", "de inflatie", "de begroting", "de werkloosheid"},
     {"die Wirtschaft", "die Inflation", "der Haushalt", "die Arbeitslosigkeit"},
     {"l'économie", "l'inflation", "le budget", "le chômage"}},
    {"health", {"the hospitals", "the pandemic", "vaccination", "public health"},
     {"de ziekenhuizen", "de pandemie", "de vaccinatie", "de volksgezondheid"},
     {"die Krankenhäuser", "die Pandemie", "die Impfung", "die Gesundheit"},
     {"les hôpitaux", "la pandémie", "la vaccination", "la santé publique"}},
    {"military", {"the army", "the troops", "military aid", "the border guards"},
     {"het leger", "de troepen", "militaire steun", "de grenswacht"},
     {"die Armee", "die Truppen", "die Militärhilfe", "die Soldaten"},
     {"l'armée", "les troupes", "l'aide militaire", "les soldats"}},
    {"diplomacy", {"the talks", "the negotiations", "the summit", "the embassy"},
     {"de gesprekken", "de onderhandelingen", "de top", "de ambassade"},
     {"die Gespräche", "die Verhandlungen", "der Gipfel", "die Botschaft"},
     {"les négociations", "les pourparlers", "le sommet", "l'ambassade"}},
    {"human-rights", {"the detainees", "political prisoners", "torture", "human rights"},
     {"de gevangenen", "politieke gevangenen", "marteling", "de mensenrechten"},
     {"die Häftlinge", "politische Gefangene", "die Folter", "die Menschenrechte"},
     {"les détenus", "les prisonniers politiques", "la torture", "les droits humains"}},
}};

struct Lang {
  const char* tag;
  const char* open;
  const char* close;
  // Quote sentence frames: %T is a topic phrase, %P a place.
  std::array<const char*, 6> frames;
  std::array<const char*, 3> cue_after;   // “…,” CUE NAME.
  const char* cue_before;                 // NAME CUE: “…”
  std::array<const char*, 2> pronoun;     // male, female
  const char* told;                       // NAME told OUTLET: / zei tegen
  const char* filler;
};

const std::array<Lang, 4>& Languages() {
  static const std::array<Lang, 4> kLangs = {{
      {"en", "\u201c", "\u201d",
       {"We will not accept %T under any circumstances",
        "Nobody in %P believes that %T will change anything",
        "People are tired and they want answers about %T",
        "This is the most important moment for %T in a generation",
        "I have never seen anything like %T in %P before",
        "We are asking the government to be honest about %T"},
       {"said", "added", "warned"}, "said", {"he", "she"}, "told",
       "Officials in %P did not respond to a request for comment on %T."},
      {"nl", "\u201c", "\u201d",
       {"We accepteren %T onder geen enkele voorwaarde",
        "Niemand in %P gelooft dat %T iets zal veranderen",
        "De mensen zijn moe en willen antwoorden over %T",
        "Dit is het belangrijkste moment voor %T in jaren",
        "Zo'n situatie rond %T heb ik in %P nog nooit gezien",
        "We vragen de regering eerlijk te zijn over %T"},
       {"zei", "zegt", "aldus"}, "zei", {"hij", "zij"}, "zei tegen",
       "Woordvoerders in %P wilden niet reageren op vragen over %T."},
      {"de", "\u201e", "\u201c",
       {"Wir werden %T unter keinen Umständen akzeptieren",
        "Niemand in %P glaubt, dass %T etwas ändern wird",
        "Die Menschen sind müde und wollen Antworten zu %T",
        "Das ist der wichtigste Moment für %T seit einer Generation",
        "So etwas wie %T habe ich in %P noch nie gesehen",
        "Wir fordern die Regierung auf, bei %T ehrlich zu sein"},
       {"sagte", "erklärte", "betonte"}, "sagte", {"er", "sie"}, "sagte der Zeitung",
       "Behörden in %P äußerten sich zunächst nicht zu %T."},
      {"fr", "\u00ab\u00a0", "\u00a0\u00bb",
       {"Nous n'accepterons %T en aucun cas",
        "Personne à %P ne croit que %T changera quoi que ce soit",
        "Les gens sont fatigués et veulent des réponses sur %T",
        "C'est le moment le plus important pour %T depuis une génération",
        "Je n'ai jamais rien vu de tel que %T à %P",
        "Nous demandons au gouvernement d'être honnête sur %T"},
       {"a déclaré", "a ajouté", "a affirmé"}, "a déclaré", {"il", "elle"},
       "a déclaré au journal",
       "Les autorités de %P n'ont pas répondu aux questions sur %T."},
  }};
  return kLangs;
}

const char* TopicPhrase(const TopicWords& t, int lang, int k) {
  switch (lang) {
    case 0: return t.en[k % 4];
    case 1: return t.nl[k % 4];
    case 2: return t.de[k % 4];
    default: return t.fr[k % 4];
  }
}

std::string Fill(std::string_view frame, std::string_view topic,
                 std::string_view place) {
  std::string out;
  for (size_t i = 0; i < frame.size(); ++i) {
    if (frame[i] == '%' && i + 1 < frame.size()) {
      if (frame[i + 1] == 'T') { out.append(topic); ++i; continue; }
      if (frame[i + 1] == 'P') { out.append(place); ++i; continue; }
    }
    out.push_back(frame[i]);
  }
  return out;
}

absl::string_view A(std::string_view s) { return {s.data(), s.size()}; }

}  // namespace

struct SyntheticCorpus::Generated {
  Article article;
  std::vector<Quote> quotes;
};

SyntheticCorpus::SyntheticCorpus(const SyntheticCorpusOptions& options)
    : options_(options) {
  std::mt19937_64 rng(options_.seed);
  people_.reserve(options_.people);
  for (int i = 0; i < options_.people; ++i) {
    Person p;
    p.female = rng() % 2 == 0;
    p.given = p.female ? kGivenFemale[rng() % kGivenFemale.size()]
                       : kGivenMale[rng() % kGivenMale.size()];
    // Surnames repeat across the population, so the store sees shared
    // surnames with different given names; a numeric suffix keeps most
    // identities distinct, as in a real archive of thousands of names.
    p.surname = kSurnames[rng() % kSurnames.size()];
    if (i >= static_cast<int>(kSurnames.size())) {
      static constexpr const char* kSuffix[] = {"ov", "sen", "ski", "ez", "er", "ini", "escu", "ić"};
      p.surname += kSuffix[rng() % 8];
      p.surname += std::string(1 + (i / 800) % 3, "aeo"[i % 3]);
      p.surname += std::to_string(i % 97 == 0 ? 0 : i % 89);
      if (p.surname.back() == '0') p.surname.pop_back();
    }
    p.role = kRoles[rng() % kRoles.size()];
    people_.push_back(std::move(p));
  }
  outlets_.reserve(options_.outlets);
  for (int i = 0; i < options_.outlets; ++i) {
    outlets_.push_back(absl::StrCat("The ", kPlaces[i % kPlaces.size()], " ",
                                    kOutletRoots[(i / kPlaces.size() + i) % kOutletRoots.size()]));
  }
}

SyntheticCorpus::Generated SyntheticCorpus::Generate(int64_t index) const {
  std::mt19937_64 rng(options_.seed ^ (static_cast<uint64_t>(index) * 0x9E3779B97F4A7C15ull));
  const int lang = static_cast<int>(rng() % 10 < 6 ? 0 : 1 + rng() % 3);
  const Lang& L = Languages()[lang];
  const std::string_view place = kPlaces[rng() % kPlaces.size()];
  const TopicWords& main_topic = kTopics[rng() % kTopics.size()];

  Generated g;
  Article& a = g.article;
  a.id = absl::StrCat("syn-", index);
  a.language = L.tag;
  a.publisher = outlets_[rng() % outlets_.size()];
  a.publish_time = absl::FromCivil(absl::CivilSecond(2020, 1, 1, 0, 0, 0), absl::UTCTimeZone()) +
                   absl::Seconds(index * 617 % (5 * 365 * 86400));
  a.title = absl::StrCat(A(place), ": ", TopicPhrase(main_topic, lang, 0));

  std::string& text = a.text;
  text = absl::StrCat(a.title, "\n\n");
  const int quotes = 2 + static_cast<int>(rng() % std::max(1, 2 * options_.quotes_per_article - 3));
  const Person* last = nullptr;
  for (int q = 0; q < quotes; ++q) {
    const TopicWords& topic = rng() % 3 == 0 ? kTopics[rng() % kTopics.size()] : main_topic;
    const std::string topic_phrase = TopicPhrase(topic, lang, static_cast<int>(rng()));
    // Context paragraph.
    text += Fill(L.filler, topic_phrase, place);
    text += "\n\n";

    const size_t person_index =
        (static_cast<size_t>(index) * 7 + static_cast<size_t>(rng() % 50)) * 31 % people_.size();
    const Person& p = (last && rng() % 4 == 0) ? *last : people_[person_index];
    const std::string full = absl::StrCat(p.given, " ", p.surname);
    std::string content = Fill(L.frames[rng() % L.frames.size()], topic_phrase, place);
    if (content[0] >= 'a' && content[0] <= 'z') content[0] = static_cast<char>(content[0] - 32);

    Quote quote;
    quote.language = L.tag;
    quote.topics = {topic.id};
    quote.kind = QuoteKind::kFull;
    quote.speaker.kind = SpeakerKind::kPerson;
    quote.speaker.name = full;
    quote.confidence = 0.95f;
    quote.attribution = Attribution::kExplicit;

    const int style = static_cast<int>(rng() % 5);
    auto add_span = [&](const std::string& body) {
      const int32_t start = static_cast<int32_t>(text.size());
      text += body;
      quote.spans.push_back({start, static_cast<int32_t>(text.size())});
      if (!quote.text.empty()) quote.text += "\n";
      quote.text += body;
    };
    if (style == 0 || (style == 1 && last != &p)) {
      // “Content,” said Full, role.
      text += L.open;
      add_span(content + (lang == 3 ? "" : ","));
      const std::string cue = L.cue_after[rng() % L.cue_after.size()];
      quote.cue = cue;
      text += absl::StrCat(L.close, " ", cue, " ");
      quote.speaker.mention = full;
      text += absl::StrCat(full, ", ", p.role, ".\n\n");
      quote.speaker.description = p.role;
    } else if (style == 1) {
      // “Content,” he said.  (pronoun, same speaker as before)
      text += L.open;
      add_span(content + (lang == 3 ? "" : ","));
      quote.cue = L.cue_after[0];
      quote.speaker.mention = L.pronoun[p.female ? 1 : 0];
      quote.attribution = Attribution::kPronoun;
      quote.confidence = 0.8f;
      text += absl::StrCat(L.close, " ", quote.speaker.mention, " ", quote.cue, ".\n\n");
    } else if (style == 2) {
      // Full told Outlet: “Content.”
      const std::string& outlet = outlets_[rng() % outlets_.size()];
      quote.outlet = outlet;
      quote.cue = L.told;
      quote.speaker.mention = full;
      text += absl::StrCat(full, " ", L.told, " ", outlet, ": ", L.open);
      add_span(content + ".");
      text += absl::StrCat(L.close, "\n\n");
    } else if (style == 3) {
      // Multi-paragraph: opening mark on each paragraph, one closing mark.
      quote.cue = L.cue_before;
      quote.speaker.mention = full;
      text += absl::StrCat(full, " ", L.cue_before, ":\n\n", L.open);
      add_span(content + ".");
      text += absl::StrCat("\n\n", L.open);
      std::string more = Fill(L.frames[rng() % L.frames.size()], topic_phrase, place);
      if (more[0] >= 'a' && more[0] <= 'z') more[0] = static_cast<char>(more[0] - 32);
      add_span(more + ".");
      text += absl::StrCat(L.close, "\n\n");
    } else {
      // Full said the plan was “partial”.
      quote.kind = QuoteKind::kPartial;
      quote.cue = L.cue_before;
      quote.speaker.mention = full;
      std::string partial = topic_phrase;
      text += absl::StrCat(full, " ", L.cue_before, " ", L.open);
      add_span(partial);
      text += absl::StrCat(L.close, ".\n\n");
    }
    quote.speaker.mention_span = {};
    g.quotes.push_back(std::move(quote));
    last = &p;
  }
  return g;
}

Article SyntheticCorpus::MakeArticle(int64_t index) const {
  return Generate(index).article;
}

AnalyzedArticle SyntheticCorpus::MakeAnalyzed(int64_t index) const {
  Generated g = Generate(index);
  AnalyzedArticle out;
  out.article = std::move(g.article);
  out.quotes = std::move(g.quotes);
  return out;
}

std::string SyntheticCorpus::PersonName(int64_t index) const {
  const Person& p = people_[static_cast<size_t>(index) % people_.size()];
  return absl::StrCat(p.given, " ", p.surname);
}

std::string SyntheticCorpus::OutletName(int64_t index) const {
  return outlets_[static_cast<size_t>(index) % outlets_.size()];
}

std::string SyntheticCorpus::TopicId(int64_t index) const {
  return kTopics[static_cast<size_t>(index) % kTopics.size()].id;
}

std::string SyntheticCorpus::QueryWord(int64_t index) const {
  static constexpr const char* kWords[] = {"government", "answers", "moment",
                                           "regering", "Regierung", "important"};
  return kWords[static_cast<size_t>(index) % 6];
}

}  // namespace quotewire::bench
