"""Joins the blind labels of the holdout to its items (run once, after all labellers finished).

Inputs: holdout-items.jsonl (from draw_holdout.py) and, from the labellers' folder, labels<n>.jsonl (labeller n's
pass over chunk n) and second<n>.jsonl (labeller n's independent second pass over the first 25 items of chunk n+1).
Writes holdout.jsonl (each item with label, categories, note, labeller) and holdout-second.jsonl (both passes
of every double-labelled item). The first pass's label counts, except where one labeller said MISALIGNED and the
other ALIGNED: reasonable reviewers disagreed, which the manual calls AMBIGUOUS (categories of both kept).
"""
import json, sys, pathlib
here = pathlib.Path(__file__).parent
labels_dir = pathlib.Path(sys.argv[1])
chunks = 4
def rows(path):
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
items = rows(here / "holdout-items.jsonl")
first, second = {}, {}
for n in range(chunks):
    for r in rows(labels_dir / f"labels{n}.jsonl"):
        first[r["id"]] = {**r, "labeller": n}
    for r in rows(labels_dir / f"second{n}.jsonl"):
        second[r["id"]] = {**r, "labeller": n}
assert set(first) == {x["id"] for x in items}, "every item needs exactly one first-pass label"
assert set(second) <= set(first)
out, pairs = [], []
for item in items:
    a = first[item["id"]]
    label, categories = a["label"], list(a["categories"])
    b = second.get(item["id"])
    if b is not None:
        pairs.append({"id": item["id"], "first": {k: a[k] for k in ("labeller", "label", "categories", "note")},
                      "second": {k: b[k] for k in ("labeller", "label", "categories", "note")}})
        if {a["label"], b["label"]} == {"MISALIGNED", "ALIGNED"}:
            label = "AMBIGUOUS"
            categories = categories + [c for c in b["categories"] if c not in categories]
    out.append({**item, "label": label, "categories": categories, "note": a["note"], "labeller": a["labeller"]})
(here / "holdout.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in out), encoding="utf-8")
(here / "holdout-second.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in pairs), encoding="utf-8")
print(len(out), "items,", len(pairs), "labelled twice")
