"""NNGP kernel and NTK by layer from neural-tangents 0.6.5 (float64), for
ArchitectureReferenceTests.swift. Run with the venv of /work/shared/peers/requirements-nt.txt:

    /work/venv-nt/bin/python make_nt_reference.py > nt_reference.json

Each case is a network as SPEC §11 describes it, written in stax:
- mlp:    Dense, then (φ, [Dropout(ρ, 'train')], Dense) per layer; `layer` norm puts
          LayerNorm before φ.
- resnet: Dense, then blocks FanOut(2) >> parallel(w·x, branch) >> FanInSum, the branch
          [LayerNorm (pre)] Dense, K × (φ, [Dropout], Dense), times √(1−w²); [LayerNorm (post)].
All layers use parameterization='ntk' (NT's default) with W_std = σw, b_std = σb; the
scalings are Elementwise layers with their exact kernels (s²·K, s²). LayerNorm has eps=0.
Layer l of a case is the kernel of the first l layers (mlp) or of the Dense and l − 1
blocks (resnet), of two inputs x1, x2 in R^3 whose first-layer kernel is any (q11, q22, c).
"""
import json

import jax
jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp
import numpy as np
from neural_tangents import stax
from neural_tangents._src.stax.requirements import layer, supports_masking

D = 3
X = np.array([[1.1, -0.4, 0.7], [0.3, 0.9, -1.2]], dtype=np.float64)


@layer
@supports_masking(remask_kernel=False)
def scale(s):
    """x ↦ s·x: K and Θ times s², and still Gaussian (stax.Elementwise would mark the
    kernel non-Gaussian, which FanInSum refuses)."""
    def init_fn(rng, input_shape):
        return input_shape, ()

    def apply_fn(params, inputs, **kwargs):
        return s * inputs

    def kernel_fn(k, **kwargs):
        s2 = s * s
        return k.replace(nngp=s2 * k.nngp, ntk=None if k.ntk is None else s2 * k.ntk, cov1=s2 * k.cov1,
                         cov2=None if k.cov2 is None else s2 * k.cov2)

    return init_fn, apply_fn, kernel_fn


def phi_layer(name):
    return {"erf": stax.Erf(), "relu": stax.Relu()}[name]


def dense(sw, sb):
    return stax.Dense(512, W_std=sw, b_std=sb, parameterization="ntk")


def mlp_layer(case):
    layers = []
    if case["norm"] == "layer":
        layers.append(stax.LayerNorm(axis=-1, eps=0.0))
    layers.append(phi_layer(case["phi"]))
    if case["dropout"] < 1:
        layers.append(stax.Dropout(case["dropout"], mode="train"))
    layers.append(dense(case["sigma_w"], case["sigma_b"]))
    return stax.serial(*layers)


def block(case):
    w = case["shortcut_weight"]
    branch = []
    if case["norm"] == "pre":
        branch.append(stax.LayerNorm(axis=-1, eps=0.0))
    branch.append(dense(case["sigma_w"], case["sigma_b"]))
    for _ in range(case["branch_depth"]):
        branch.append(phi_layer(case["phi"]))
        if case["dropout"] < 1:
            branch.append(stax.Dropout(case["dropout"], mode="train"))
        branch.append(dense(case["sigma_w"], case["sigma_b"]))
    branch.append(scale(np.sqrt(1 - w * w)))
    layers = [stax.FanOut(2), stax.parallel(scale(w), stax.serial(*branch)), stax.FanInSum()]
    if case["norm"] == "post":
        layers.append(stax.LayerNorm(axis=-1, eps=0.0))
    return stax.serial(*layers)


def layers_of(case):
    rows = []
    net = [dense(case["sigma_w"], case["sigma_b"])]
    for _ in range(case["depth"]):
        _, _, kernel_fn = stax.serial(*net)
        k = kernel_fn(X, None, ("nngp", "ntk"))
        nngp, ntk = np.asarray(k.nngp), np.asarray(k.ntk)
        rows.append({"q11": nngp[0, 0], "q22": nngp[1, 1], "q12": nngp[0, 1],
                     "ntk11": ntk[0, 0], "ntk22": ntk[1, 1], "ntk12": ntk[0, 1]})
        net.append(mlp_layer(case) if case["architecture"] == "mlp" else block(case))
    return [{key: float(v) for key, v in r.items()} for r in rows]


def case(phi, architecture, sw, sb, dropout=1.0, norm="none", w=0.0, k=1, depth=6):
    return {"phi": phi, "architecture": architecture, "sigma_w": sw, "sigma_b": sb, "dropout": dropout,
            "norm": norm, "shortcut_weight": w, "branch_depth": k, "depth": depth}


CASES = []
for phi, sw in (("erf", 1.7), ("relu", 1.3)):
    CASES += [
        case(phi, "mlp", sw, 0.3),
        case(phi, "mlp", sw, 0.3, dropout=0.8),
        case(phi, "mlp", sw, 0.2, norm="layer"),
        case(phi, "mlp", sw, 0.2, dropout=0.7, norm="layer"),
        case(phi, "resnet", sw, 0.3, w=0.6, k=2),
        case(phi, "resnet", sw, 0.1, w=0.3, k=1, dropout=0.9, norm="pre"),
        case(phi, "resnet", sw, 0.4, w=0.5, k=2, norm="post"),
        case(phi, "resnet", sw, 0.2, w=0.8, k=3, dropout=0.75),
    ]

if __name__ == "__main__":
    out = {"source": "neural-tangents 0.6.5, jax 0.4.23, float64 (make_nt_reference.py)",
           "inputs": X.tolist(), "cases": [dict(c, layers=layers_of(c)) for c in CASES]}
    print(json.dumps(out, indent=1))
