#!/usr/bin/python3
"""Checks quotewire-eval predictions against the seed gold tiers.

Usage: seed_check.py GOLD.jsonl PRED.jsonl

A gold quote is found when a prediction overlaps it (>= 50% of the longer
span, code points) with the right speaker (speaker or one of speaker_alts,
compared by last token, case-folded) and, when gold names an outlet, the
same outlet. Prints must/should hits, misses, and speech predictions that
match no gold quote at all. Exit status 1 when a `must` quote is missed.
"""
import json
import sys
import unicodedata


def fold(s):
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return s.replace("’s", "").replace("'s", "").strip()


def last_token(s):
    toks = fold(s).split()
    return toks[-1] if toks else ""


def speaker_ok(gold, pred):
    if gold.get("speaker") is None:
        return pred is None
    if pred is None:
        return False
    cands = [gold["speaker"]] + list(gold.get("speaker_alts") or [])
    return any(fold(c) == fold(pred) or last_token(c) == last_token(pred)
               for c in cands)


def overlap(a0, a1, b0, b1):
    inter = max(0, min(a1, b1) - max(a0, b0))
    return inter / max(a1 - a0, b1 - b0, 1)


def main():
    gold = {}
    for line in open(sys.argv[1], encoding="utf-8"):
        rec = json.loads(line)
        gold[rec["id"]] = rec
    preds = {}
    for line in open(sys.argv[2], encoding="utf-8"):
        rec = json.loads(line)
        # Join the paragraph segments of one quote into one span.
        merged = {}
        for q in rec["quotes"]:
            key = q.get("quote", id(q))
            if key in merged:
                m = merged[key]
                m["start"] = min(m["start"], q["start"])
                m["end"] = max(m["end"], q["end"])
                m["text"] += "\n" + q["text"]
            else:
                merged[key] = dict(q)
        preds[rec["id"]] = list(merged.values())
    counts = {"must": [0, 0], "should": [0, 0]}
    spurious = 0
    for gid, rec in gold.items():
        pq = preds.get(gid, [])
        used = set()
        for g in rec["quotes"]:
            tier = g.get("tier", "must")
            best, best_i = 0.0, -1
            for i, p in enumerate(pq):
                r = overlap(g["start"], g["end"], p["start"], p["end"])
                if r > best:
                    best, best_i = r, i
            if best_i >= 0 and best >= 0.5:
                used.add(best_i)
            if tier not in counts:
                continue
            counts[tier][1] += 1
            ok = False
            why = "not found"
            if best_i >= 0 and best >= 0.5:
                p = pq[best_i]
                if not speaker_ok(g, p.get("speaker")):
                    why = "speaker %r" % p.get("speaker")
                elif g.get("outlet") and fold(g["outlet"]) != fold(p.get("outlet")):
                    why = "outlet %r" % p.get("outlet")
                else:
                    ok = True
            if ok:
                counts[tier][0] += 1
            else:
                print("MISS %-6s %s %r (%s; gold %r)" % (
                    tier, gid[:3], g["text"][:60], why, g.get("speaker")))
        for i, p in enumerate(pq):
            if i not in used:
                spurious += 1
                print("SPURIOUS %s %r speaker=%r" % (gid[:3], p["text"][:60],
                                                      p.get("speaker")))
    print("seeds: must %d/%d, should %d/%d, spurious speech %d" % (
        counts["must"][0], counts["must"][1], counts["should"][0],
        counts["should"][1], spurious))
    return 0 if counts["must"][0] == counts["must"][1] else 1


if __name__ == "__main__":
    sys.exit(main())
