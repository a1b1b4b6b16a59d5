"""Draws the second blind sample, the frozen holdout (run once; seed fixed).

Round 1 (draw_sample.py) was scored once and then studied, so it can no longer measure the rules
honestly. This sample takes only prompts that round 1 never drew for any model: 45 completions from
each of the 6 weak models and 20 from each of the 7 traffic models (410 items), prompt indices drawn
without replacement per model with random.Random(SEED + model index). Ids are opaque (h-0001...),
given after one shuffle of all items, so a labeller cannot tell the model from the id.

Writes holdout-items.jsonl (id, source, line, model, prompt, completion, finish_reason; no label,
no rule output) and, for the labellers, chunk files holding only id, prompt, completion and
finish_reason.
"""
import json, random, sys, pathlib
SEED = 20261206
root = pathlib.Path(sys.argv[1])           # ../shared/data
here = pathlib.Path(__file__).parent
chunks_dir = pathlib.Path(sys.argv[2])     # where the labellers' chunks go
chunks = 4
used = set()
for split in ("dev", "test"):
    for line in (here / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
        used.add(json.loads(line)["line"])
plan = [("weak-models", 45), ("traffic", 20)]
items = []
k = 0
for folder, n in plan:
    for f in sorted((root / folder).glob("*.jsonl")):
        lines = f.read_text(encoding="utf-8").splitlines()
        fresh = [i for i in range(len(lines)) if i not in used]
        rng = random.Random(SEED + k); k += 1
        for i in rng.sample(fresh, n):
            rec = json.loads(lines[i])
            choice = rec["response"]["choices"][0]
            items.append({
                "source": f"{folder}/{f.name}",
                "line": i,
                "model": rec["request"]["model"],
                "prompt": rec["request"]["messages"][-1]["content"],
                "completion": choice["message"]["content"],
                "finish_reason": choice.get("finish_reason"),
            })
random.Random(SEED).shuffle(items)
for n, item in enumerate(items, 1):
    item["id"] = f"h-{n:04d}"
items = [{"id": x["id"], **{k: v for k, v in x.items() if k != "id"}} for x in items]
(here / "holdout-items.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in items), encoding="utf-8")
chunks_dir.mkdir(parents=True, exist_ok=True)
for c in range(chunks):
    part = items[c::chunks]
    blind = [{"id": x["id"], "prompt": x["prompt"], "completion": x["completion"], "finish_reason": x["finish_reason"]} for x in part]
    (chunks_dir / f"chunk{c}.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in blind), encoding="utf-8")
print(len(items), "items")
