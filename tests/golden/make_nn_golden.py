#!/usr/bin/env python3
"""Golden values from PyTorch 1.13 for the layer and loss tests (engine/nn, engine/loss).

Writes tests/golden/nn.json with, on fixed inputs stored in the file (so the C++ tests need no
Python):
  batch_norm:  torch.nn.BatchNorm1d(3, eps=1e-3, momentum=0.2) with a non-trivial affine
               (gamma, beta): three training-mode batches of different sizes (output,
               running_mean, running_var after each, and dx / dgamma / dbeta for a given dy),
               then an eval-mode batch (output and dx / dgamma / dbeta). eps and momentum are
               not the defaults, so a hard-coded default or eps outside the root shows.
  activations: relu, leaky_relu(0.2), tanh, sigmoid forward and backward on inputs that include
               exactly 0 (relu'(0) = 0, leaky'(0) = slope) and large magnitudes.
  losses:      MSELoss, BCEWithLogitsLoss (hard and soft targets, logits up to +-200) and
               CrossEntropyLoss with probability targets (one-hot rows, soft rows, rows
               not summing to 1, large logits): value, d loss / d z, and the prediction
               (identity, sigmoid, softmax).
  mlp:         Linear(2,4) Tanh Linear(4,3,bias=False) BatchNorm1d(3) ReLU Linear(3,1), given weights, on
               one batch in training mode with BCEWithLogitsLoss: z, loss, every parameter's
               gradient (under the engine's parameter names), the running statistics after the
               step, and the eval-mode z afterwards.
Everything is computed in float64 (the C++ float build compares at float tolerance).
Deterministic: inputs come from numpy's RandomState(seed); floats are written with Python's
shortest round-trip repr. Run: /usr/bin/python3 tests/golden/make_nn_golden.py
"""
import json
import os

import numpy as np
import torch

torch.set_default_dtype(torch.float64)


def mat(t):
    """A 2-D list (row-major) from a tensor or array; vectors become one row."""
    a = t.detach().numpy() if isinstance(t, torch.Tensor) else np.asarray(t)
    if a.ndim == 1:
        a = a.reshape(1, -1)
    return [[float(v) for v in row] for row in a]


def tensor(a, grad=False):
    return torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=grad)


def batch_norm_case(rng):
    features, eps, momentum = 3, 1e-3, 0.2
    bn = torch.nn.BatchNorm1d(features, eps=eps, momentum=momentum)
    with torch.no_grad():
        bn.weight.copy_(tensor([1.5, 0.5, -1.0]))
        bn.bias.copy_(tensor([0.1, -0.2, 0.3]))
    # Per-feature scales and offsets; the third feature has a small variance so eps matters.
    scale = np.array([2.0, 0.5, 0.05])
    offset = np.array([1.0, -3.0, 0.5])
    train = []
    bn.train()
    for rows in (5, 4, 6):
        x = tensor(rng.randn(rows, features) * scale + offset, grad=True)
        dy = rng.randn(rows, features)
        bn.zero_grad()
        y = bn(x)
        y.backward(tensor(dy))
        train.append({
            "x": mat(x), "y": mat(y), "dy": mat(dy), "dx": mat(x.grad),
            "dgamma": mat(bn.weight.grad), "dbeta": mat(bn.bias.grad),
            "running_mean": mat(bn.running_mean), "running_var": mat(bn.running_var),
        })
    bn.eval()
    x = tensor(rng.randn(4, features) * scale + offset, grad=True)
    dy = rng.randn(4, features)
    bn.zero_grad()
    y = bn(x)
    y.backward(tensor(dy))
    evaluation = {"x": mat(x), "y": mat(y), "dy": mat(dy), "dx": mat(x.grad),
                  "dgamma": mat(bn.weight.grad), "dbeta": mat(bn.bias.grad)}
    return {"features": features, "eps": eps, "momentum": momentum,
            "gamma": mat(bn.weight), "beta": mat(bn.bias), "train": train, "eval": evaluation}


def activation_cases(rng):
    x = np.concatenate([[0.0, -0.0, 1e-3, -1e-3, 3.0, -3.0, 40.0, -40.0, 120.0, -120.0],
                        rng.randn(10) * 2.0]).reshape(4, 5)
    dy = rng.randn(4, 5)
    fns = {
        "relu": (torch.nn.ReLU(), 0.0),
        "leakyRelu": (torch.nn.LeakyReLU(0.2), 0.2),
        "tanh": (torch.nn.Tanh(), 0.0),
        "sigmoid": (torch.nn.Sigmoid(), 0.0),
    }
    out = []
    for name, (fn, slope) in fns.items():
        xt = tensor(x, grad=True)
        y = fn(xt)
        y.backward(tensor(dy))
        out.append({"kind": name, "slope": slope, "x": mat(x), "y": mat(y), "dy": mat(dy),
                    "dx": mat(xt.grad)})
    return out


def loss_case(kind, loss_fn, predict_fn, z, y):
    zt = tensor(z, grad=True)
    value = loss_fn(zt, tensor(y))
    value.backward()
    return {"kind": kind, "z": mat(z), "y": mat(y), "value": float(value),
            "dz": mat(zt.grad), "predict": mat(predict_fn(zt))}


