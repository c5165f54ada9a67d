#!/usr/bin/env python3
"""Independent values for the boundary on the stable branch and the critical line
(SPEC 10.1-10.2), from mpmath at 25 digits; nothing here shares code with the Swift side.

At fixed sigma_b the fixed points of V(q) = sigma_w^2 P(q) + sigma_b^2, P(q) = E[phi(sqrt(q) z)^2],
lie on sigma_w^2(q) = (q - sigma_b^2)/P(q). Along that curve
  saddle-node: P(q) - (q - sigma_b^2) P'(q) = 0, P'(q) = E[phi'^2 + phi phi''],
  chi1 = 1:    (q - sigma_b^2) E[phi'^2] - P(q) = 0.
The critical line by q: sigma_w^2 = 1/E[phi'^2], sigma_b^2 = q - sigma_w^2 P(q), chi_q = sigma_w^2 P'(q).
Its stability changes where E[phi phi''](q) = 0 ("edge"). erf has closed forms:
E[erf'(sqrt(q) z)^2] = (4/pi)/sqrt(1+4q), E[erf(sqrt(q) z)^2] = (2/pi) asin(2q/(1+2q)),
used for the erf rows (a check on the quadrature here as well).

    python3 make_stable_branch_reference.py > stable_branch_reference.json   (about a minute)
"""
import json

import mpmath as mp

mp.mp.dps = 25


def sig(x):
    return 1 / (1 + mp.exp(-x))


PHIS = {
    "silu": (lambda x: x * sig(x),
             lambda x: sig(x) + x * sig(x) * (1 - sig(x)),
             lambda x: sig(x) * (1 - sig(x)) * (2 + x * (1 - 2 * sig(x)))),
    "gelu": (lambda x: x * mp.ncdf(x),
             lambda x: mp.ncdf(x) + x * mp.npdf(x),
             lambda x: mp.npdf(x) * (2 - x * x)),
    "tanh": (mp.tanh,
             lambda x: 1 / mp.cosh(x) ** 2,
             lambda x: -2 * mp.tanh(x) / mp.cosh(x) ** 2),
    "erf": (mp.erf,
            lambda x: 2 / mp.sqrt(mp.pi) * mp.exp(-x * x),
            lambda x: -4 * x / mp.sqrt(mp.pi) * mp.exp(-x * x)),
}


def gauss_mean(f, q):
    s = mp.sqrt(q)
    w = lambda z: f(s * z) * mp.exp(-z * z / 2)
    return (mp.quad(w, [-mp.inf, -8, -4, -2, 0]) + mp.quad(w, [0, 2, 4, 8, mp.inf])) / mp.sqrt(2 * mp.pi)


def moments(name, q):
    """P, E[phi'^2], P' = E[phi'^2 + phi phi''], E[phi phi'']"""
    q = mp.mpf(q)
    if name == "erf":
        P = 2 / mp.pi * mp.asin(2 * q / (1 + 2 * q))
        D = 4 / mp.pi / mp.sqrt(1 + 4 * q)
        dP = mp.diff(lambda t: 2 / mp.pi * mp.asin(2 * t / (1 + 2 * t)), q)
        return P, D, dP, dP - D
    phi, d1, d2 = PHIS[name]
    P = gauss_mean(lambda x: phi(x) ** 2, q)
    D = gauss_mean(lambda x: d1(x) ** 2, q)
    PP = gauss_mean(lambda x: phi(x) * d2(x), q)
    return P, D, D + PP, PP


def first_sign_change(f, lo, hi, n=60, want=None):
    """The bracket of the first sign change of f on a log grid of [lo, hi]."""
    grid = [lo * (hi / lo) ** (mp.mpf(k) / n) for k in range(n + 1)]
    prev = f(grid[0])
    for a, b in zip(grid, grid[1:]):
        fb = f(b)
        if (prev > 0) != (fb > 0) and (want is None or want == (prev > 0)):
            return a, b
        prev = fb
    return None


def solve(f, bracket):
    return mp.findroot(f, bracket, solver="anderson")


def curve_point(name, b, q):
    P, D, dP, _ = moments(name, q)
    w2 = (q - b * b) / P
    return {"sigma_w": float(mp.sqrt(w2)), "q": float(q), "chi_q": float(w2 * dP), "chi1": float(w2 * D)}


def saddle_node(name, b):
    b = mp.mpf(b)
    g = lambda u: (lambda m: m[0] - u * m[2])(moments(name, b * b + u))
    u = solve(g, first_sign_change(g, b * b * mp.mpf("1e-3"), mp.mpf(100), want=True))
    return curve_point(name, b, b * b + u)


def critical_on_curve(name, b):
    b = mp.mpf(b)
    h = lambda u: (lambda m: u * m[1] - m[0])(moments(name, b * b + u))
    u = solve(h, first_sign_change(h, b * b * mp.mpf("1e-3"), mp.mpf(1000)))
    return curve_point(name, b, b * b + u)


def critical_line(name, q):
    P, D, dP, _ = moments(name, q)
    w2 = 1 / D
    b2 = q - w2 * P
    chi_q = w2 * dP
    return {"phi": name, "q_star": float(q), "sigma_w": float(mp.sqrt(w2)),
            "sigma_b": float(mp.sqrt(b2)) if b2 >= 0 else None, "chi_q": float(chi_q), "stable": bool(chi_q < 1)}


def edge(name):
    """Where E[phi phi''] changes sign on the critical line, after a dense sweep that
    checks it is positive below and negative above (q from 1e-8 to 1e8)."""
    f = lambda q: moments(name, q)[3]
    grid = [mp.mpf(10) ** (mp.mpf(k) / 8) for k in range(-64, 65)]
    signs = [f(q) > 0 for q in grid]
    changes = [i for i in range(len(grid) - 1) if signs[i] != signs[i + 1]]
    assert len(changes) == 1 and signs[0] and not signs[-1], (name, changes)
    i = changes[0]
    q = solve(f, (grid[i], grid[i + 1]))
    row = critical_line(name, q)
    return {"phi": name, "q": float(q), "sigma_w": row["sigma_w"], "sigma_b": row["sigma_b"], "sweep_points": len(grid)}


if __name__ == "__main__":
    out = {
        "saddle_node": [dict(phi=n, sigma_b=b, **saddle_node(n, b))
                        for n, b in [("silu", 0.2), ("silu", 0.02), ("silu", 0.5), ("gelu", 0.2)]],
        "critical_on_curve": [dict(phi=n, sigma_b=b, **critical_on_curve(n, b))
                              for n, b in [("silu", 0.02), ("silu", 0.2), ("gelu", 0.2), ("silu", 1.0), ("gelu", 0.5)]],
        "critical_line": [critical_line(n, mp.mpf(q)) for n in ["tanh", "erf", "silu", "gelu"]
                          for q in ["0.0625", "0.5", "2"]],
        "edge": [edge("silu"), edge("gelu")],
    }
    print(json.dumps(out, indent=1))
