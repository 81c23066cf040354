// Tests of the learned speaker scorer: the model file's reader, and what the
// committed model adds to the rules (quotes the rules leave open). Every
// sentence here is written for the test.
#include "server/core/data_dir.h"
#include "server/extract/speaker_scorer.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "server/extract/attribution.h"
#include "server/extract/extractor.h"
#include "server/extract/lexicon.h"
#include "server/extract/pipeline.h"
#include "server/extract/speaker_candidates.h"

namespace quotewire {
namespace extract {
namespace {

// A liblinear text model with the given header lines and weights w[1..n].
std::string Model(const std::string& header, const std::vector<double>& w) {
  std::string s = header + "w\n";
  for (double x : w) s += std::to_string(x) + " \n";
  return s;
}

std::string Header(const std::string& label = "1 0",
                   int nr_feature = kNumFeatures) {
  return "solver_type L2R_LR\nnr_class 2\nlabel " + label +
         "\nnr_feature " + std::to_string(nr_feature) + "\nbias -1\n";
}

TEST(SpeakerModel, ProbabilityOfLabelOne) {
  std::vector<double> w(kNumFeatures, 0.0);
  w[0] = 2.0;   // feature 1
  w[2] = -1.0;  // feature 3
  auto model = SpeakerModel::Parse(Model(Header(), w), "m");
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_NEAR((*model)->Probability({1}), 1 / (1 + std::exp(-2.0)), 1e-9);
  EXPECT_NEAR((*model)->Probability({1, 3}), 1 / (1 + std::exp(-1.0)), 1e-9);
  EXPECT_NEAR((*model)->Probability({}), 0.5, 1e-9);
  // Indices beyond the weights count zero.
  EXPECT_NEAR((*model)->Probability({kNumFeatures + 5}), 0.5, 1e-9);
}

TEST(SpeakerModel, LabelOrderZeroFirstFlipsTheSign) {
  std::vector<double> w(kNumFeatures, 0.0);
  w[0] = 2.0;
  auto model = SpeakerModel::Parse(Model(Header("0 1"), w), "m");
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_NEAR((*model)->Probability({1}), 1 / (1 + std::exp(2.0)), 1e-9);
}

TEST(SpeakerModel, RejectsMalformedFiles) {
  const std::vector<double> w(kNumFeatures, 0.0);
  struct Bad {
    const char* name;
    std::string text;
  };
  const std::vector<Bad> cases = {
      {"other solver", Model("solver_type L2R_L2LOSS_SVC_DUAL\n" +
                                 Header().substr(Header().find('\n') + 1),
                             w)},
      {"other feature count", Model(Header("1 0", 12), w)},
      {"fewer weights", Model(Header(), std::vector<double>(7, 0.0))},
      {"bad weight", Header() + "w\nabc\n"},
      {"bias term", Model("solver_type L2R_LR\nnr_class 2\nlabel 1 0\n"
                          "nr_feature " + std::to_string(kNumFeatures) +
                          "\nbias 1\n", w)},
      {"no weights", Header()},
      {"unknown key", "colour blue\n" + Model(Header(), w)},
  };
  for (const Bad& c : cases) {
    auto model = SpeakerModel::Parse(c.text, "m");
    EXPECT_EQ(model.status().code(), absl::StatusCode::kInvalidArgument)
        << c.name;
  }
}

TEST(SpeakerModel, MissingFileIsNotFound) {
  auto model = SpeakerModel::Load("/nonexistent/speaker_model.txt");
  EXPECT_EQ(model.status().code(), absl::StatusCode::kNotFound);
}

TEST(SpeakerModel, CommittedModelLoads) {
  auto model = SpeakerModel::Load(quotewire::DefaultDataDir() +
                                  "/extract/speaker_model.txt");
  EXPECT_TRUE(model.ok()) << model.status();
}

// The candidates of the open quotes of `text` (rules only), by quote text.
struct Proposed {
  std::string quote;
  std::vector<SpeakerCandidate> candidates;
};

// `doc` views the text of `a`: both outlive the answer.
std::vector<Proposed> Propose(const Lexicon& lex, const Article& a,
                              Document* doc) {
  std::vector<QuoteUnit> units;
  RunStages(lex, a, Stage::kAttribution, doc, &units);
  std::vector<Proposed> out;
  ForEachOpenQuote(lex, *doc, units,
                   [&](int index, const std::vector<SpeakerCandidate>& c) {
                     const Span s = doc->raw_quotes[units[index].raw[0]].content;
                     out.push_back({std::string(doc->Slice(s)), c});
                   });
  return out;
}

TEST(SpeakerCandidates, PronounIsAnOccurrenceOfItsPerson) {
  auto lex = Lexicon::Load(quotewire::DefaultDataDir() + "/extract");
  ASSERT_TRUE(lex.ok()) << lex.status();
  struct PronounCase {
    const char* language;
    const char* text;
    const char* person;   // entity name of the candidate
    const char* nearest;  // its occurrence nearest the quote, as written
  };
  const std::vector<PronounCase> cases = {
      {"de",
       "Der Kanzler Peter Albrecht reiste am Montag nach Paris. Dort würdigte "
       "er den Vertrag als „neues Kapitel der Freundschaft“.",
       "Peter Albrecht", "er"},
      {"en",
       "Senator Laura Hayes toured the plant on Monday. Later she praised "
       "the workers as \"the backbone of the county\" in a speech.",
       "Laura Hayes", "she"},
  };
  for (const PronounCase& c : cases) {
    Article article;
    article.text = c.text;
    article.language = c.language;
    Document doc;
    std::vector<Proposed> open = Propose(**lex, article, &doc);
    ASSERT_EQ(open.size(), 1u) << c.text;
    const SpeakerCandidate* found = nullptr;
    for (const SpeakerCandidate& k : open[0].candidates) {
      if (k.entity >= 0 && doc.entities[k.entity].name == c.person) found = &k;
    }
    ASSERT_NE(found, nullptr) << c.text;
    EXPECT_TRUE(found->pronoun) << c.text;
    ASSERT_GE(found->first_token, 0) << c.text;
    EXPECT_EQ(doc.TokenText(doc.tokens[found->first_token]), c.nearest);
    Speaker sp = CandidateSpeaker(doc, *found);
    EXPECT_EQ(sp.name, c.person);
    EXPECT_EQ(sp.mention, c.nearest);
  }
}

// A candidate's features as the model reads them: ascending and distinct
// (SortDistinctFeatures reads them through a bit set), dense and hashed
// indices mixed, repeats and the bit set's word edges included.
TEST(SpeakerCandidates, FeaturesSortAndDropRepeats) {
  std::mt19937 rng(7);
  const std::vector<int> edges = {1, 2, 63, 64, 65, 127, 128, kDenseFeatures,
                                  kDenseFeatures + 1, kNumFeatures - 1,
                                  kNumFeatures};
  for (int round = 0; round < 2000; ++round) {
    std::vector<int> features;
    const int n = static_cast<int>(rng() % 50);
    for (int k = 0; k < n; ++k) {
      const int pick = static_cast<int>(rng() % 10);
      features.push_back(pick < 6   ? 1 + static_cast<int>(rng() % kDenseFeatures)
                         : pick < 8 ? 1 + static_cast<int>(rng() % kNumFeatures)
                         : pick < 9 ? edges[rng() % edges.size()]
                                    : (features.empty() ? 1 : features.back()));
    }
    std::vector<int> want = features;
    std::sort(want.begin(), want.end());
    want.erase(std::unique(want.begin(), want.end()), want.end());
    SortDistinctFeatures(&features);
    ASSERT_EQ(features, want) << "round " << round;
  }
}

// A name in the quote's sentence is a candidate only within
// CandidateProposer::kCandidateWindowTokens tokens of the quote: one
// sentence of thousands of quotes costs linear time.
TEST(SpeakerCandidates, WindowIsBoundedByTokens) {
  auto lex = Lexicon::Load(quotewire::DefaultDataDir() + "/extract");
  ASSERT_TRUE(lex.ok()) << lex.status();
  auto has_mention_of = [](const Document& doc, const Proposed& p,
                           const std::string& name) {
    for (const SpeakerCandidate& k : p.candidates) {
      if (k.entity >= 0 && k.first_token >= 0 &&
          doc.entities[k.entity].name == name) {
        return true;
      }
    }
    return false;
  };
  // "and the mill" is three tokens: the name is ~60 or ~600 tokens away.
  static_assert(3 * 20 < CandidateProposer::kCandidateWindowTokens &&
                    3 * 200 > CandidateProposer::kCandidateWindowTokens,
                "the cases below straddle the window");
  for (int repeats : {20, 200}) {
    std::string text = "Senator Laura Hayes toured the plant";
    for (int i = 0; i < repeats; ++i) text += " and the mill";
    text += " and the plan of \"hope\" was new.";
    Article article;
    article.text = text;
    article.language = "en";
    Document doc;
    std::vector<Proposed> open = Propose(**lex, article, &doc);
    // Without a candidate the quote is not listed at all.
    ASSERT_LE(open.size(), 1u) << repeats;
    const bool near = repeats == 20;
    EXPECT_EQ(!open.empty() && has_mention_of(doc, open[0], "Laura Hayes"),
              near)
        << repeats;
  }
}

// Quotes the rules leave open, decided by the committed model. `speaker`
// empty: not speech (the scorer must not make it speech).
struct OpenCase {
  const char* name;
  const char* language;
  const char* text;
  const char* quote;
  const char* speaker;
  // False where the rules alone already give the answer (a German quoted
  // phrase after `als` is the clause subject's speech, at low confidence
  // the scorer may overrule): the final answer is checked, not whose it is.
  bool rules_leave_open = true;
};

TEST(ScoreSpeakers, DecidesTheQuotesTheRulesLeaveOpen) {
  const std::vector<OpenCase> cases = {
      // A fragment after `als` with a verb the cue lists lack.
      {"FragmentAfterAls", "de",
       "Auch der Außenminister Peter Albrecht attackierte die Regierung als "
       "„größten Gegner der Freiheit“. Die Opposition blieb skeptisch.",
       "größten Gegner der Freiheit", "Peter Albrecht", false},
      {"FragmentAfterAlsHonour", "de",
       "Die Landrätin Maria Lenz würdigte den Verstorbenen als „großen Sohn "
       "der Stadt“. Der Kreistag berät im März.",
       "großen Sohn der Stadt", "Maria Lenz", false},
      // A fragment in reported speech after `dahingehend`.
      {"FragmentInReportedSpeech", "de",
       "Der Papst empfing Küng. Anschließend äußerte sich Vatikansprecher "
       "Navarro dahingehend, das Gespräch „sei in freundschaftlicher "
       "Atmosphäre verlaufen“.",
       "sei in freundschaftlicher Atmosphäre verlaufen", "Navarro"},
      // A medium's name stays a name.
      {"MediumName", "de",
       "Das Magazin „Der Spiegel“ veröffentlichte am Montag eine Umfrage. "
       "Der Minister Peter Albrecht las sie.",
       "Der Spiegel", ""},
  };
  auto with = Extractor::Create({});
  auto without = Extractor::Create({.speaker_model = false});
  ASSERT_TRUE(with.ok()) << with.status();
  ASSERT_TRUE(without.ok()) << without.status();
  for (const OpenCase& c : cases) {
    Article a;
    a.text = c.text;
    a.language = c.language;
    Extraction ex = (*with)->Extract(a);
    const Quote* found = nullptr;
    for (const Quote& q : ex.quotes) {
      if (q.text == c.quote) found = &q;
    }
    ASSERT_NE(found, nullptr) << c.name;
    if (*c.speaker == 0) {
      EXPECT_FALSE(IsSpeech(found->kind)) << c.name;
      continue;
    }
    EXPECT_TRUE(IsSpeech(found->kind)) << c.name;
    EXPECT_EQ(found->speaker.name, c.speaker) << c.name;
    EXPECT_LE(found->confidence, 0.4f) << c.name;
    if (!c.rules_leave_open) continue;
    EXPECT_EQ(found->attribution, Attribution::kContinuation) << c.name;
    // The rules alone leave it a scare quote: this is the scorer's answer.
    for (const Quote& q : (*without)->Extract(a).quotes) {
      if (q.text == c.quote) {
        EXPECT_FALSE(IsSpeech(q.kind)) << c.name;
      }
    }
  }
}

// The quote-kind model on open speech quotes: a slogan-like line in its own
// paragraph, attributed by the rules' fallback only, is no speech; a
// continuation of a speaker's quotation stays speech.
TEST(ScoreSpeakers, QuoteKindModelDemotesOpenNonSpeech) {
  struct KindCase {
    const char* text;
    const char* quote;
    bool speech;  // with the kind model
  };
  const std::vector<KindCase> cases = {
      {"Laura Hayes held a rally in Harbor City on Monday, where the crowd "
       "chanted for an hour.\n\n\"Keep Harbor City Great.\"",
       "Keep Harbor City Great.", false},
      {"Laura Hayes held a rally in Harbor City on Monday. \"We will fix the "
       "bridge and we will fix the schools,\" she said.\n\n\"Nobody else "
       "will do it for us, so we have to do it ourselves.\"",
       "Nobody else will do it for us, so we have to do it ourselves.", true},
  };
  auto with = Extractor::Create({});
  auto without = Extractor::Create({.quote_kind_model = false});
  ASSERT_TRUE(with.ok()) << with.status();
  ASSERT_TRUE(without.ok()) << without.status();
  for (const KindCase& c : cases) {
    Article a;
    a.text = c.text;
    a.language = "en";
    bool seen = false;
    for (const Quote& q : (*with)->Extract(a).quotes) {
      if (q.text != c.quote) continue;
      seen = true;
      EXPECT_EQ(IsSpeech(q.kind), c.speech) << c.quote;
      if (!c.speech) {
        EXPECT_TRUE(q.speaker.name.empty()) << c.quote;
      }
    }
    EXPECT_TRUE(seen) << c.quote;
    // Without the kind model both are speech.
    for (const Quote& q : (*without)->Extract(a).quotes) {
      if (q.text == c.quote) {
        EXPECT_TRUE(IsSpeech(q.kind)) << c.quote;
      }
    }
  }
}

// The quote-kind model on the quotes it decides (IsKindCandidate): a judged
// or reported phrase after a cue, which the rules leave a scare quote, is
// speech (probability at least kPromoteThreshold); the name of a newspaper
// after "in der Zeitung" / "in the newspaper" is not (below
// kSpeechThreshold). The committed model over QuoteKindFeatures.
TEST(QuoteKindFeatures, JudgedPhraseIsSpeechNewspaperNameIsNot) {
  auto lex = Lexicon::Load(quotewire::DefaultDataDir() + "/extract");
  ASSERT_TRUE(lex.ok()) << lex.status();
  auto model = SpeakerModel::Load(quotewire::DefaultDataDir() +
                                  "/extract/quote_kind_model.txt");
  ASSERT_TRUE(model.ok()) << model.status();
  auto with = Extractor::Create({});
  ASSERT_TRUE(with.ok()) << with.status();
  struct KindCase {
    const char* language;
    const char* text;
    const char* quote;
    bool speech;
  };
  const std::vector<KindCase> cases = {
      {"de",
       "Die Abgeordnete Petra Lindner kritisierte am Dienstag den Haushalt. "
       "Sie sprach von einer „gezielten Täuschung der Wähler“ und verlangte "
       "Nachbesserungen.",
       "gezielten Täuschung der Wähler", true},
      {"de",
       "Der Umweltminister Jonas Feldmann bewertete den Plan am Montag als "
       "„gefährlichen Irrweg“. Die Regierung will im Herbst entscheiden.",
       "gefährlichen Irrweg", true},
      {"de",
       "Das Interview mit dem Trainer Klaus Reinholt erschien am Samstag in "
       "der Zeitung „Neue Tageszeitung“. Der Verein wollte sich nicht "
       "äußern.",
       "Neue Tageszeitung", false},
      {"en",
       "Senator Laura Hayes criticised the budget on Tuesday. She spoke of "
       "\"a deliberate deception of voters\" and asked for changes.",
       "a deliberate deception of voters", true},
      {"de",
       "Das Komitee um Anna Berg würdigte den Einsatz der Ministerin zur „Stärkung "
       "der internationalen Diplomatie“. Die Feier ist im Dezember.",
       "Stärkung der internationalen Diplomatie", true},
      {"de",
       "Die Regierung verurteilte den Überfall als „hinterhältigen "
       "Anschlag“. Die Polizei ermittelt.",
       "hinterhältigen Anschlag", true},
      {"en",
       "The ministry of Laura Hayes condemned the attack as \"a cowardly act of terror\". "
       "The police are investigating.",
       "a cowardly act of terror", true},
      {"en",
       "The interview with the coach Tom Brady appeared on Saturday in the "
       "newspaper \"The Harbor City Courier\". The club declined to "
       "comment.",
       "The Harbor City Courier", false},
  };
  for (const KindCase& c : cases) {
    Article a;
    a.text = c.text;
    a.language = c.language;
    Document doc;
    std::vector<QuoteUnit> units;
    RunStages(**lex, a, Stage::kAttribution, &doc, &units);
    bool seen = false;
    for (const QuoteUnit& u : units) {
      const Span s = doc.raw_quotes[u.raw[0]].content;
      if (doc.Slice(s) != c.quote) continue;
      seen = true;
      if (!IsKindCandidate(doc, u)) {
        // The rules' answer is final.
        EXPECT_EQ(IsSpeech(u.kind), c.speech) << c.quote;
        continue;
      }
      std::vector<int> features;
      QuoteKindFeatures(**lex, doc, u, &features);
      const double p = (*model)->Probability(features);
      if (c.speech) {
        EXPECT_GE(p, kPromoteThreshold) << c.quote;
      } else {
        EXPECT_LT(p, kSpeechThreshold) << c.quote;
      }
    }
    EXPECT_TRUE(seen) << c.quote;
    // End to end: the same answer, with a speaker for speech.
    for (const Quote& q : (*with)->Extract(a).quotes) {
      if (q.text != c.quote) continue;
      EXPECT_EQ(IsSpeech(q.kind), c.speech) << c.quote;
      if (c.speech) {
        EXPECT_FALSE(q.speaker.name.empty()) << c.quote;
      }
    }
  }
}

// A phrase the quote-kind model promotes to speech whose reporting clause
// has a description or body as subject (no name for the candidates) is
// that subject's speech, found by the rules' subject parser
// (DescribedClauseSubjectsSpeak). The two "sprach von" rows are decided by
// the rules already (quoted phrases of a clause's subject) and stay so;
// the last two ("machte klar, dass „…“", "verurteilte die Tat als „…“")
// were scare quotes without a speaker before.
TEST(ScoreSpeakers, PromotedPhraseOfDescribedSubject) {
  auto extractor = Extractor::Create({});
  ASSERT_TRUE(extractor.ok()) << extractor.status();
  struct SubjectCase {
    const char* language;
    const char* text;
    const char* quote;
    const char* head;  // the subject's head noun, in the speaker
  };
  const std::vector<SubjectCase> cases = {
      {"de",
       "Der Landkreis will die Gebühren für die Müllabfuhr im Frühjahr "
       "erhöhen. Der Mieterverband sprach am Mittwoch von einer „unzumutbaren "
       "Belastung der Familien“ und kündigte Widerstand an.",
       "unzumutbaren Belastung der Familien", "Mieterverband"},
      {"de",
       "Nach dem Brand in der Lagerhalle ermittelt die Polizei. Die "
       "Stadtregierung sprach von einem „Angriff auf alle Bürger der "
       "Stadt“.",
       "Angriff auf alle Bürger der Stadt", "Stadtregierung"},
      {"de",
       "Der Landkreis will die Gebühren im Frühjahr erhöhen. Das Komitee "
       "der Elternvertreter machte klar, dass „die Familien das nicht "
       "tragen können“.",
       "die Familien das nicht tragen können", "Komitee"},
      {"de",
       "Nach dem Brand in der Lagerhalle ermittelt die Polizei. Die "
       "Stadtregierung zeigte sich bestürzt und verurteilte die Tat als "
       "„Angriff auf alle Bürger“.",
       "Angriff auf alle Bürger", "Stadtregierung"},
  };
  for (const SubjectCase& c : cases) {
    Article a;
    a.text = c.text;
    a.language = c.language;
    bool seen = false;
    for (const Quote& q : (*extractor)->Extract(a).quotes) {
      if (q.text != c.quote) continue;
      seen = true;
      EXPECT_TRUE(IsSpeech(q.kind)) << c.quote;
      EXPECT_NE((q.speaker.name + " " + q.speaker.mention).find(c.head),
                std::string::npos)
          << c.quote << ": '" << q.speaker.name << "' / '"
          << q.speaker.mention << "'";
    }
    EXPECT_TRUE(seen) << c.quote;
  }
}

// The subject parser behind DescribedClauseSubjectsSpeak, on a phrase
// marked promoted (whatever the quote-kind model says of it): the
// antecedent of a relative clause, the subject after a fronted phrase and
// the finite verb (also of a second, coordinated verb), a bare plural
// opening the sentence, and
// heads that are public bodies ("Amt", "Bundesländer", "Opposition").
// Only where nouns are capitalised (Dutch has no such pass).
TEST(DescribedClauseSubjects, SubjectsOutOfTheNearestCuesReach) {
  auto lex = Lexicon::Load(quotewire::DefaultDataDir() + "/extract");
  ASSERT_TRUE(lex.ok()) << lex.status();
  struct SubjectCase {
    const char* text;
    const char* quote;
    const char* head;  // in the speaker; "" for none
  };
  const std::vector<SubjectCase> cases = {
      // Relative clause: the antecedent before the comma.
      {"Kritik kommt vom Landesverband der Mieter, der die Reform als "
       "„teuren Irrweg“ bezeichnete.",
       "teuren Irrweg", "Landesverband"},
      {"Die Erklärung stammt von der Gewerkschaft, die von einem „Angriff "
       "auf die Beschäftigten“ sprach.",
       "Angriff auf die Beschäftigten", "Gewerkschaft"},
      // An antecedent that cannot speak: no speaker from it.
      {"Die Kosten stiegen um zwei Millionen, die durch einen „enormen "
       "Mehraufwand“ entstünden.",
       "enormen Mehraufwand", ""},
      // Fronted prepositional phrase, finite verb, subject.
      {"In einer Erklärung nannte die Behörde den Plan „völlig "
       "unausgegoren“.",
       "völlig unausgegoren", "Behörde"},
      // ... and the subject of the coordinated second verb.
      {"Am Montag zeigte sich die Kommission besorgt und verurteilte den "
       "Angriff als „feigen Anschlag“.",
       "feigen Anschlag", "Kommission"},
      {"Über den Kurznachrichtendienst Mastodon zeigte sich die Kommission "
       "empört über den Vorfall und verurteilte ihn als „feigen Anschlag“.",
       "feigen Anschlag", "Kommission"},
      {"Ärzte rechnen jedoch mit „deutlich mehr Infektionen“.",
       "deutlich mehr Infektionen", "Ärzte"},
      {"Bauern fürchten nach der Dürre „massive Ernteausfälle“.",
       "massive Ernteausfälle", "Bauern"},
      // Not across a comma: the second clause has its own subject.
      {"Am Montag tagten die Minister ohne ihn, der Wetterdienst rechnet "
       "mit „kräftigen Schauern“.",
       "kräftigen Schauern", ""},
      // A bare plural person noun opening the sentence.
      {"Experten erwarten für das Wochenende „heftige Gewitter mit "
       "Hagel“.",
       "heftige Gewitter mit Hagel", "Experten"},
      // Public bodies as heads.
      {"Das Amt empfiehlt allen Reisenden einen „wirksamen "
       "Sonnenschutz“.",
       "wirksamen Sonnenschutz", "Amt"},
      {"Die Bundesländer erwarten durch die Reform „erhebliche "
       "Mehrkosten“.",
       "erhebliche Mehrkosten", "Bundesländer"},
      {"Die Opposition befürchtet „einen Kahlschlag bei den Schulen“.",
       "einen Kahlschlag bei den Schulen", "Opposition"},
  };
  for (const SubjectCase& c : cases) {
    Article a;
    a.text = c.text;
    a.language = "de";
    Document doc;
    std::vector<QuoteUnit> units;
    RunStages(**lex, a, Stage::kAttribution, &doc, &units);
    std::vector<char> promoted(units.size(), 0);
    int index = -1;
    for (int i = 0; i < static_cast<int>(units.size()); ++i) {
      if (doc.Slice(doc.raw_quotes[units[i].raw[0]].content) == c.quote) {
        index = i;
        promoted[i] = 1;
      }
    }
    ASSERT_GE(index, 0) << c.quote;
    std::string found;
    for (const auto& [i, u] :
         DescribedClauseSubjectsSpeak(**lex, doc, units, promoted)) {
      if (i == index) found = u.speaker.name + " / " + u.speaker.mention;
    }
    if (*c.head == '\0') {
      EXPECT_EQ(found, "") << c.quote;
    } else {
      EXPECT_NE(found.find(c.head), std::string::npos)
          << c.quote << ": '" << found << "'";
    }
  }
}

TEST(SpeakerModel, CommittedQuoteKindModelLoads) {
  auto model = SpeakerModel::Load(quotewire::DefaultDataDir() +
                                  "/extract/quote_kind_model.txt");
  EXPECT_TRUE(model.ok()) << model.status();
}

}  // namespace
}  // namespace extract
}  // namespace quotewire
