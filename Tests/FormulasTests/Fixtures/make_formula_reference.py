#!/usr/bin/env python3
"""Independent reference values for activations given as formulas (issue: φ as a formula).

For each formula outside meanfield's catalogue, at (σw, σb): q* = V(q*), χ1, χ2, the
correlation map at c = 0.5, and c* where χ1 > 1, from mpmath: 1-D Gaussian integrals by
tanh-sinh quadrature at 30 digits, split at 0; derivatives φ′, φ″ by mpmath.diff (its own
high-precision differentiation, independent of meanfield's automatic differentiation);
2-D integrals as nested 1-D quadratures at 20 digits. Run:

    python3 make_formula_reference.py > formula_reference.json
"""
import json
import mpmath as mp

FORMULAS = {
    "x*erf(x)": lambda x: x * mp.erf(x),
    "0.5*x*(1+tanh(0.8*x))": lambda x: 0.5 * x * (1 + mp.tanh(0.8 * x)),
    "x*tanh(log(1+exp(x)))": lambda x: x * mp.tanh(mp.log(1 + mp.exp(x))),
}
# Where q* exists: σw² · lim E[φ²]/q < 1, the limit being 1 for x·erf(x) (|φ| ~ |x|)
# and 1/2 for the other two (relu-like).
POINTS = {
    "x*erf(x)": [(0.9, 0.1), (0.95, 0.5)],
    "0.5*x*(1+tanh(0.8*x))": [(1.3, 0.1), (1.0, 0.3)],
    "x*tanh(log(1+exp(x)))": [(1.3, 0.1), (1.0, 0.3)],
}


def gauss(f, q):
    """E[f(√q z)], z ~ N(0, 1)."""
    s = mp.sqrt(q)
    g = lambda z: f(s * z) * mp.exp(-z * z / 2)
    return (mp.quad(g, [-mp.inf, -3, 0, 3, mp.inf])) / mp.sqrt(2 * mp.pi)


def gauss2(f, q, c):
    """E[f(u1) f(u2)], u1 = √q z1, u2 = √q (c z1 + √(1−c²) z2)."""
    s, sc = mp.sqrt(q), mp.sqrt(1 - c * c)
    def inner(z1):
        h = lambda z2: f(s * (c * z1 + sc * z2)) * mp.exp(-z2 * z2 / 2)
        return mp.quad(h, [-mp.inf, -3, 0, 3, mp.inf]) / mp.sqrt(2 * mp.pi)
    g = lambda z1: f(s * z1) * inner(z1) * mp.exp(-z1 * z1 / 2)
    return mp.quad(g, [-mp.inf, -3, 0, 3, mp.inf]) / mp.sqrt(2 * mp.pi)


def largest_fixed_point(V):
    """The largest root of V(q) = q: walk down from q = 1e3 by halving until V(q) > q,
    then bisection-safe Anderson iteration on the bracket."""
    hi = mp.mpf(1000)
    assert V(hi) < hi, "V(1000) >= 1000: the length map has no finite limit"
    lo = hi / 2
    while V(lo) <= lo:
        hi, lo = lo, lo / 2
    return mp.findroot(lambda q: V(q) - q, (lo, hi), solver="anderson")


def main():
    out = {}
    for text, phi in FORMULAS.items():
        d1 = lambda x: mp.diff(phi, x, 1)
        d2 = lambda x: mp.diff(phi, x, 2)
        rows = []
        for sw, sb in POINTS[text]:
            mp.mp.dps = 30
            sw2, sb2 = mp.mpf(sw) ** 2, mp.mpf(sb) ** 2
            V = lambda q: sw2 * gauss(lambda x: phi(x) ** 2, q) + sb2
            q = largest_fixed_point(V)
            chi1 = sw2 * gauss(lambda x: d1(x) ** 2, q)
            chi2 = sw2 * gauss(lambda x: d2(x) ** 2, q)
            mp.mp.dps = 20
            cmap = (sw2 * gauss2(phi, q, mp.mpf("0.5")) + sb2) / q
            row = {"sigma_w": sw, "sigma_b": sb, "q_star": float(q), "chi1": float(chi1), "chi2": float(chi2),
                   "c_map_at_half": float(cmap)}
            if chi1 > 1:
                cstar = mp.findroot(lambda c: (sw2 * gauss2(phi, q, c) + sb2) / q - c, mp.mpf("0.3"))
                row["c_star"] = float(cstar)
            rows.append(row)
        out[text] = rows
    print(json.dumps({"generator": "make_formula_reference.py (mpmath %s)" % mp.__version__, "values": out}, indent=1))


if __name__ == "__main__":
    main()
