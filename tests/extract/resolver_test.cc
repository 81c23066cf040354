// Description and pronoun speakers resolved to the person they stand for:
// the role words written with each name, the gender of the description
// (article, feminine ending, past tense of the reporting verb), the person
// the passage is about. Every sentence is written for this test.
#include <algorithm>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/core/data_dir.h"
#include "server/extract/document.h"
#include "server/extract/extractor.h"
#include "server/extract/lexicon.h"
#include "server/extract/mentions.h"
#include "server/extract/pipeline.h"
#include "server/extract/resolver.h"

namespace quotewire {
namespace {

TEST(SameRole, Table) {
  const struct {
    const char* head;
    const char* word;
    bool same;
  } kCases[] = {
      {"trainer", "trainer", true},
      {"direktorin", "sportdirektorin", true},   // compound
      {"politikerin", "spd-politikerin", true},  // compound
      {"arts", "jeugdarts", true},               // compound, short head
      {"ministr", "ministra", true},             // case ending
      {"starostka", "starostky", true},          // case ending
      {"politiker", "politikerin", true},        // gender form
      {"élue", "l'élue", true},                  // elided article
      {"l’élu", "élu", true},
      {"toulousain", "toulousain", true},
      {"trainer", "torwart", false},
      {"rectora", "alcalde", false},
      {"rechter", "rechtbank", false},
      {"leader", "lead", false},  // too short to share a stem
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(extract::SameRole(c.head, c.word), c.same)
        << c.head << " / " << c.word;
  }
}

struct Case {
  const char* name;
  const char* text;
  const char* quote;    // Quote.text
  const char* speaker;  // expected Speaker.name
};

// Multi-sentence passages: the description speaker is the person named
// before with that role, or of that gender, never the description itself.
const Case kCases[] = {
    // A role written before the name, taken up by the description.
    {"DeRoleBeforeName",
     "Beim FC Ostheim steht Trainer Matthias Kolbe unter Druck. Sportdirektorin "
     "Karin Leitner sprach ihm das Vertrauen aus. „Wir bleiben ruhig und "
     "arbeiten weiter“, sagte der Trainer.",
     "Wir bleiben ruhig und arbeiten weiter", "Matthias Kolbe"},
    // Dutch "-ster" of "burgemeester" and "minister" is no feminine ending:
    // the description is the man named with the role, not the woman.
    {"NlBurgemeesterIsNoFeminineNoun",
     "Burgemeester Johan Visser sprak dinsdag met bewoners. Ook wethouder "
     "Anna de Boer was erbij. “Ik begrijp de zorgen van de buurt,” zei de "
     "burgemeester.",
     "Ik begrijp de zorgen van de buurt,", "Johan Visser"},
    // "la directrice": the woman, though a man was named last.
    {"ItFeminineRole",
     "La direttrice dell'ospedale, Paola Serra, ha incontrato i sindacati. Il "
     "primario Marco Bellini ha chiesto più personale. “Le assunzioni "
     "arriveranno in primavera”, ha replicato la direttrice.",
     "Le assunzioni arriveranno in primavera", "Paola Serra"},
    // The past tense gives the gender of a description ("сказала министр").
    {"RuFeminineVerb",
     "Министр здравоохранения области Ирина Белова посетила больницу. Вместе "
     "с ней приехал депутат Павел Громов. «Ремонт закончится к осени», — "
     "сказала министр.",
     "Ремонт закончится к осени", "Ирина Белова"},
    // A description with the name in apposition after it.
    {"DeAppositiveName",
     "Das Spiel endete torlos. „Wir sind zufrieden mit dem Punkt“, meinte der "
     "Kapitän der Gäste, Stefan Vogt, nach dem Abpfiff.",
     "Wir sind zufrieden mit dem Punkt", "Stefan Vogt"},
    // A she whose antecedent is named in full with no title or known first
    // name, a man with a known first name named after her ("zegt ze": the
    // singular verb makes "ze" she).
    {"NlPronounFullName",
     "Ilvy Brandstetter woont al dertig jaar aan de dijk. Naast haar woont "
     "Kees Jansen. “We slapen hier niet meer rustig,” zegt ze.",
     "We slapen hier niet meer rustig,", "Ilvy Brandstetter"},
    // No person of the pronoun's gender before it: the one whose full name
    // opens the next sentence, not a capitalised thing named before.
    {"NlPronounNamedInTheNextSentence",
     "De Havenbrug gaat maandag dicht voor onderhoud. Wethouder Ruud Mulder "
     "verwacht weinig overlast. “Dit kost ons klanten,” zegt ze. Anna "
     "Hendriks heeft een winkel aan de kade.",
     "Dit kost ons klanten,", "Anna Hendriks"},
    {"EnPronounNamedInTheNextSentence",
     "The Old Mill Bridge closes on Monday for repairs. Councillor Tom Baker "
     "expects little disruption. “This will cost us customers,” she said. "
     "Mary Collins runs a bakery by the bridge.",
     "This will cost us customers,", "Mary Collins"},
    // A description's modifiers choose among people of its role: the
    // place and the word "former" written with the name, not the governor
    // mentioned last.
    {"EnModifiersPickTheGovernor",
     "Former Vermont Gov. Alan Brisco opened the debate. Gov. Tessa Moyle "
     "of Idaho answered him. Moyle, the current governor, spoke for ten "
     "minutes. “We cannot wait another year,” the former Vermont governor "
     "said.",
     "We cannot wait another year,", "Alan Brisco"},
    // A party and a state in parentheses and a prepositional phrase after
    // the description ("the Democratic senator from Ohio").
    {"EnModifiersAfterTheHead",
     "Sen. Tom Wellby (R-Ohio) spoke first. Sen. Ruth Abernaty (D-Ohio) "
     "followed. Sen. Nora Pilsky (D-Texas) spoke last. “We need the bill "
     "now,” the Democratic senator from Ohio said.",
     "We need the bill now,", "Ruth Abernaty"},
    // A word that names a place's people stands for a person written with
    // that place.
    {"EnDemonymDescription",
     "Sen. Paul Kessby of Nebraska questioned the board. Sen. Ruth Abernaty "
     "of Ohio spoke after him. “I like derailments even less,” the "
     "Nebraskan said.",
     "I like derailments even less,", "Paul Kessby"},
    // The role noun of a noun phrase before a name set off by commas
    // ("His attorney, Michael Durbin,"), and a noun of the same role class
    // ("the lawyer").
    {"EnRoleBeforeCommaName",
     "Assistant U.S. Attorney Lena Okafo asked for twelve years. The "
     "defendant wept. His attorney, Michael Durbin, said his client would "
     "not appeal. “He accepts the judgment,” "
     "the lawyer said.",
     "He accepts the judgment,", "Michael Durbin"},
    {"EnRoleAfterPossessiveBeforeName",
     "Union chairman Dale Kossar pressed the board. The board's chairman, "
     "Robert Vennard, acknowledged delays. “We should have moved faster,” "
     "the chairman said.",
     "We should have moved faster,", "Robert Vennard"},
    // A name before an appositive with a role noun is a person's, and so
    // the antecedent of the "she" after it, though her first name is not
    // known.
    {"EnRoleAppositiveMakesAPerson",
     "Chief Executive Sandra Kowalczyk said the plant would close. “The "
     "market moved,” Kowalczyk told analysts.\n\nPriya Ramanath, an analyst "
     "at Castlegate Securities, said the move had been expected. She said: "
     "“The surprise is that it took this long.”",
     "The surprise is that it took this long.", "Priya Ramanath"},
    // So is a name before "who" or "whose".
    {"EnRelativeWhoseMakesAPerson",
     "The jury praised five finalists, among them Colm Raffan. The chair of "
     "the panel, Thomas Pell, said the vote had been unanimous. “It is a "
     "quiet book,” Pell said.\n\nRaffan, whose novel had been widely "
     "tipped, was gracious. “Miriam wrote the better book,” he wrote on his "
     "website.",
     "Miriam wrote the better book,", "Colm Raffan"},
    // A pronoun after a sentence whose subject is a description of a named
    // person stands for that person, not for one named earlier.
    {"EnPronounAfterDescriptionSubject",
     "Mayor Janet Prewitt said the lane was about safety. Ann Whitby, a "
     "baker on Mercer Avenue, disagreed with her.\n\nThe mayor rejected "
     "that. “Nobody is losing access,” she said.",
     "Nobody is losing access,", "Janet Prewitt"},
    // The description opening the pronoun's own sentence is no antecedent
    // of it: "she" is the prosecutor, not the judge.
    {"EnPronounInsideDescriptionSubjectSentence",
     "Judge Patricia Wenn heard the case. Prosecutor Lena Okafo had asked "
     "for twelve years. The judge, she argued, should send “a message that "
     "cannot be misread.”",
     "a message that cannot be misread.", "Lena Okafo"},
    // "X's deputy" describes someone of that role other than X.
    {"EnPossessiveDescription",
     "Police Chief Raymond Tollard said the review would start. Deputy "
     "Chief Carl Janssen, who will lead it, said it would look at other "
     "departments. The teenager's mother, Denise Rowan, said her son had "
     "been walking home. “We owe them answers,” Tollard's deputy said.",
     "We owe them answers,", "Carl Janssen"},
};

TEST(DescriptionSpeakers, Table) {
  auto extractor = Extractor::Create({});
  ASSERT_TRUE(extractor.ok()) << extractor.status();
  for (const Case& c : kCases) {
    Article article;
    article.text = c.text;
    Extraction ex = (*extractor)->Extract(article);
    const Quote* found = nullptr;
    std::string got;
    for (const Quote& q : ex.quotes) {
      got += " [" + q.text + " | " + q.speaker.name + "]";
      if (q.text == c.quote) found = &q;
    }
    if (found == nullptr) {
      ADD_FAILURE() << c.name << ": quote not found; got" << got;
      continue;
    }
    EXPECT_EQ(found->speaker.name, c.speaker) << c.name;
  }
}

// DescribedPerson keeps its answer for each mention of the document (the
// candidates of every quote ask it again); a document reused for the next
// article (as the extractor reuses its own) answers for that article: here
// the fifth mention, "the Nebraskan", stands for the first person of one
// article and the second of the other.
TEST(DescribedPerson, AnswersForTheDocumentsCurrentArticle) {
  auto lex = extract::Lexicon::Load(quotewire::DefaultDataDir() + "/extract");
  ASSERT_TRUE(lex.ok()) << lex.status();
  // The entity each description among the mentions stands for.
  auto described = [&](const Article& a, extract::Document* doc) {
    std::vector<extract::QuoteUnit> units;
    extract::RunStages(**lex, a, extract::Stage::kMentions, doc, &units);
    std::vector<std::string> out;
    for (const extract::Mention& m : doc->mentions) {
      // Twice: the second answer is the kept one.
      extract::DescribedPerson(**lex, *doc, m);
      const int p = extract::DescribedPerson(**lex, *doc, m);
      if (p >= 0) out.push_back(doc->entities[p].name);
    }
    return out;
  };
  Article first, second;
  first.language = second.language = "en";
  first.text =
      "Sen. Paul Kessby of Nebraska questioned the board. Ruth Abernaty of "
      "Ohio agreed. Then the Nebraskan left.";
  second.text =
      "Ruth Abernaty of Ohio agreed. Sen. Paul Kessby of Nebraska questioned "
      "the board. Then the Nebraskan left.";
  const std::vector<std::string> kessby = {"Paul Kessby"};
  extract::Document fresh;
  EXPECT_EQ(described(second, &fresh), kessby);
  extract::Document reused;
  EXPECT_EQ(described(first, &reused), kessby);
  EXPECT_EQ(described(second, &reused), kessby);
}

// FindAntecedent searches sentence by sentence, most recent first, and
// within one the mentions that are no possessive first, in text order (the
// subject first): "he" takes up "Mark Doyle", not "Tom Rowland's" before
// him; a sentence whose only man is a possessive gives that man. A
// document reused for the next article answers for that article.
TEST(FindAntecedent, SubjectFirstThenPossessive) {
  auto lex = extract::Lexicon::Load(quotewire::DefaultDataDir() + "/extract");
  ASSERT_TRUE(lex.ok()) << lex.status();
  auto antecedent = [&](const std::string& text, extract::Document* doc) {
    Article a;
    a.language = "en";
    a.text = text;
    std::vector<extract::QuoteUnit> units;
    extract::RunStages(**lex, a, extract::Stage::kMentions, doc, &units);
    for (size_t k = 0; k < doc->tokens.size(); ++k) {
      if (doc->tokens[k].lower != "he") continue;
      const int e = extract::FindAntecedent(*doc, static_cast<int>(k),
                                            extract::Gender::kMale,
                                            /*strong_only=*/false);
      return e < 0 ? std::string() : doc->entities[e].name;
    }
    return std::string("no pronoun");
  };
  const std::string subject =
      "Paul Kessby left early. Tom Rowland's brother Mark Doyle spoke at "
      "noon. Then he left.";
  const std::string possessive =
      "Paul Kessby left early. Tom Rowland's car broke down at noon. Then "
      "he left.";
  extract::Document doc;
  EXPECT_EQ(antecedent(subject, &doc), "Mark Doyle");
  EXPECT_EQ(antecedent(possessive, &doc), "Tom Rowland");
  EXPECT_EQ(antecedent(subject, &doc), "Mark Doyle");
}

// MentionAtToken answers from an index by token that DetectMentions fills:
// for every token the mention covering it (a title, a first name and a
// surname: three tokens), else -1, as a scan of the mentions finds; -1
// before the mentions are detected, also in a document reused after a
// longer article, and for no token at all.
TEST(MentionAtToken, SameAsAScanOfTheMentions) {
  auto lex = extract::Lexicon::Load(quotewire::DefaultDataDir() + "/extract");
  ASSERT_TRUE(lex.ok()) << lex.status();
  auto check = [&](const std::string& text, extract::Stage last,
                   extract::Document* doc) {
    Article a;
    a.language = "en";
    a.text = text;
    std::vector<extract::QuoteUnit> units;
    extract::RunStages(**lex, a, last, doc, &units);
    int longest = 0;
    for (const extract::Mention& m : doc->mentions) {
      longest = std::max(longest, m.last_token - m.first_token + 1);
    }
    const int n = static_cast<int>(doc->tokens.size());
    for (int k = 0; k < n; ++k) {
      int scan = -1;
      for (size_t m = 0; m < doc->mentions.size(); ++m) {
        if (doc->mentions[m].first_token <= k &&
            k <= doc->mentions[m].last_token) {
          scan = static_cast<int>(m);
        }
      }
      EXPECT_EQ(extract::MentionAtToken(*doc, k), scan)
          << "token " << k << " of: " << text;
    }
    EXPECT_EQ(extract::MentionAtToken(*doc, -1), -1);
    EXPECT_EQ(extract::MentionAtToken(*doc, n), -1);
    return longest;
  };
  const std::string longer =
      "Sen. Paul Kessby of Nebraska questioned the board on Monday, and "
      "Ruth Abernaty of Ohio agreed with him. Kessby left at noon.";
  const std::string shorter = "Mayor Lena Okafor spoke. Okafor left.";
  extract::Document doc;
  EXPECT_GE(check(longer, extract::Stage::kMentions, &doc), 3);
  EXPECT_FALSE(doc.mentions.empty());
  EXPECT_EQ(check(shorter, extract::Stage::kTokens, &doc), 0);
  EXPECT_TRUE(doc.mentions.empty());
  EXPECT_GE(check(shorter, extract::Stage::kMentions, &doc), 3);
}

}  // namespace
}  // namespace quotewire
