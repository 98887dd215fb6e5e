#!/usr/bin/env python3
"""Writes what the display set's score.py says about the cases here, for the C# port to agree with.

    python3 make_expected.py PATH/TO/score.py

set.json       the cases: per image a kind, a truth, and a prediction (an object, anything else, raw text, or missing)
expected.json  score.py's summary and per-image details on them (written)
ratios.json    difflib.SequenceMatcher(None, a, b).ratio() on random and crafted pairs, short and 200+ long (written)
rules.json     norm_text, norm_unit, to_float, round and repr on awkward inputs (written)
"""
import difflib
import importlib.util
import json
import os
import random
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("score", sys.argv[1])
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)


def write(name, data):
    with open(os.path.join(here, name), "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")


with open(os.path.join(here, "set.json"), encoding="utf-8") as f:
    cases = json.load(f)["images"]
with tempfile.TemporaryDirectory() as truth_dir, tempfile.TemporaryDirectory() as pred_dir:
    index = {"images": []}
    for case in cases:
        base = os.path.splitext(case["image"])[0]
        index["images"].append({"image": case["image"], "truth": base + ".json", "kind": case["kind"]})
        with open(os.path.join(truth_dir, base + ".json"), "w", encoding="utf-8") as f:
            json.dump(dict(case["truth"], kind=case["kind"], image=case["image"]), f, ensure_ascii=False)
        if "prediction_raw" in case:
            with open(os.path.join(pred_dir, base + ".json"), "w", encoding="utf-8") as f:
                f.write(case["prediction_raw"])
        elif not case.get("prediction_missing"):
            with open(os.path.join(pred_dir, base + ".json"), "w", encoding="utf-8") as f:
                json.dump(case["prediction"], f, ensure_ascii=False)
    with open(os.path.join(truth_dir, "index.json"), "w", encoding="utf-8") as f:
        json.dump(index, f)
    summary, per_image = score.score(pred_dir, truth_dir, details=True)
write("expected.json", {"summary": summary, "images": per_image})

rng = random.Random(20240611)
pairs = [("", ""), ("a", ""), ("", "b"), ("abcd", "bcda"), ("zone 1 temp", "zone 2 temp"), ("flow", "flw"),
         ("condensing pressure", "condensing presure"), ("private thread", "private volume"), ("qabxcd", "abycdf"),
         ("h\u00e9llo w\u00f6rld \U0001F525", "hello world \U0001F525!"), ("\U0001F525\U0001F525a", "a\U0001F525")]
for _ in range(150):
    alphabet = rng.choice(["ab", "abc", "abcde ", "abcdefghijklmnopqrstuvwxyz ", "0123456789.-: "])
    n, m = rng.randint(0, 20), rng.randint(0, 20)
    pairs.append(("".join(rng.choice(alphabet) for _ in range(n)), "".join(rng.choice(alphabet) for _ in range(m))))
for _ in range(60):
    # 200+ items in b: difflib's autojunk drops popular items, which changes the blocks and the ratio.
    alphabet = rng.choice(["ab", "abcdefgh ", "abcdefghijklmnopqrstuvwxyz     ", "the quick brown fox 0123456789"])
    a = "".join(rng.choice(alphabet) for _ in range(rng.randint(150, 400)))
    b = list(a)
    for _ in range(rng.randint(0, 60)):
        i = rng.randrange(len(b) + 1)
        op = rng.random()
        if op < 0.4 and i < len(b):
            del b[i]
        elif op < 0.7:
            b.insert(i, rng.choice(alphabet))
        elif i < len(b):
            b[i] = rng.choice(alphabet)
    if len(b) < 200:
        b += [rng.choice(alphabet) for _ in range(200 - len(b))]
    pairs.append((a, "".join(b)) if rng.random() < 0.8 else ("".join(b), a))
write("ratios.json", [[a, b, difflib.SequenceMatcher(None, a, b).ratio()] for a, b in pairs])

texts = ["", "  Zone 1 Temp  ", "\u26a0 HIGH TEMP ALARM!", "\u25b2\u25b3\u25cf\u2022*!>:- Low oil", "Filter clogged.;,: ",
         "Pressure\u2013switch \u2014 open", "\uff28\uff49\uff47\uff48 \uff34\uff45\uff4d\uff50", "Caf\u00e9\u00a0au\u2003lait",
         "\u0130stanbul line", "tab\there\nnew line\r\n", "- - - ", "\u2212 5 \u00b0C", "\u2160 unit \u2460", "\x1cfs\x1d sep\x1f"]
units = ["", "\u00b0C", "degC", "deg.C", "C", "\u00bac", "\u02daC", "\u2103", "*c", "oC", "degF", "deg F", "DEG K", "uS/cm",
         "\u00b5S/cm", "\u03bcS/cm", "micros/cm", "m\u00b3/h", "m^3/h", "M3/H", "cbm/h", "%RH", "% rH", "RH%", "%r.h.", "rh",
         "pH", "PH", "1/min", "min\u22121", "U/min", "rpm", "mm/sec", "sec", "hrs", "Hours", "psig", "Amps", "Volts",
         "l/min", "LPM", "p/m3", "#/m\u00b3", "m^2", "kPa", "bar g"]
floats = ["14.9", "14,9", "1 234,5", "1,234.5", "\u221212.5", "+.5", "5.", ".", "-", "1e3", "0x10", "\uff11\uff12.\uff15",
          "\u0661\u0662", " 7 ", "\u00a07", "nan", "inf", "1.2.3", "", "12 %"]
rounds = [[x, d] for x, d in [(0.05, 1), (0.15, 1), (0.25, 1), (2.45, 1), (2.675, 2), (1.005, 2), (0.125, 2), (0.375, 2),
                              (-2.5, 0), (3.5, 0), (0.0625, 3), (1e-20, 5), (123456.789, 0), (5e-324, 3), (1e300, 2),
                              (0.6665, 3), (0.12345, 4), (-0.0005, 3)]]
for _ in range(200):
    rounds.append([rng.choice([rng.random(), rng.uniform(-1000, 1000), rng.randint(0, 10 ** 6) / 10 ** rng.randint(1, 6)
                               + 5 * 10 ** -rng.randint(2, 7)]), rng.randint(0, 6)])
reprs = [0.0, -0.0, 1.0, 42.0, 14.9, 0.1 + 0.2, 1e-4, 1e-5, 1.5e-05, 1e15, 1e16, 123456789012345678.0, 5e-324,
         1.7976931348623157e308, 0.001, 2.5e-4, 9999999999999998.0, 1234567890123456.7]
reprs += [rng.random() * 10 ** rng.randint(-8, 20) for _ in range(100)]
write("rules.json", {
    "norm_text": [[t, score.norm_text(t)] for t in texts],
    "norm_unit": [[u, score.norm_unit(u)] for u in units],
    "to_float": [[s, score.to_float(s)] for s in floats],
    "round": [[x, d, round(x, d)] for x, d in rounds],
    "repr": [[x, repr(x)] for x in reprs],
})
