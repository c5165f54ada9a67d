#!/usr/bin/env python3
"""Independent values of the order-to-chaos boundary for elu and selu.

For each sigma_b, the boundary is the sigma_w with chi1 = 1 at the length fixed point:
    q = sigma_w^2 E[phi(sqrt(q) z)^2] + sigma_b^2,   sigma_w^2 E[phi'(sqrt(q) z)^2] = 1.
Eliminating sigma_w^2 = 1/E[phi'^2](q) leaves one equation in q,
    q = E[phi^2](q) / E[phi'^2](q) + sigma_b^2,
solved by mpmath at 30 digits; the Gaussian integrals by tanh-sinh quadrature on
(-inf, 0] and [0, inf) (the kink of both at 0). The root is then checked to be the
length map's largest fixed point (the q* the tool reports: V(q) < q above it, since
sigma_w^2 lim E[phi^2]/q < 1 there) and its sigma_w to lie below the divergence limit
1/sqrt(lim E[phi^2]/q). Nothing here shares code with the Swift implementation.

    python3 make_boundary_reference.py > boundary_reference.json   (about 10 minutes)
"""
import json

import mpmath as mp

mp.mp.dps = 30

LAMBDA = mp.mpf("1.0507009873554804934193349852946")
ALPHA = mp.mpf("1.6732632423543772848170429916717")

PHIS = {
    # name: (phi, phi', lim E[phi^2]/q)
    "elu": (lambda x: x if x > 0 else mp.expm1(x), lambda x: 1 if x > 0 else mp.exp(x), mp.mpf(1) / 2),
    "selu": (lambda x: LAMBDA * x if x > 0 else LAMBDA * ALPHA * mp.expm1(x),
             lambda x: LAMBDA if x > 0 else LAMBDA * ALPHA * mp.exp(x), LAMBDA ** 2 / 2),
}


def gauss_mean(f, q):
    s = mp.sqrt(q)
    w = lambda z: f(s * z) * mp.exp(-z * z / 2)
    return (mp.quad(w, [-mp.inf, 0]) + mp.quad(w, [0, mp.inf])) / mp.sqrt(2 * mp.pi)


def boundary(name, sigma_b):
    phi, dphi, growth = PHIS[name]
    e2 = lambda q: gauss_mean(lambda x: phi(x) ** 2, q)
    d2 = lambda q: gauss_mean(lambda x: dphi(x) ** 2, q)
    g = lambda q: e2(q) / d2(q) + sigma_b ** 2 - q
    # Bracket the root on a geometric scan, then refine.
    qs = [mp.mpf(10) ** (k / mp.mpf(8)) for k in range(-64, 80)]
    roots = []
    for a, b in zip(qs, qs[1:]):
        if g(a) * g(b) < 0:
            roots.append(mp.findroot(g, (a, b), solver="anderson"))
    assert len(roots) == 1, (name, sigma_b, roots)
    q = roots[0]
    sw = 1 / mp.sqrt(d2(q))
    assert sw ** 2 * growth < 1, (name, sigma_b, sw)
    # q is the largest fixed point of V at this sigma_w: V(x) < x above it.
    v = lambda x: sw ** 2 * e2(x) + sigma_b ** 2
    for k in range(1, 60):
        x = q * (1 + mp.mpf(2) ** (k / 4) / 100)
        assert v(x) < x, (name, sigma_b, x)
    return sw, q


def main():
    rows = []
    for name in ["elu", "selu"]:
        for sb in ["0.1", "0.2", "0.3", "0.4", "0.5", "1", "2"]:
            sw, q = boundary(name, mp.mpf(sb))
            rows.append({"phi": name, "sigma_b": float(sb),
                         "sigma_w_critical": mp.nstr(sw, 25), "q_star": mp.nstr(q, 25)})
    json.dump({"boundary": rows}, __import__("sys").stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
