"""Deterministic article texts for the reliability tests, written for them.

Each article has a known number of direct quotes in standard newspaper form,
so that tests can tell a complete stored article from a half-written one.
"""

import random

GIVEN = ["Anna", "Pieter", "Sofia", "Marek", "Lena", "Tomas", "Ines", "Jonas",
         "Clara", "Viktor", "Hanna", "Ruben", "Elif", "Oscar", "Mila", "David"]
SURNAMES = ["Berg", "Novak", "Jansen", "Moreau", "Keller", "Silva", "Horvat",
            "Lindqvist", "Duarte", "Varga", "Okafor", "Brandt", "Rossi", "Ivanova"]
ROLES = ["the mayor of the city", "a spokesperson for the port authority",
         "a local shop owner", "the head of the teachers' union",
         "an economist at the regional bank", "a nurse at the central hospital"]
SENTENCES = [
    "We will rebuild the bridge before the winter",
    "Nobody expected the budget to be cut this deeply",
    "The hospital needs more staff, not more promises",
    "Our members are ready to strike if talks fail",
    "The flooding showed how fragile the old harbour is",
    "Prices have risen faster than wages for two years",
]


def make_article(index, salt=0):
    """Returns (id, text) for article `index`; `salt` varies the text."""
    rng = random.Random(index * 7919 + salt)
    paragraphs = ["Council debates harbour plan after storm (%d)" % index, ""]
    quotes = 2 + rng.randrange(4)
    for q in range(quotes):
        name = "%s %s" % (rng.choice(GIVEN), rng.choice(SURNAMES))
        paragraphs.append("The council met again on Tuesday to discuss item %d." % (q + 1))
        paragraphs.append("\u201c%s,\u201d said %s, %s." % (
            rng.choice(SENTENCES), name, rng.choice(ROLES)))
    return "rel-%06d" % index, "\n".join(paragraphs) + "\n"
