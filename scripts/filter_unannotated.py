#!/usr/bin/python3
"""Writes gold and prediction JSONL without the articles whose quotations use
two apostrophes (''…'', archive style) and that the gold annotates with no
quote at all: the gold converter did not treat '' as a quotation mark, so
every correct quote there counts as spurious. Used to report a second,
comparable figure; the main figure keeps every article.

Usage: filter_unannotated.py GOLD PRED OUT_GOLD OUT_PRED
"""
import json
import sys

gold_in, pred_in, gold_out, pred_out = sys.argv[1:5]
drop = set()
with open(gold_in, encoding="utf-8") as f, open(gold_out, "w", encoding="utf-8") as g:
    for line in f:
        rec = json.loads(line)
        if "''" in rec["text"] and not rec["quotes"]:
            drop.add(rec["id"])
            continue
        g.write(line)
with open(pred_in, encoding="utf-8") as f, open(pred_out, "w", encoding="utf-8") as g:
    for line in f:
        if json.loads(line)["id"] not in drop:
            g.write(line)
print("dropped %d articles with unannotated '' quotes" % len(drop))
