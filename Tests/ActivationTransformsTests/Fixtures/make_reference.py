#!/usr/bin/env python3
"""Reference DKS and TAT transforms for ActivationTransformsTests, independent of meanfield.

For each case (phi, method, mlp:L, default targets zeta = 1.5, q_slope = 1, tau = 0.3):
  1. candidates: scipy's hybr from a grid of starts on the conditions of SPEC 10.3 with
     numpy Gauss-Legendre (4000 nodes on [-12, 12], split at phi's kink);
  2. each candidate polished with mpmath.findroot at 40 digits, the Gaussian expectations
     by mpmath.quad on (-inf, kink, inf);
  3. kept when alpha in (0, 4], |beta| <= 4 (TAT: |gamma + phi(beta)| <= 4), deduplicated.
MLP of L nonlinear layers: zeta_local = zeta^(1/L), tau_local = tau/L.
Writes reference.txt: one line per solution,
  phi method L local_target alpha beta gamma delta
with 25 significant digits. Run: python3 make_reference.py > reference.txt
"""
import itertools
import mpmath as mp
import numpy as np
import scipy.optimize as so
from scipy.special import expit, erfc

mp.mp.dps = 40
LAM = mp.mpf('1.0507009873554804934193349852946')
ALP = mp.mpf('1.6732632423543772848170429916717')

# phi, phi', phi'' in mpmath; kink location (None when analytic)
MP = {
    'softplus': (lambda u: mp.log1p(mp.exp(u)), lambda u: 1 / (1 + mp.exp(-u)),
                 lambda u: mp.exp(-u) / (1 + mp.exp(-u))**2, None),
    'tanh': (mp.tanh, lambda u: 1 - mp.tanh(u)**2, lambda u: -2 * mp.tanh(u) * (1 - mp.tanh(u)**2), None),
    'silu': (lambda u: u / (1 + mp.exp(-u)),
             lambda u: 1 / (1 + mp.exp(-u)) + u * mp.exp(-u) / (1 + mp.exp(-u))**2,
             lambda u: (lambda s: s * (1 - s) * (2 + u * (1 - 2 * s)))(1 / (1 + mp.exp(-u))), None),
    'selu': (lambda u: LAM * u if u > 0 else LAM * ALP * mp.expm1(u),
             lambda u: LAM if u > 0 else LAM * ALP * mp.exp(u), lambda u: 0 if u > 0 else LAM * ALP * mp.exp(u), 0),
    'elu': (lambda u: u if u > 0 else mp.expm1(u), lambda u: 1 if u > 0 else mp.exp(u),
            lambda u: 0 if u > 0 else mp.exp(u), 0),
}
NP = {
    'softplus': (lambda u: np.logaddexp(0, u), expit, lambda u: expit(u) * (1 - expit(u))),
    'tanh': (np.tanh, lambda u: 1 - np.tanh(u)**2, lambda u: -2 * np.tanh(u) * (1 - np.tanh(u)**2)),
    'silu': (lambda u: u * expit(u), lambda u: expit(u) + u * expit(u) * (1 - expit(u)),
             lambda u: expit(u) * (1 - expit(u)) * (2 + u * (1 - 2 * expit(u)))),
    'selu': (lambda u: np.where(u > 0, 1.0507009873554805 * u, 1.0507009873554805 * 1.6732632423543772 * np.expm1(np.minimum(u, 0))),
             lambda u: np.where(u > 0, 1.0507009873554805, 1.0507009873554805 * 1.6732632423543772 * np.exp(np.minimum(u, 0))),
             lambda u: np.where(u > 0, 0.0, 1.0507009873554805 * 1.6732632423543772 * np.exp(np.minimum(u, 0)))),
    'elu': (lambda u: np.where(u > 0, u, np.expm1(np.minimum(u, 0))), lambda u: np.where(u > 0, 1.0, np.exp(np.minimum(u, 0))),
            lambda u: np.where(u > 0, 0.0, np.exp(np.minimum(u, 0)))),
}
GL_X, GL_W = np.polynomial.legendre.leggauss(2000)


