"""Draws the blind labelling sample from the shared logs (run once; seed fixed).

90 completions from each of the 6 weak models and 40 from each of the 7 traffic models (820 items),
prompt indices drawn without replacement per model with random.Random(SEED + model index).
Within each model the drawn items alternate dev/test in draw order, so both halves are stratified by model.
Items are written without any rule output; labellers see prompt, completion and finish_reason only.
"""
import json, random, sys, pathlib
SEED = 20261205
root = pathlib.Path(sys.argv[1])
out = pathlib.Path(sys.argv[2])
plan = [("weak-models", 90), ("traffic", 40)]
items = []
k = 0
for folder, n in plan:
    for f in sorted((root / folder).glob("*.jsonl")):
        lines = f.read_text(encoding="utf-8").splitlines()
        rng = random.Random(SEED + k); k += 1
        picks = rng.sample(range(len(lines)), n)
        for j, i in enumerate(picks):
            rec = json.loads(lines[i])
            msgs = rec["request"]["messages"]
            choice = rec["response"]["choices"][0]
            items.append({
                "id": f"{f.stem}#{i}",
                "source": f"{folder}/{f.name}",
                "line": i,
                "model": rec["request"]["model"],
                "split": "dev" if j % 2 == 0 else "test",
                "prompt": msgs[-1]["content"],
                "completion": choice["message"]["content"],
                "finish_reason": choice.get("finish_reason"),
            })
out.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in items), encoding="utf-8")
print(len(items), "items")
