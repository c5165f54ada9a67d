#!/usr/bin/env python3
"""Reference values for ModeDynamicsTests.testThreeLayerClosedFormHoldsBelowA0.

The three-layer mode solution (SPEC §8) a(t) = s e^{2st/τ} / (e^{2st/τ} − 1 + s/a0),
evaluated in 800-digit arithmetic with mpmath, so that the cancellation of doubles at
s ≪ a0 (s = 1e-300) plays no part. Prints Swift tuples (s, a0, tau, t, a).
"""
from mpmath import mp, mpf, exp, nstr

mp.dps = 800   # e^{2st/τ} − 1 at s = 1e-300 needs ~300 digits before it is not 0
cases = [
    ("1e-300", "1e-3", "100", "100"),        # the hostile case: double D = 0, a = inf
    ("1e-300", "1e-3", "100", "1e7"),
    ("1e-300", "1e-3", "1e-300", "1e7"),     # 2t/τ = 2e307: a → s is far off, a0·2t/τ dominates
    ("1e-20", "1", "2", "1e3"),
    ("0.2", "2", "100", "3"),                # s < a0 at an ordinary scale
    ("0.5", "2", "100", "0"),                # t = 0: a = a0 exactly
    ("1e-8", "1e-3", "0.01", "5e4"),         # x = 2st/τ = 1e-1: e^{−x} and φ(x) both matter
    ("2.5", "3", "1", "0.5"),                # s just below a0: x = 2.5
]
for s, a0, tau, t in cases:
    S, A0, TAU, T = mpf(s), mpf(a0), mpf(tau), mpf(t)
    e = exp(2 * S * T / TAU)
    a = S * e / (e - 1 + S / A0)
    print(f"({s}, {a0}, {tau}, {t}, {nstr(a, 25, min_fixed=0, max_fixed=0)}),")
