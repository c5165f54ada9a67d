#!/usr/bin/env python3
"""Independent values of c* and chi_c for erf near the order-to-chaos edge.

erf has closed-form Gaussian integrals (Williams 1997), with q1 = q2 = q:

    V(q)   = sigma_w^2 (2/pi) asin(2q/(1 + 2q)) + sigma_b^2
    C(c)   = sigma_w^2 (2/pi) asin(2qc/(1 + 2q)) + sigma_b^2
    chi_c(c) = dC/dc / q = sigma_w^2 (4/pi) / sqrt((1 + 2q)^2 - (2qc)^2)
    chi_c'(c)  = sigma_w^2 (4/pi) (2q)^2 c / ((1 + 2q)^2 - (2qc)^2)^(3/2)

q* solves V(q) = q; chi1 = chi_c(1); the critical sigma_w at a sigma_b solves chi1 = 1
together with q* = V(q*). For sigma_w = sigma_w_crit (1 + eps), c* is the root of
C(c)/q* = c below 1 (where the map's slope is < 1), found by findroot at 50 digits
by bisection on its sign change to 1e-50. Each case stores q*,
c*, chi_c at c* and chi_c' at c*, so a test can form the exact slope at any c near c*.
Nothing here shares code with the Swift implementation.

    python3 make_correlation_reference.py > correlation_reference.json   (seconds)
"""
import json

import mpmath as mp

mp.mp.dps = 50
TWO_PI = 2 / mp.pi


def v(q, w, b):
    return w * w * TWO_PI * mp.asin(2 * q / (1 + 2 * q)) + b * b


def q_star(w, b):
    # V(q) - q changes sign once on (0, inf) for erf with sigma_b > 0.
    lo, hi = mp.mpf(b * b), mp.mpf(w * w + b * b)
    return mp.re(mp.findroot(lambda q: v(q, w, b) - q, (lo, hi), solver="anderson"))


def chi_c(c, q, w):
    return w * w * 2 * TWO_PI / mp.sqrt((1 + 2 * q) ** 2 - (2 * q * c) ** 2)


def dchi_c(c, q, w):
    return w * w * 2 * TWO_PI * (2 * q) ** 2 * c / ((1 + 2 * q) ** 2 - (2 * q * c) ** 2) ** mp.mpf(1.5)


def critical_w(b):
    def chi1_minus_one(w):
        return chi_c(1, q_star(w, b), w) - 1
    return mp.re(mp.findroot(chi1_minus_one, (mp.mpf("1.0"), mp.mpf("3.0")), solver="anderson"))


def c_star(q, w, b):
    def f(c):
        return (w * w * TWO_PI * mp.asin(2 * q * c / (1 + 2 * q)) + b * b) / q - c
    # F(0) > 0 > F(1 - h) for small h: bisect on [0, 1 - h] where h is below the root's gap.
    lo, hi = mp.mpf(0), mp.mpf(1)
    h = mp.mpf(1)
    while f(1 - h) > 0 or chi_c(1 - h, q, w) >= 1:
        h /= 2
        if h < mp.mpf(10) ** -40:
            raise ValueError("no root below 1")
    hi = 1 - h
    for _ in range(170):
        mid = (lo + hi) / 2
        if f(mid) > 0:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


cases = []
for b in ["0.05", "0.3", "1"]:
    wc = critical_w(mp.mpf(b))
    for eps in ["1e-2", "1e-3", "1e-4", "1e-5"]:
        # sigma_w rounded to 17 digits, as the Swift test passes it.
        w = mp.mpf(float(wc * (1 + mp.mpf(eps))))
        bb = mp.mpf(float(mp.mpf(b)))
        q = q_star(w, bb)
        c = c_star(q, w, bb)
        cases.append({
            "sigma_w": float(w), "sigma_b": float(bb), "q_star": mp.nstr(q, 25),
            "c_star": mp.nstr(c, 25), "chi_c": mp.nstr(chi_c(c, q, w), 25),
            "dchi_c": mp.nstr(dchi_c(c, q, w), 25),
        })
print(json.dumps({"phi": "erf", "cases": cases}, indent=1))
