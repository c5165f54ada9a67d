#!/usr/bin/env python3
"""One dks solve as a whole process, for timing beside `meanfield transform`:

  python dks_solve.py PHI METHOD NETWORK     e.g. softplus DKS resnet:3,4,23,3   (or mlp:L)

with dks's defaults (zeta = 1.5, q_slope = 1, tau = 0.3, eta = 0.9); prints dks's
parameters. `subnet_for` is the network's subnetwork maximizing function, written as
dks's tests/test_activation_transform.py `_subnet_max_func` (compare_dks.py uses it too).
"""
import sys

from dks.base import activation_transform as dks_at


def subnet_for(text, w=0.6):
    """M_{f,r}(x) of mlp:L or resnet:B1,B2,... (shortcut weight w)."""
    kind, body = text.split(':')
    if kind == 'mlp':
        layers = int(body)

        def subnet(x, r):
            for _ in range(layers):
                x = r(x)
            return x
        return subnet
    blocks = [int(b) for b in body.split(',')]

    def subnet(x, r):
        branch = r(r(r(x)))
        for g in blocks:
            for j in range(g):
                res = r(r(r(x)))
                sh = r(x) if j == 0 else x
                x = w**2 * sh + (1 - w**2) * res
        return max(r(x), branch)
    return subnet


if __name__ == '__main__':
    name, method, network = sys.argv[1:4]
    print(dks_at._get_activations_params([name], method=method, subnet_max_func=subnet_for(network)))
