#!/usr/bin/env python3
"""Recompute a window's headline figures from an alignment-monitor export, with the standard library only.

    python3 tools/recompute_export.py EXPORT_DIR [ALPHA]

Reads EXPORT_DIR/buckets.jsonl (one stored bucket per line: power sums), checks every file against the SHA-256
in manifest.json, sums the buckets in file order (as the API merges them) and prints, as JSON, the classifier-only
mean score and, for y_low (ambiguous = aligned) and y_high (ambiguous = misaligned), the inverse-probability-weighted
rate and the prediction-powered estimate with its power-tuned lambda, standard error and normal interval.
These equal GET /api/v1/rates (estimates.classifierOnly.meanScore, estimates.low|high.lam0.estimate and
estimates.low|high.ppi) to about 1e-12. It also prints what a rate certificate states: the counts, the labels and
positives behind each bound, the small-rate corrected PPI interval (the default certificate method) and the
Clopper-Pearson interval of the labels, equal to the certificate's figures to 1e-9. docs/exports.md and
docs/certificates.md explain each line.
"""
import hashlib, json, math, os, statistics, sys

def load(export_dir):
    manifest = json.load(open(os.path.join(export_dir, "manifest.json")))
    for f in manifest["files"]:                      # the files are the ones the monitor wrote
        data = open(os.path.join(export_dir, f["name"]), "rb").read()
        if hashlib.sha256(data).hexdigest() != f["sha256"]:
            sys.exit(f"{f['name']} does not match its SHA-256 in manifest.json")
    return [json.loads(line) for line in open(os.path.join(export_dir, "buckets.jsonl")) if line.strip()]

def betainc(x, a, b):
    # Regularized incomplete beta I_x(a, b): the continued fraction (modified Lentz), evaluated on the side
    # where it converges fast, I_x(a, b) = 1 - I_{1-x}(b, a) on the other.
    if x <= 0 or x >= 1:
        return 0.0 if x <= 0 else 1.0
    if x > (a + 1) / (a + b + 2):
        return 1.0 - betainc(1 - x, b, a)
    front = math.exp(a * math.log(x) + b * math.log1p(-x) - (math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b))) / a
    tiny, f, c, d = 1e-300, 1.0, 1.0, 0.0
    for i in range(100000):
        m = i // 2                                   # terms d_1, d_2, ... alternate between two forms
        num = 1.0 if i == 0 else (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)) if i % 2 == 0
                                  else -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)))
        d = 1.0 + num * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + num / c
        c = c if abs(c) > tiny else tiny
        f *= c * d
        if abs(1.0 - c * d) < 1e-16:
            return front * (f - 1.0)
    raise ArithmeticError("incomplete beta did not converge")

def betainv(p, a, b):
    # Beta quantile: I_x(a, b) increases in x, so bisect until the bracket stops shrinking (about 1e-16 wide).
    lo, hi = 0.0, 1.0
    while True:
        mid = (lo + hi) / 2
        if mid in (lo, hi):
            return mid
        lo, hi = (mid, hi) if betainc(mid, a, b) < p else (lo, mid)

def exact(p, n, alpha):
    # Clopper-Pearson for a (possibly real-valued) sample of n with rate p, x = p*n (EffectiveSampleInterval.exact).
    x = p * n
    return (0.0 if x <= 0 else betainv(alpha / 2, x, n - x + 1), 1.0 if x >= n else betainv(1 - alpha / 2, x + 1, n - x))

def corrected(labelled, est, se, alpha):
    # The small-rate corrected PPI interval: the binomial sample with the estimate's rate and variance,
    # n* = p(1-p)/se^2 (the labels themselves when p is 0 or 1 or se is 0), and its exact interval.
    if labelled == 0 or math.isnan(est):
        return {"effectiveLabels": 0.0, "lower": 0.0, "upper": 1.0}
    p = min(1.0, max(0.0, est))
    n_eff = p * (1 - p) / (se * se) if 0 < p < 1 and se > 0 else float(labelled)
    lower, upper = exact(p, n_eff, alpha)
    return {"effectiveLabels": n_eff, "lower": lower, "upper": upper}

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
    out = {"interactions": n, "labelled": sums["low"]["labelled"], "classifierMeanScore": sa / n,
           "counts": {k: total(k) for k in ("flagged", "misaligned", "aligned", "ambiguous")}}
    for o in ("low", "high"):
        labelled, positives = sums[o]["labelled"], sums[o]["positives"]
        out[o] = ppi(n, sa, saa, sums[o], z)
        out[o].update(labelled=labelled, positives=positives)
        out[o]["ppiCorrected"] = corrected(labelled, out[o]["estimate"], out[o]["se"], alpha)
        lower, upper = exact(positives / labelled, labelled, alpha) if labelled else (0.0, 1.0)
        out[o]["clopperPearson"] = {"lower": lower, "upper": upper}
    return out

if __name__ == "__main__":
    print(json.dumps(recompute(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 0.05), indent=2))