def loss_cases(rng):
    cases = []
    mse = torch.nn.MSELoss()
    cases.append(loss_case("mse", mse, lambda z: z, rng.randn(4, 2) * 2.0, rng.randn(4, 2)))
    bce = torch.nn.BCEWithLogitsLoss()
    z = np.array([[0.0], [2.5], [-1.5], [30.0], [-30.0], [200.0], [-200.0], [0.7]])
    y_hard = np.array([[1.0], [0.0], [0.0], [1.0], [1.0], [0.0], [1.0], [1.0]])
    y_soft = np.array([[0.3], [0.9], [0.5], [0.75], [0.1], [0.6], [0.2], [0.0]])
    cases.append(loss_case("bce_with_logits", bce, torch.sigmoid, z, y_hard))
    cases.append(loss_case("bce_with_logits", bce, torch.sigmoid, z, y_soft))
    ce = torch.nn.CrossEntropyLoss()
    softmax = lambda t: torch.softmax(t, dim=1)  # noqa: E731
    z = np.vstack([rng.randn(3, 4) * 2.0, [[100.0, 50.0, -20.0, 99.0]],
                   [[-300.0, -310.0, -305.0, -300.5]]])
    y_onehot = np.eye(4)[[2, 0, 3, 1, 2]]
    # Soft rows sum to 1 (mixup of one-hot rows, label smoothing).
    y_soft = np.array([[0.7, 0.3, 0.0, 0.0], [0.025, 0.925, 0.025, 0.025],
                       [0.0, 0.0, 0.4, 0.6], [0.25, 0.25, 0.25, 0.25], [0.1, 0.2, 0.3, 0.4]])
    cases.append(loss_case("softmax_cross_entropy", ce, softmax, z, y_onehot))
    cases.append(loss_case("softmax_cross_entropy", ce, softmax, z, y_soft))
    # Rows that do not sum to 1: PyTorch's gradient is softmax * sum(y) - y, not softmax - y.
    mass = np.array([[0.5], [1.5], [1.0], [2.0], [0.2]])
    cases.append(loss_case("softmax_cross_entropy", ce, softmax, z, y_soft * mass))
    return cases


def mlp_case(rng):
    eps, momentum = 1e-5, 0.1
    model = torch.nn.Sequential(
        torch.nn.Linear(2, 4), torch.nn.Tanh(),
        torch.nn.Linear(4, 3, bias=False), torch.nn.BatchNorm1d(3, eps=eps, momentum=momentum),
        torch.nn.ReLU(), torch.nn.Linear(3, 1))
    with torch.no_grad():
        for m in model:
            if isinstance(m, torch.nn.Linear):
                m.weight.copy_(tensor(rng.randn(*m.weight.shape) * 0.8))
                if m.bias is not None:
                    m.bias.copy_(tensor(rng.randn(*m.bias.shape) * 0.3))
        model[3].weight.copy_(tensor([1.2, 0.8, 1.1]))
        model[3].bias.copy_(tensor([0.2, 0.1, 0.3]))
    # The engine's names: "layers.<k>" with k the index of the dense layer a parameter
    # belongs to (batch norm shares the index of the dense layer before it).
    names = [("layers.0.weight", model[0].weight), ("layers.0.bias", model[0].bias),
             ("layers.1.weight", model[2].weight),  # no bias before batch norm
             ("layers.1.bnScale", model[3].weight), ("layers.1.bnShift", model[3].bias),
             ("layers.2.weight", model[5].weight), ("layers.2.bias", model[5].bias)]
    x = rng.randn(6, 2)
    y = np.array([[1.0], [0.0], [1.0], [1.0], [0.0], [0.0]])
    params = [{"name": n, "value": mat(p)} for n, p in names]
    relu_inputs = []
    model[4].register_forward_hook(lambda m, inp, out: relu_inputs.append(inp[0].detach()))
    model.train()
    z = model(tensor(x))
    loss = torch.nn.BCEWithLogitsLoss()(z, tensor(y))
    loss.backward()
    # ReLU inputs away from the kink, so float rounding cannot flip a derivative.
    assert relu_inputs[0].abs().min() > 1e-2, relu_inputs[0]
    for entry, (_, p) in zip(params, names):
        entry["grad"] = mat(p.grad)
    model.eval()
    with torch.no_grad():
        z_eval = model(tensor(x))
    return {"eps": eps, "momentum": momentum, "x": mat(x), "y": mat(y), "params": params,
            "z": mat(z), "loss": float(loss),
            "running_mean": mat(model[3].running_mean), "running_var": mat(model[3].running_var),
            "z_eval": mat(z_eval)}


def main():
    rng = np.random.RandomState(20240601)
    golden = {
        "generator": "tests/golden/make_nn_golden.py",
        "torch": torch.__version__.split("a")[0].split("+")[0],
        "batch_norm": batch_norm_case(rng),
        "activations": activation_cases(rng),
        "losses": loss_cases(rng),
        "mlp": mlp_case(rng),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nn.json")
    with open(path, "w") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
