#!/usr/bin/env python3
"""Speed, side by side in one run: a 41×41 (σw, σb) grid of NNGP and NTK kernels to
depth 30 of a residual network, neural-tangents 0.6.5 (jit + vmap, float64, compile
time included) against one `meanfield iterate` process, and their largest difference.

Network (both): layer 1 the input pair's kernel (q = 1, c = 0.5, Θ¹ = K¹), then 29
residual blocks x' = w x + √(1−w²) B(x), B = Dense, φ, Dense (w = 0.5, K = 1), NTK
parameterisation. φ = erf (NT's closed form) and tanh (NT's ElementwiseNumerical, a
deg² Gauss–Hermite rule, at deg = 200).

Run with the venv of /work/shared/peers/requirements-nt.txt and the release binary:
    swift build -c release --product meanfield
    /work/venv-nt/bin/python bench/ntk_resnet_bench.py .build/release/meanfield [erf|tanh]
"""
import json
import math
import os
import subprocess
import sys
import time
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
warnings.filterwarnings("ignore")

import jax
jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp
import numpy as np
from neural_tangents import stax

DEPTH, W, N = 30, 0.5, 41


def make(kind, deg):
    """Per-layer (K, Θ) of the two inputs as a function of traced (σw, σb). Each block is
    FanOut(2) >> parallel(w·x, B) >> FanInSum written out on NT's Kernel objects: the sum
    of the scaled kernels, K ↦ w²K + (1−w²)K_B, Θ likewise (what FanInSum does; the
    tested composition is in make_nt_reference.py), B = Dense >> φ >> Dense from stax."""
    phi = (stax.Erf() if kind == "erf" else stax.ElementwiseNumerical(
        fn=jnp.tanh, deg=deg, df=lambda x: 1.0 - jnp.tanh(x) ** 2))[2]
    inp = stax.Dense(1, W_std=1.0, b_std=None, parameterization="ntk")[2]
    w2, v2 = W * W, 1 - W * W

    def f(sw, sb):
        x1 = jnp.array([math.sqrt(2.0), 0.0])
        x2 = math.sqrt(2.0) * jnp.array([0.5, math.sqrt(0.75)])
        k = inp(jnp.stack([x1, x2]), None)
        dense = stax.Dense(1, W_std=sw, b_std=sb, parameterization="ntk")[2]
        out = [jnp.stack([k.nngp, k.ntk])]
        for _ in range(DEPTH - 1):
            b = dense(phi(dense(k)))
            k = k.replace(nngp=w2 * k.nngp + v2 * b.nngp, ntk=w2 * k.ntk + v2 * b.ntk,
                          cov1=w2 * k.cov1 + v2 * b.cov1)
            out.append(jnp.stack([k.nngp, k.ntk]))
        return jnp.stack(out)  # (30, 2, 2, 2)
    return f


def nt_grid(kind, deg):
    """The grid through jit(vmap(f)): in one call for erf; for tanh in 41 calls of one
    σb row each (one compiled function), since one call over all 1681 points asks XLA for
    32 GB (deg² = 40 000 nodes per kernel entry). Returns (compile and first pass,
    second pass, kernels)."""
    ws, bs = np.linspace(1, 5, N), np.linspace(0, 4, N)
    B, Wg = np.meshgrid(bs, ws, indexing="ij")   # σb outer, σw inner: meanfield's row order
    g = jax.jit(jax.vmap(make(kind, deg)))
    chunk = N * N if kind == "erf" else N
    w, b = jnp.asarray(Wg.ravel()), jnp.asarray(B.ravel())

    def run():
        parts = [g(w[i:i + chunk], b[i:i + chunk]).block_until_ready() for i in range(0, N * N, chunk)]
        return np.concatenate([np.asarray(p) for p in parts])
    t0 = time.perf_counter()
    out = run()
    first = time.perf_counter() - t0
    if kind != "erf":
        return first, None, out  # a second pass of the tanh grid costs as much again
    t0 = time.perf_counter()
    run()
    steady = time.perf_counter() - t0
    return first, steady, out


def ours(binary, kind):
    args = [binary, "iterate", "--phi", kind, "--architecture", "resnet", "--shortcut-weight", str(W),
            "--sigma-w", f"1:5:{N}", "--sigma-b", f"0:4:{N}", "--depth", str(DEPTH), "--q0", "1", "--c0", "0.5",
            "--ntk", "--format", "json"]
    t0 = time.perf_counter()
    run = subprocess.run(args, capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - t0
    rows = json.loads(run.stdout)["rows"]
    return elapsed, rows


def compare(rows, out):
    """Largest difference over the grid of K (relative to K(x, x); K12 may pass through
    0) and of Θ (relative to Θ(x, x)), and the points where Θ differs by more than 1e-8.
    Where Θ grows large (σw = 5: Θ(x, x) ~ 1e32 by layer 30) NT's jitted kernel drifts
    from its own eager one (jit alone: inf at σw = 5, σb = 0.3, layer 30; eager:
    6.770171880299690e32, ours 6.770171880301107e32)."""
    k_worst = theta_worst = 0.0
    theta_off = set()
    for i, r in enumerate(rows):
        p, l = divmod(i, DEPTH)
        k = out[p, l]
        q12 = r["c"] * r["q"]
        k_worst = max(k_worst, abs(r["q"] - k[0, 0, 0]) / k[0, 0, 0], abs(q12 - k[0, 0, 1]) / k[0, 0, 0])
        d = max(abs(r["ntk"] - k[1, 0, 0]), abs(r["ntk_12"] - k[1, 0, 1])) / abs(k[1, 0, 0])
        if not d <= 1e-8:
            theta_off.add(p)
        else:
            theta_worst = max(theta_worst, d)
    return k_worst, theta_worst, len(theta_off)


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/meanfield"
    result = {"grid": f"{N}x{N}", "depth": DEPTH, "shortcut_weight": W}
    only = sys.argv[2].split(",") if len(sys.argv) > 2 else ["erf", "tanh"]
    for kind, deg in (("erf", None), ("tanh", 200)):
        if kind not in only:
            continue
        first, steady, out = nt_grid(kind, deg)
        elapsed, rows = ours(binary, kind)
        result[kind] = {"nt_compile_and_first_call_s": round(first, 3), "nt_steady_call_s": None if steady is None else round(steady, 3),
                        "meanfield_process_s": round(elapsed, 3),
                        "speedup_vs_nt_with_compile": round(first / elapsed, 2),
                        "speedup_vs_nt_steady": None if steady is None else round(steady / elapsed, 2),
                        "nt_deg": deg}
        k, theta, off = compare(rows, out)
        result[kind].update({"max_rel_difference_k": k, "max_rel_difference_ntk_where_within_1e-8": theta,
                             "points_where_ntk_differs_by_more_than_1e-8": off})
        print(f"# {kind}: {json.dumps(result[kind])}", file=sys.stderr, flush=True)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
