#!/usr/bin/env python3
"""meanfield transform against DeepMind's dks package (the reference implementation of DKS/TAT).

For each activation both support and each network, this runs
  * dks's solver (dks.base.activation_transform._get_activations_params, numpy/autograd),
    timed in-process, with the network's subnetwork maximizing function written as in
    dks's tests/test_activation_transform.py (_subnet_max_func);
  * `meanfield transform ... --format json`, whose solutions are searched for dks's
    (for odd phi dks may return either member of a mirror pair (a, b, g), (a, -b, -g));
and evaluates BOTH solutions under the exact conditions of SPEC 10.3 with mpmath
(30 digits, quad split at the kink), the exact local target found by mpmath.findroot:
  DKS: Q(1) - 1, E[phi_hat], Q'(1) - q_slope, C'(1) - zeta_local
  TAT: Q(1) - 1, Q'(1) - 1, C'(1) - 1, C''(1) - tau_local
  leaky-relu TAT: max_f C_f(0) - eta, Q(1) - 1.
Prints one line per case: the largest |residual| of each, the largest relative
difference between dks's parameters and the nearest meanfield solution, and that
solution's rank in meanfield's list (1: the one meanfield puts first).

Run (dks in its own venv; python3 -m venv /work/venv-dks && pip install dks absl-py jax jaxlib):
  /work/venv-dks/bin/python reference/dks/compare_dks.py .build/release/meanfield > reference/dks/comparison.txt
"""
import json
import subprocess
import sys
import time

import mpmath as mp
from dks.base import activation_transform as dks_at
from dks_solve import subnet_for

mp.mp.dps = 30
MEANFIELD = sys.argv[1] if len(sys.argv) > 1 else '.build/release/meanfield'
ZETA, QSLOPE, TAU, ETA = 1.5, 1.0, 0.3, 0.9

LAM = mp.mpf('1.0507009873554804934193349852946')
ALP = mp.mpf('1.6732632423543772848170429916717')
# (meanfield name, dks name): phi, phi', phi'' in mpmath, kink (None when analytic)
def sig(u): return 1 / (1 + mp.exp(-u))
ACTS = {
    'softplus': ('softplus', lambda u: mp.log1p(mp.exp(u)), sig, lambda u: sig(u) * (1 - sig(u)), None),
    'tanh': ('tanh', mp.tanh, lambda u: 1 - mp.tanh(u)**2, lambda u: -2 * mp.tanh(u) * (1 - mp.tanh(u)**2), None),
    'silu': ('swish', lambda u: u * sig(u), lambda u: sig(u) + u * sig(u) * (1 - sig(u)),
             lambda u: sig(u) * (1 - sig(u)) * (2 + u * (1 - 2 * sig(u))), None),
    'gelu': ('gelu_exact', lambda u: u * mp.ncdf(u), lambda u: mp.ncdf(u) + u * mp.npdf(u),
             lambda u: mp.npdf(u) * (2 - u * u), None),
    'elu': ('elu', lambda u: u if u > 0 else mp.expm1(u), lambda u: 1 if u > 0 else mp.exp(u),
            lambda u: 0 if u > 0 else mp.exp(u), 0),
    'selu': ('selu', lambda u: LAM * u if u > 0 else LAM * ALP * mp.expm1(u),
             lambda u: LAM if u > 0 else LAM * ALP * mp.exp(u), lambda u: 0 if u > 0 else LAM * ALP * mp.exp(u), 0),
}


NETWORKS = [(name, subnet_for(name)) for name in ('mlp:5', 'resnet:3,4,23,3')]


def exact_local(subnet, method):
    if method == 'dks':
        return mp.findroot(lambda x: subnet(mp.mpf(1), lambda y: x * y) - ZETA, (mp.mpf(1), mp.mpf(2)), solver='anderson')
    return mp.findroot(lambda x: subnet(mp.mpf(0), lambda y: x + y) - TAU, (mp.mpf(0), mp.mpf(1)), solver='anderson')


def mean(fn, a, b, kink):
    pts = [-mp.inf, mp.inf] if kink is None else [-mp.inf, (kink - b) / a, mp.inf]
    return mp.quad(lambda z: fn(z) * mp.exp(-z * z / 2), pts) / mp.sqrt(2 * mp.pi)


