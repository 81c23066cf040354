// Table tests of pro-drop cues (pro_drop.cc): a cue without a subject after
// the quote takes the person the passage is about, agreeing with the verb's
// gender where the language marks it; languages that keep their subjects
// get nobody from this rule. Every article is invented for this test.
#include "tests/extract/attribution_table.h"

namespace quotewire {
namespace attribution_table {
namespace {

TEST(ProDrop, Table) {
  Check({
      {"PtDisse", "pt",
       "O ministro João Almeida visitou a fábrica em Braga na segunda-feira. "
       "«Vamos manter os empregos», disse.",
       {{"Vamos manter os empregos", "João Almeida", nullptr,
         Attribution::kContinuation, "disse"}}},
      {"EsDialogueDash", "es",
       "El entrenador Diego Torres habló tras el partido en Valencia. «El "
       "equipo jugó sin miedo» —afirmó.",
       {{"El equipo jugó sin miedo", "Diego Torres", nullptr,
         Attribution::kContinuation, "afirmó"}}},
      {"ItHaSpiegato", "it",
       "Il sindaco Luca Bianchi ha incontrato i commercianti in piazza. "
       "«Il mercato resterà aperto», ha spiegato.",
       {{"Il mercato resterà aperto", "Luca Bianchi", nullptr,
         Attribution::kContinuation, "spiegato"}}},
      // The verb's gender picks the person: "dodała" is feminine.
      {"PlFeminineVerbPicksTheWoman", "pl",
       "Minister Anna Lewandowska i dyrektor szkoły Tomasz Wójcik obejrzeli "
       "nowy budynek. „Sala gimnastyczna będzie gotowa jesienią” – "
       "zapowiedziała.",
       {{"Sala gimnastyczna będzie gotowa", "Anna Lewandowska"}}},
      // A known medium in the dative after the cue is its addressee, not
      // its subject: "řekla ČTK" is "she told ČTK".
      {"CsMediumAfterCueIsTheAddressee", "cs",
       "Starostka Lenka Dvořáková otevřela novou knihovnu. „Na tenhle den "
       "jsme čekali deset let,“ řekla ČTK.",
       {{"Na tenhle den jsme", "Lenka Dvořáková", "ČTK"}}},
      {"PlMediumAfterCueIsTheAddressee", "pl",
       "Burmistrz Tomasz Wójcik otworzył nowy most. „Ruch w centrum "
       "wreszcie się zmniejszy” – powiedział PAP.",
       {{"Ruch w centrum", "Tomasz Wójcik", "PAP"}}},
      {"RuMediumAfterCueIsTheAddressee", "ru",
       "Губернатор Игорь Зуев открыл новый мост. «Пробки в центре наконец "
       "уменьшатся», — сказал ТАСС.",
       {{"Пробки в центре", "Игорь Зуев", "ТАСС"}}},
      {"CsMasculineVerbPicksTheMan", "cs",
       "Hasič Jan Horák a starostka Lenka Dvořáková otevřeli novou "
       "zbrojnici. „Konečně máme kde trénovat“ řekl.",
       {{"Konečně máme kde trénovat", "Jan Horák"}}},
  });
}

}  // namespace
}  // namespace attribution_table
}  // namespace quotewire
