#!/usr/bin/env python3
"""Independent high-precision reference values for the mean-field integrals.

One-dimensional integrals: mpmath at 30 significant digits by tanh-sinh quadrature,
with the real line split at 0 and at +-2^k/sqrt(q), so the nearby poles of tanh and
sigmoid at +-i*pi/(2 sqrt q) (resp. +-i*pi/sqrt q) are resolved.
Two-dimensional integrals (nested, inner split around the moving singular point
z2 = -c z1/sqrt(1-c^2)): mpmath Gauss-Legendre at 20 digits, two processes.
Nothing here shares code with the Swift implementation. Run once (about 4 minutes):

    python3 make_reference.py > reference.json

and commit both files. Each value is printed with 25 significant digits.
"""
import json
import multiprocessing
import sys

import mpmath as mp

mp.mp.dps = 30


def tanh(x):
    return mp.tanh(x)


def dtanh(x):
    return 1 - mp.tanh(x) ** 2


def ddtanh(x):
    t = mp.tanh(x)
    return -2 * t * (1 - t * t)


def sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def dsigmoid(x):
    s = sigmoid(x)
    return s * (1 - s)


def ddsigmoid(x):
    s = sigmoid(x)
    return s * (1 - s) * (1 - 2 * s)


PHI = {
    "tanh": (tanh, dtanh, ddtanh),
    "sigmoid": (sigmoid, dsigmoid, ddsigmoid),
}


def breaks(scale, center=0):
    """Split points around `center`: graded by the scale of the integrand's features."""
    pts = [center]
    for k in range(-8, 4):
        d = scale * mp.mpf(2) ** k
        pts = [center - d] + pts + [center + d]
    lo, hi = -12, 12
    pts = [p for p in pts if lo < p < hi]
    return [mp.mpf(lo)] + sorted(set(pts)) + [mp.mpf(hi)]


def gauss_mean(f, q):
    """E[f(sqrt(q) z)], z ~ N(0, 1)."""
    s = mp.sqrt(q)
    g = lambda z: f(s * z) * mp.exp(-z * z / 2) / mp.sqrt(2 * mp.pi)
    return mp.quad(g, breaks(1 / s))


def breaks2(scale, center=0):
    pts = [center]
    for k in range(-3, 3):
        d = scale * mp.mpf(2) ** k
        pts = [center - d] + pts + [center + d]
    pts = [p for p in pts if -10 < p < 10]
    return [mp.mpf(-10)] + sorted(set(pts)) + [mp.mpf(10)]


def cov2(f, g, q1, q2, c, dps=20):
    """E[f(u1) g(u2)], u1 = sqrt(q1) z1, u2 = sqrt(q2)(c z1 + sqrt(1-c^2) z2)."""
    with mp.workdps(dps):
        q1, q2, c = mp.mpf(q1), mp.mpf(q2), mp.mpf(c)
        s1, s2 = mp.sqrt(q1), mp.sqrt(q2)
        sc = mp.sqrt(1 - c * c)
        norm = 1 / mp.sqrt(2 * mp.pi)

        def inner(z1):
            m = s2 * c * z1
            h = lambda z2: g(m + s2 * sc * z2) * mp.exp(-z2 * z2 / 2) * norm
            return mp.quad(h, breaks2(1 / (s2 * sc), center=-m / (s2 * sc)), method="gauss-legendre")

        outer = lambda z1: f(s1 * z1) * inner(z1) * mp.exp(-z1 * z1 / 2) * norm
        scale = min(1 / s1, 1 / (s2 * abs(c))) if c != 0 else 1 / s1
        return mp.quad(outer, breaks2(scale), method="gauss-legendre")


def cov_case(args):
    name, q1, q2, c = args
    f = PHI[name][0]
    return {"phi": name, "q1": q1, "q2": q2, "c": c, "mean": mp.nstr(cov2(f, f, q1, q2, c), 18)}


def cstar_case(args):
    """c* of tanh at sigma_b = 0.3 by the secant method on C(c)/q* - c (20-digit cov2)."""
    sw, qs_text = args
    sw2, sb2, qs = mp.mpf(sw) ** 2, mp.mpf("0.09"), mp.mpf(qs_text)
    F = lambda c: (sw2 * cov2(tanh, tanh, qs, qs, c) + sb2) / qs - c
    with mp.workdps(20):
        cs = mp.findroot(F, (mp.mpf("0.05"), mp.mpf("0.3")), solver="secant", tol=1e-30, maxsteps=12)
    return {"sigma_w": sw, "c_star": mp.nstr(cs, 16)}


def fmt(x):
    return mp.nstr(x, 25)


def main():
    out = {"generator": "make_reference.py (mpmath %s, %d digits)" % (mp.__version__, mp.mp.dps),
           "moments": [], "covariance": [], "fixed_points": []}
    # One-dimensional moments E[phi^2], E[phi'^2], E[phi''^2] across the required q range.
    for name, (f, d, dd) in PHI.items():
        for q in ["1e-8", "1e-3", "0.5", "2", "10", "100", "1000"]:
            qm = mp.mpf(q)
            out["moments"].append({
                "phi": name, "q": q,
                "phi2": fmt(gauss_mean(lambda x: f(x) ** 2, qm)),
                "dphi2": fmt(gauss_mean(lambda x: d(x) ** 2, qm)),
                "ddphi2": fmt(gauss_mean(lambda x: dd(x) ** 2, qm)),
            })
            print("moments", name, q, file=sys.stderr)
    # Fixed points of tanh at the paper's featured points (sigma_b = 0.3).
    for sw in ["1.3", "2.5", "4.0"]:
        sw2, sb2 = mp.mpf(sw) ** 2, mp.mpf("0.3") ** 2
        V = lambda q: sw2 * gauss_mean(lambda x: tanh(x) ** 2, q) + sb2
        qs = mp.findroot(lambda q: V(q) - q, sw2 / 2 + sb2)
        chi1 = sw2 * gauss_mean(lambda x: dtanh(x) ** 2, qs)
        chi2 = sw2 * gauss_mean(lambda x: ddtanh(x) ** 2, qs)
        out["fixed_points"].append({"phi": "tanh", "sigma_w": sw, "sigma_b": "0.3", "q_star": fmt(qs),
                                    "chi1": fmt(chi1), "chi2": fmt(chi2)})
        print("fixed point", sw, file=sys.stderr)
    # Two-dimensional E[phi(u1) phi(u2)] at a spread of (q1, q2, c), and c* of the two
    # chaotic featured points, on two processes.
    cases = [("tanh", "0.5", "2", "0.3"), ("tanh", "2", "2", "-0.7"), ("tanh", "10", "4", "0.9"),
             ("tanh", "4", "4", "0.999"), ("tanh", "30", "30", "0.2"), ("tanh", "100", "50", "-0.5"),
             ("sigmoid", "0.5", "2", "0.3"), ("sigmoid", "10", "4", "0.9"), ("sigmoid", "30", "30", "-0.2")]
    chaotic = [(e["sigma_w"], e["q_star"]) for e in out["fixed_points"] if mp.mpf(e["chi1"]) > 1]
    with multiprocessing.Pool(2) as pool:
        covs = pool.map_async(cov_case, cases)
        stars = pool.map_async(cstar_case, chaotic)
        out["covariance"] = covs.get()
        for s in stars.get():
            next(e for e in out["fixed_points"] if e["sigma_w"] == s["sigma_w"])["c_star"] = s["c_star"]
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
