#!/usr/bin/env python3
"""Builds the resolved-speaker development sets (tests/eval/resolved/*.txt)
into the gold JSONL format of ../shared/eval/README.md, and checks them.

The sets are invented news articles written for Quotewire, one file per
language. Every direct quotation is marked in place, inside its quotation
marks, with the *named person* who said it, however the text attributes it
(a name, a pronoun, a description, or nothing in a pro-drop language):

    === de-001
    „[[Anna Berg|pronoun|Wir machen weiter.]]“, sagte sie.

    === de-002
    ...

- `=== ID` starts an article; the text runs to the next `===` line or the end
  of the file, outer blank lines removed. Lines starting with `#` before the
  first article are comments.
- `[[SPEAKER|KIND|TEXT]]` is one gold quote: TEXT stays in the article,
  SPEAKER (the person's full name as the article writes it in its fullest
  form; in the nominative where the article writes it only in another case:
  "Hana Vondráčková" for "podle Hany Vondráčkové") becomes the gold speaker, KIND says how the attribution is written:
  `name`, `pronoun`, `nominal` (a description: "the senator", "l'élue"),
  `dropped` (no subject: "«…», disse."; scored as `pronoun`). A quote that
  runs over several paragraphs is marked once per paragraph.
- Quoted text that nobody is reported as saying (titles, scare quotes,
  names of works) is left unmarked: predicting it costs precision.

    resolved_sets.py build SRC.txt OUT.jsonl   # writes the gold file
    resolved_sets.py check SRC.txt [...]       # checks and counts
"""
import json
import re
import sys

MARK = re.compile(r"\[\[([^|\]]+)\|(name|pronoun|nominal|dropped)\|(.+?)\]\]", re.S)
KINDS = {"name": "name", "pronoun": "pronoun", "nominal": "nominal", "dropped": "pronoun"}


def parse(path):
    """Returns the list of gold records of one source file."""
    records, current, lines = [], None, []
    lang = path.rsplit("/", 1)[-1].split(".")[0]

    def flush():
        if current is None:
            return
        body = "\n".join(lines).strip("\n")
        text, quotes, pos, last = [], [], 0, 0
        for m in MARK.finditer(body):
            text.append(body[last:m.start()])
            pos += len(body[last:m.start()])
            speaker, kind, quote = m.group(1).strip(), m.group(2), m.group(3)
            if "[[" in quote or "\n\n" in quote:
                raise ValueError(f"{path}: {current}: a mark spans a paragraph or nests: {quote[:40]!r}")
            quotes.append({"text": quote, "start": pos, "end": pos + len(quote),
                           "speaker": speaker, "speaker_kind": KINDS[kind],
                           "construction": kind, "optional": False})
            text.append(quote)
            pos += len(quote)
            last = m.end()
        text.append(body[last:])
        full = "".join(text)
        if "[[" in full or "]]" in full:
            raise ValueError(f"{path}: {current}: malformed mark near {full[full.find('[['):][:60]!r}")
        records.append({"id": f"resolved-{current}", "text": full, "quotes": quotes,
                        "ignore_regions": [],
                        "meta": {"lang": lang, "source": "invented for Quotewire's tests"}})

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("=== "):
                flush()
                current, lines = line[4:].strip(), []
            elif current is not None:
                lines.append(line)
            elif line.strip() and not line.startswith("#"):
                raise ValueError(f"{path}: text before the first article: {line[:40]!r}")
    flush()
    return records


def named_in(speaker, text):
    """True when the article writes the speaker's name, or, in a language that
    inflects names, each of its words in some case: every word's letters but
    the last two (at least two) start a word of the article ("Hana
    Vondráčková" in "podle Hany Vondráčkové")."""
    if speaker in text:
        return True
    starts = re.findall(r"\b\w+", text)
    for word in speaker.split():
        stem = word[:max(2, len(word) - 2)]
        if not any(w.startswith(stem) for w in starts):
            return False
    return True


def check(records, path):
    """Raises ValueError on an inconsistent record; returns (articles, quotes, kinds)."""
    kinds = {}
    ids = set()
    for r in records:
        if r["id"] in ids:
            raise ValueError(f"{path}: duplicate id {r['id']}")
        ids.add(r["id"])
        for q in r["quotes"]:
            if r["text"][q["start"]:q["end"]] != q["text"]:
                raise ValueError(f"{path}: {r['id']}: offsets do not give the quote")
            if not named_in(q["speaker"], r["text"]):
                raise ValueError(f"{path}: {r['id']}: speaker {q['speaker']!r} is not named in the article")
            kinds[q["construction"]] = kinds.get(q["construction"], 0) + 1
    return len(records), sum(len(r["quotes"]) for r in records), kinds


def main(argv):
    if len(argv) >= 3 and argv[1] == "build":
        records = parse(argv[2])
        check(records, argv[2])
        with open(argv[3], "w", encoding="utf-8") as out:
            for r in records:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
        return 0
    if len(argv) >= 3 and argv[1] == "check":
        for path in argv[2:]:
            articles, quotes, kinds = check(parse(path), path)
            detail = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
            print(f"{path}: {articles} articles, {quotes} quotes ({detail})")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except ValueError as e:
        print(f"resolved_sets: {e}", file=sys.stderr)
        sys.exit(1)