def residuals(name, method, target, p):
    _, f, d, dd, kink = ACTS[name]
    a, b, g, dl = [mp.mpf(p[k]) for k in ('input_scale', 'input_shift', 'output_shift', 'output_scale')]
    u = lambda z: a * z + b
    hat = lambda z: dl * (f(u(z)) + g)
    q1 = mean(lambda z: hat(z)**2, a, b, kink)
    qs = mean(lambda z: hat(z) * dl * a * d(u(z)) * z, a, b, kink)
    cs = mean(lambda z: (dl * a * d(u(z)))**2, a, b, kink)
    if method == 'dks':
        return [q1 - 1, mean(hat, a, b, kink), qs - QSLOPE, cs - target]
    cc = mean(lambda z: (dl * a * a * dd(u(z)))**2, a, b, kink)
    return [q1 - 1, qs - 1, cs - 1, cc - target]


def lrelu_cmap(c, s):
    c = mp.mpf(min(1, max(-1, c)))
    return ((1 - s)**2 * (mp.sqrt(1 - c * c) + (mp.pi - mp.acos(c)) * c) / mp.pi + 2 * s * c) / (1 + s * s)


def leaky_residuals(subnet, p):
    s, dl = mp.mpf(p['negative_slope']), mp.mpf(p['output_scale'])
    return [subnet(mp.mpf(0), lambda c: lrelu_cmap(c, s)) - ETA, dl * dl * (1 + s * s) / 2 - 1]


class Refused(Exception):
    pass


def ours(name, method, net):
    args = [MEANFIELD, 'transform', '--phi', name, '--method', method, '--network', net, '--format', 'json']
    t = time.perf_counter()
    run = subprocess.run(args, capture_output=True, text=True)
    if run.returncode != 0:
        raise Refused(run.stderr.strip())
    return json.loads(run.stdout)['solutions'], time.perf_counter() - t


def theirs(dname, method, subnet):
    t = time.perf_counter()
    p = dks_at._get_activations_params(
        [dname], method=method.upper(), dks_params={'c_slope_1_target': ZETA, 'local_q_slope_target': QSLOPE},
        tat_params={'c_val_0_target': ETA, 'c_curve_target': TAU}, subnet_max_func=subnet)[dname]
    return {k: float(v) for k, v in p.items()}, time.perf_counter() - t


def biggest(r):
    return float(max(abs(x) for x in r))


def main():
    print('# network method phi | dks: residual seconds (in process) | meanfield: residual seconds (whole process) '
          '| max relative difference from the nearest meanfield solution, its rank')
    print('# residual: largest |value - target| of the exact conditions (mpmath, 30 digits) at each solution')
    for net, subnet in NETWORKS:
        cases = [('dks', n) for n in ACTS] + [('tat', n) for n in ACTS if n != 'selu'] + [('tat', 'leaky-relu')]
        for method, name in cases:
            print(f'{net} {method} {name} | ' + compare(net, subnet, method, name), flush=True)


def compare(net, subnet, method, name):
    leaky = name == 'leaky-relu'
    try:
        if leaky:
            dp, dt = theirs('leaky_relu', method, subnet)
            dp.update(input_scale=1.0, input_shift=0.0, output_shift=0.0)
            rd = biggest(leaky_residuals(subnet, dp))
        else:
            target = exact_local(subnet, method)
            dp, dt = theirs(ACTS[name][0], method, subnet)
            rd = biggest(residuals(name, method, target, dp))
    except ValueError as e:
        # dks refuses an unreachable target; meanfield must refuse it too.
        try:
            ours(name, method, net)
            return f'dks refused ({str(e)[:60]}...), meanfield solved it'
        except Refused as r:
            return f'both refuse: dks "{str(e)[:60]}..."; meanfield "{str(r)[:90]}..."'
    try:
        sols, ot = ours(name, method, net)
    except Refused as r:
        return f'dks solved it, meanfield refused: {r}'
    keys = ('negative_slope', 'output_scale') if leaky else ('input_scale', 'input_shift', 'output_shift', 'output_scale')
    diffs = [max(abs(op[k] - dp[k]) / max(1, abs(dp[k])) for k in keys) for op in sols]
    rank = min(range(len(sols)), key=lambda i: diffs[i])
    ro = biggest(leaky_residuals(subnet, sols[0]) if leaky else residuals(name, method, target, sols[0]))
    return (f'dks: {rd:.2e} {dt:.3f} s | meanfield: {ro:.2e} {ot:.3f} s '
            f'| {diffs[rank]:.2e}, rank {rank + 1} of {len(sols)}')


if __name__ == '__main__':
    main()
