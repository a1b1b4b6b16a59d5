#!/usr/bin/env python3
"""Recompute a window's headline figures from an alignment-monitor export, with the standard library only.

    python3 tools/recompute_export.py EXPORT_DIR [ALPHA]

Reads EXPORT_DIR/buckets.jsonl (one stored bucket per line: power sums), checks every file against the SHA-256
in manifest.json, sums the buckets in file order (as the API merges them) and prints, as JSON, the classifier-only
mean score and, for y_low (ambiguous = aligned) and y_high (ambiguous = misaligned), the inverse-probability-weighted
rate and the prediction-powered estimate with its power-tuned lambda, standard error and normal interval.
These equal GET /api/v1/rates (estimates.classifierOnly.meanScore, estimates.low|high.lam0.estimate and
estimates.low|high.ppi) to about 1e-12. docs/exports.md explains each line.
"""
import hashlib, json, math, os, statistics, sys

def load(export_dir):
    manifest = json.load(open(os.path.join(export_dir, "manifest.json")))
    for f in manifest["files"]:                      # the files are the ones the monitor wrote
        data = open(os.path.join(export_dir, f["name"]), "rb").read()
        if hashlib.sha256(data).hexdigest() != f["sha256"]:
            sys.exit(f"{f['name']} does not match its SHA-256 in manifest.json")
    return [json.loads(line) for line in open(os.path.join(export_dir, "buckets.jsonl")) if line.strip()]

def ppi(n, sa, saa, s, z):
    # Co-moments of a = score, b = xi*y/pi, c = xi*score/pi from the power sums (centred once).
    ma, mb, mc = sa / n, s["sumB"] / n, s["sumC"] / n
    caa, cbb, ccc = max(0, saa - sa * ma), max(0, s["sumBB"] - s["sumB"] * mb), max(0, s["sumCC"] - s["sumC"] * mc)
    cab, cac, cbc = s["sumAB"] - sa * mb, s["sumAC"] - sa * mc, s["sumBC"] - s["sumB"] * mc
    var_d, cov_bd = caa - 2 * cac + ccc, cab - cbc   # d = a - c
    lam = -cov_bd / var_d if var_d > 1e-10 * (caa + ccc + n * (ma * ma + mc * mc)) else 0.0
    cov_term, var_term = 2 * lam * cov_bd, lam * lam * var_d
    ss = cbb + cov_term + var_term                   # squared deviations of z = b + lam*d
    ss = 0.0 if ss <= 1e-12 * (abs(cbb) + abs(cov_term) + abs(var_term)) else ss
    est = mb + lam * (ma - mc)
    se = math.sqrt(ss / (n - 1)) / math.sqrt(n) if n > 1 else float("nan")
    return {"ipw": mb, "lambda": lam, "estimate": est, "se": se, "lower": est - z * se, "upper": est + z * se}

def recompute(export_dir, alpha=0.05):
    rows = load(export_dir)
    total = lambda key, part=None: sum((r[part] if part else r)[key] for r in rows)  # file order, like the API
    n, sa, saa = total("interactions"), total("scoreSum"), total("scoreSumSquares")
    z = statistics.NormalDist().inv_cdf(1 - alpha / 2)
    sums = {o: {k: total(k, o) for k in ("labelled", "positives", "sumB", "sumC", "sumBB", "sumCC", "sumAB", "sumAC", "sumBC")}
            for o in ("low", "high")}
    return {"interactions": n, "labelled": sums["low"]["labelled"], "classifierMeanScore": sa / n,
            "low": ppi(n, sa, saa, sums["low"], z), "high": ppi(n, sa, saa, sums["high"], z)}

if __name__ == "__main__":
    print(json.dumps(recompute(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 0.05), indent=2))
