#!/usr/bin/env python3
"""Independent values of every fixed point of the length map (SPEC 10.1).

    V(q) = sigma_w^2 E[phi(sqrt(q) z)^2] + sigma_b^2,  z ~ N(0, 1).

Every q >= 0 with V(q) = q is found by scanning V(q) - q on a log grid (q from 1e-6
to 1e8, 16 points per decade, plus q = 0 when sigma_b = 0 and phi(0) = 0) and solving
each sign change with mpmath's findroot (anderson, on the bracket) at 20 digits. At
each root chi_q = sigma_w^2 E[phi'^2 + phi phi''] (the slope of V) and chi1 =
sigma_w^2 E[phi'^2]. The Gaussian means are tanh-sinh quadratures on (-inf, 0] and
[0, inf). `diverges_above` is the largest fixed point when sigma_w^2 lim E[phi^2]/q > 1
(1/2 for silu, gelu and softplus), and None otherwise. Nothing here shares code with
the Swift implementation.

softplus has no bistable point: softplus(x) >= relu(x) >= 0, so E[phi^2](q) >= q/2 and
V(q) >= (sigma_w^2/2) q + sigma_b^2 > q for every q once sigma_w^2 > 2: no fixed point
at all (phase divergent), and for sigma_w^2 < 2 a unique one. Its reference cases here
are one of each.

    python3 make_fixed_points_reference.py > fixed_points_reference.json   (a few minutes)
"""
import json

import mpmath as mp

mp.mp.dps = 20


def sig(x):
    return 1 / (1 + mp.exp(-x))


def Phi(x):
    return mp.ncdf(x)


def npdf(x):
    return mp.npdf(x)


PHIS = {
    # name: (phi, phi', phi'')
    "silu": (lambda x: x * sig(x),
             lambda x: sig(x) + x * sig(x) * (1 - sig(x)),
             lambda x: sig(x) * (1 - sig(x)) * (2 + x * (1 - 2 * sig(x)))),
    "gelu": (lambda x: x * Phi(x),
             lambda x: Phi(x) + x * npdf(x),
             lambda x: npdf(x) * (2 - x * x)),
    "softplus": (lambda x: mp.log(1 + mp.exp(x)),
                 lambda x: sig(x),
                 lambda x: sig(x) * (1 - sig(x))),
}


def gauss_mean(f, q):
    if q == 0:
        return f(mp.mpf(0))
    s = mp.sqrt(q)
    w = lambda z: f(s * z) * mp.exp(-z * z / 2)
    return (mp.quad(w, [-mp.inf, -4, 0]) + mp.quad(w, [0, 4, mp.inf])) / mp.sqrt(2 * mp.pi)


def fixed_points(name, sw, sb):
    phi, d1, d2 = PHIS[name]
    w2, b2 = mp.mpf(sw) ** 2, mp.mpf(sb) ** 2
    f = lambda q: w2 * gauss_mean(lambda x: phi(x) ** 2, q) + b2 - q
    roots = []
    if sb == 0 and phi(mp.mpf(0)) == 0:
        roots.append(mp.mpf(0))
    grid = [mp.mpf(10) ** (-6 + mp.mpf(k) / 16) for k in range(0, 14 * 16 + 1)]
    values = [f(q) for q in grid]
    for a, b, fa, fb in zip(grid, grid[1:], values, values[1:]):
        if fa == 0:
            roots.append(a)
        elif fa * fb < 0:
            roots.append(mp.findroot(f, (a, b), solver="anderson"))
    points = []
    for q in roots:
        chi_q = w2 * gauss_mean(lambda x: d1(x) ** 2 + phi(x) * d2(x), q)
        chi1 = w2 * gauss_mean(lambda x: d1(x) ** 2, q)
        if q == 0:  # the slope of V at 0 from above: sigma_w^2 (phi'(0)^2 + phi(0) phi''(0))
            chi_q = w2 * (d1(mp.mpf(0)) ** 2 + phi(mp.mpf(0)) * d2(mp.mpf(0)))
        points.append({"q": float(q), "chi_q": float(chi_q), "chi1": float(chi1), "stable": bool(chi_q < 1)})
    diverges = w2 / 2 > 1
    return {
        "phi": name, "sigma_w": sw, "sigma_b": sb, "fixed_points": points,
        "diverges_above": float(roots[-1]) if diverges and roots else (0.0 if diverges else None),
        "q_star": max((p["q"] for p in points if p["stable"]), default=None),
        "last_grid_sign": mp.sign(values[-1]),
    }


CASES = [
    ("silu", 1.5, 0.2), ("silu", 1.7, 0.2), ("silu", 1.75, 0.2), ("silu", 1.5, 0.0), ("silu", 1.3, 0.2),
    ("gelu", 1.5, 0.2), ("gelu", 1.6, 0.1),
    ("softplus", 1.2, 0.3), ("softplus", 1.5, 0.3),
    # the silu phase diagram, sigma_w 0.5-3 x sigma_b 0-1, at a few points
    ("silu", 0.5, 0.0), ("silu", 0.5, 1.0), ("silu", 1.0, 0.5), ("silu", 2.0, 0.0), ("silu", 2.0, 0.5),
    ("silu", 3.0, 0.0), ("silu", 3.0, 1.0), ("silu", 1.5, 1.0),
]

if __name__ == "__main__":
    out = []
    for name, sw, sb in CASES:
        r = fixed_points(name, sw, sb)
        # the scan reaches the asymptotic sign: V > q at its top exactly when sigma_w^2/2 > 1
        assert (r["last_grid_sign"] > 0) == (sw * sw / 2 > 1), r
        del r["last_grid_sign"]
        out.append(r)
    print(json.dumps(out, indent=1))