def np_mean(fn, a, b, kink):
    """E[fn(a z + b)] by Gauss-Legendre on [-12, 12], split at the kink."""
    cuts = [-12.0, 12.0]
    if kink is not None and abs((kink - b) / a) < 12:
        cuts = [-12.0, (kink - b) / a, 12.0]
    total = 0.0
    for lo, hi in zip(cuts[:-1], cuts[1:]):
        z = 0.5 * (hi - lo) * GL_X + 0.5 * (hi + lo)
        total += 0.5 * (hi - lo) * np.sum(GL_W * fn(z) * np.exp(-z * z / 2))
    return total / np.sqrt(2 * np.pi)


def mp_mean(fn, a, b, kink):
    pts = [-mp.inf, mp.inf]
    if kink is not None:
        pts = [-mp.inf, (kink - b) / a, mp.inf]
    return mp.quad(lambda z: fn(z) * mp.exp(-z * z / 2), pts) / mp.sqrt(2 * mp.pi)


def equations(name, method, target, p, mean, lib):
    """The reduced system (DKS: alpha, beta; TAT: alpha, beta, gamma), and (gamma, delta)."""
    f, d, dd = lib[name][:3]
    kink = MP[name][3]
    a, b = p[0], p[1]
    u = lambda z: a * z + b
    m = mean(lambda z: f(u(z)), a, b, kink)
    s2 = mean(lambda z: f(u(z))**2, a, b, kink)
    if method == 'dks':
        g = -m
    else:
        g = p[2]
    power = s2 + 2 * g * m + g * g
    fpz = mean(lambda z: (f(u(z)) + g) * d(u(z)) * z, a, b, kink)
    gain = mean(lambda z: d(u(z))**2, a, b, kink)
    e = [a * fpz / power - (1 if method == 'tat' else 1), a * a * gain / power - (target if method == 'dks' else 1)]
    if method == 'tat':
        curv = mean(lambda z: dd(u(z))**2, a, b, kink)
        e.append(a**4 * curv / power - target)
    return e, g, 1 / (power ** 0.5 if lib is NP else mp.sqrt(power))


def solve(name, method, L):
    target = 1.5 ** (1.0 / L) if method == 'dks' else 0.3 / L
    mtarget = mp.mpf(1.5) ** (mp.mpf(1) / L) if method == 'dks' else mp.mpf('0.3') / L
    starts = itertools.product([0.03, 0.1, 0.3, 1, 3], [-3, -2, -1, -0.5, 0, 0.5, 1, 2, 3],
                               *([[-1, -0.2, 0, 0.2, 1]] if method == 'tat' else []))
    sols = []
    for s0 in starts:
        s0 = list(s0)
        if method == 'tat':  # starts in gamma + phi(beta), as the Swift search
            s0[2] = s0[2] - float(MP[name][0](s0[1]))
        with np.errstate(all='ignore'):
            r = so.root(lambda p: equations(name, method, target, p, np_mean, NP)[0], s0, method='hybr')
        if not r.success or max(abs(np.array(equations(name, method, target, r.x, np_mean, NP)[0]))) > 1e-7:
            continue
        x = [abs(r.x[0])] + list(r.x[1:])
        if any(all(abs(x[i] - y[i]) < 1e-5 * max(1, abs(y[i])) for i in range(len(x))) for y in sols):
            continue
        sols.append(x)
    out = []
    for x in sols:
        p = mp.findroot(lambda *p: equations(name, method, mtarget, p, mp_mean, MP)[0], [mp.mpf(v) for v in x])
        p = [p[i] for i in range(len(x))]
        _, g, dl = equations(name, method, mtarget, p, mp_mean, MP)
        a, b = abs(p[0]), p[1]
        if not (0 < a <= 4 and abs(b) <= 4 and abs(g + MP[name][0](b)) <= 4):
            continue
        out.append((a, b, g, dl))
    return mtarget, out


CASES = [('softplus', 'dks', 5), ('tanh', 'dks', 5), ('silu', 'dks', 5), ('selu', 'dks', 5),
         ('softplus', 'tat', 5), ('tanh', 'tat', 5), ('silu', 'tat', 5), ('elu', 'tat', 5)]

if __name__ == '__main__':
    print('# phi method L local_target input_scale input_shift output_shift output_scale  (make_reference.py)')
    for name, method, L in CASES:
        t, sols = solve(name, method, L)
        for a, b, g, dl in sols:
            print(name, method, L, *[mp.nstr(v, 25, min_fixed=-mp.inf, max_fixed=mp.inf) for v in (t, a, b, g, dl)], flush=True)
