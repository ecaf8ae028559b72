#!/usr/bin/env python3
"""Golden values from PyTorch 1.13 and torchvision 0.14 for the CNN layers (engine/nn).

Writes tests/golden/cnn.json with, on fixed random inputs stored in the file (the C++ tests need
no Python):
  conv2d:       torch.nn.Conv2d forward and backward (y, dx, dweight, dbias for a given dy) on
                several shapes: non-square images and kernels, stride 2, padding, no bias. The
                weight is stored as out x (in*kh*kw), torch's [out][in][kh][kw] row-major.
  max_pool2d:   torch.nn.MaxPool2d forward and backward, non-overlapping and overlapping
                windows, one input with many ties (small integers): torch routes the gradient
                to the first maximum of each window in row-major order.
  avg_pool2d:   torch.nn.AvgPool2d forward and backward, the same window kinds.
  global_avg:   AdaptiveAvgPool2d(1) + Flatten forward and backward.
  batch_norm2d: torch.nn.BatchNorm2d(3, eps=1e-3, momentum=0.2) with a non-trivial affine:
                three training batches (one of a single sample: statistics over H*W), the
                running statistics after each, then an eval batch; y, dx, dgamma, dbeta.
  dropout2d:    torch.nn.Dropout2d(p) in training mode under torch.manual_seed; the channel
                keep mask is read back from the output (inputs are never 0), with y and dx.
  drop_block:   torchvision.ops.drop_block2d(x, p, block_size) (training=True, eps=1e-6)
                under torch.manual_seed; the Bernoulli seed map is drawn again from the same
                seed exactly as drop_block2d draws it (torch.empty(N, C, H-b+1, W-b+1)
                .bernoulli_(gamma), its first random call), the expanded block mask is read back
                from drop_block2d on an all-ones input under that seed, and y, dx come from
                drop_block2d on x (with autograd).
  training:     two small CNNs on 64 digits images (engine/data/sets/digits.csv, pixels / 16
                plus N(0, 0.02^2) jitter so that no max-pool window or ReLU input sits on a tie
                where float32 and float64 could branch differently), 20 steps of batch 16 in
                row order, CrossEntropyLoss:
                  sgd:  Conv(1->4, 3x3, pad 1) ReLU MaxPool(2) Conv(4->8, 3x3) ReLU Flatten
                        Linear(32->10); SGD(lr=0.05, momentum=0.9)
                  adam: Conv(1->4, 3x3, pad 1, no bias) BatchNorm2d(4) ReLU MaxPool(2)
                        Conv(4->8, 3x3) ReLU AdaptiveAvgPool(1) Flatten Linear(8->10);
                        Adam(lr=0.01)
                from torch's default initial weights (torch.manual_seed), under the engine's
                parameter names (layers.<k>.*, k = index of the conv / linear layer; batch norm
                shares the index of the conv before it): the loss of every step, the final
                parameters and the final running statistics.
Everything is computed in float64 (the C++ float build compares at float tolerance).
Deterministic: inputs come from numpy's RandomState(seed) and torch.manual_seed; floats are
written with Python's shortest round-trip repr, one matrix row per line.
Run: /usr/bin/python3 tests/golden/make_cnn_golden.py
"""
import os

import numpy as np
import torch
import torchvision
from torchvision.ops import drop_block2d

from golden_json import version, write_golden

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def mat(t):
    """A 2-D list: tensors of rank > 2 become one row per sample (flattened NCHW)."""
    a = t.detach().numpy() if isinstance(t, torch.Tensor) else np.asarray(t)
    if a.ndim == 0:
        a = a.reshape(1, 1)
    elif a.ndim == 1:
        a = a.reshape(1, -1)
    elif a.ndim > 2:
        a = a.reshape(a.shape[0], -1)
    return [[float(v) for v in row] for row in a]


def tensor(a, grad=False):
    return torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=grad)


def shape_of(t):
    n, c, h, w = t.shape
    return {"n": n, "c": c, "h": h, "w": w}


def conv_cases(rng):
    # (in, out, kh, kw, stride, padding, n, h, w, bias)
    configs = [(1, 4, 3, 3, 1, 1, 3, 8, 8, True),
               (3, 2, 3, 2, 2, 1, 2, 7, 6, True),
               (2, 5, 1, 1, 1, 0, 2, 4, 5, True),
               (4, 3, 5, 3, 3, 2, 2, 9, 7, False),
               (2, 3, 4, 4, 1, 0, 1, 4, 4, True)]
    out = []
    for (cin, cout, kh, kw, s, p, n, h, w, bias) in configs:
        conv = torch.nn.Conv2d(cin, cout, (kh, kw), stride=s, padding=p, bias=bias)
        with torch.no_grad():
            conv.weight.copy_(tensor(rng.randn(cout, cin, kh, kw) * 0.5))
            if bias:
                conv.bias.copy_(tensor(rng.randn(cout) * 0.3))
        x = tensor(rng.randn(n, cin, h, w), grad=True)
        y = conv(x)
        dy = rng.randn(*y.shape)
        y.backward(tensor(dy))
        out.append({"in": cin, "out": cout, "kh": kh, "kw": kw, "stride": s, "padding": p,
                    "bias": bias, "input": shape_of(x), "output": shape_of(y),
                    "weight": mat(conv.weight.reshape(cout, -1)),
                    "b": mat(conv.bias) if bias else [],
                    "x": mat(x), "y": mat(y), "dy": mat(dy), "dx": mat(x.grad),
                    "dweight": mat(conv.weight.grad.reshape(cout, -1)),
                    "dbias": mat(conv.bias.grad) if bias else []})
    return out


def pool_cases(rng, kind):
    # (kernel, stride, n, c, h, w, ties)
    configs = [(2, 2, 2, 3, 6, 8, False), (3, 2, 2, 2, 7, 7, False), (2, 1, 2, 2, 5, 4, True),
               (3, 3, 1, 2, 8, 7, True)]
    out = []
    for (k, s, n, c, h, w, ties) in configs:
        layer = torch.nn.MaxPool2d(k, s) if kind == "max" else torch.nn.AvgPool2d(k, s)
        raw = rng.randint(0, 3, size=(n, c, h, w)).astype(np.float64) if ties else \
            rng.randn(n, c, h, w)
        x = tensor(raw, grad=True)
        y = layer(x)
        dy = rng.randn(*y.shape)
        y.backward(tensor(dy))
        out.append({"kernel": k, "stride": s, "ties": ties, "input": shape_of(x),
                    "output": shape_of(y), "x": mat(x), "y": mat(y), "dy": mat(dy),
                    "dx": mat(x.grad)})
    return out


def global_avg_case(rng):
    layer = torch.nn.Sequential(torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten())
    x = tensor(rng.randn(3, 4, 5, 3), grad=True)
    y = layer(x)
    dy = rng.randn(*y.shape)
    y.backward(tensor(dy))
    return {"input": shape_of(x), "x": mat(x), "y": mat(y), "dy": mat(dy), "dx": mat(x.grad)}


def batch_norm2d_case(rng):
    channels, eps, momentum = 3, 1e-3, 0.2
    bn = torch.nn.BatchNorm2d(channels, eps=eps, momentum=momentum)
    with torch.no_grad():
        bn.weight.copy_(tensor([1.5, 0.5, -1.0]))
        bn.bias.copy_(tensor([0.1, -0.2, 0.3]))
    # Per-channel scales and offsets; the third channel has a small variance so eps matters.
    scale = np.array([2.0, 0.5, 0.05]).reshape(1, 3, 1, 1)
    offset = np.array([1.0, -3.0, 0.5]).reshape(1, 3, 1, 1)
    h, w = 4, 5
    train = []
    bn.train()
    for n in (4, 1, 3):
        x = tensor(rng.randn(n, channels, h, w) * scale + offset, grad=True)
        dy = rng.randn(n, channels, h, w)
        bn.zero_grad()
        y = bn(x)
        y.backward(tensor(dy))
        train.append({"x": mat(x), "y": mat(y), "dy": mat(dy), "dx": mat(x.grad),
                      "dgamma": mat(bn.weight.grad), "dbeta": mat(bn.bias.grad),
                      "running_mean": mat(bn.running_mean),
                      "running_var": mat(bn.running_var)})
    bn.eval()
    x = tensor(rng.randn(2, channels, h, w) * scale + offset, grad=True)
    dy = rng.randn(2, channels, h, w)
    bn.zero_grad()
    y = bn(x)
    y.backward(tensor(dy))
    evaluation = {"x": mat(x), "y": mat(y), "dy": mat(dy), "dx": mat(x.grad),
                  "dgamma": mat(bn.weight.grad), "dbeta": mat(bn.bias.grad)}
    return {"channels": channels, "h": h, "w": w, "eps": eps, "momentum": momentum,
            "gamma": mat(bn.weight), "beta": mat(bn.bias), "train": train, "eval": evaluation}


def dropout2d_cases(rng):
    out = []
    for seed, p, (n, c, h, w) in ((11, 0.5, (4, 5, 3, 3)), (12, 0.25, (3, 6, 2, 4))):
        layer = torch.nn.Dropout2d(p)
        layer.train()
        x = tensor(rng.randn(n, c, h, w), grad=True)
        torch.manual_seed(seed)
        y = layer(x)
        dy = rng.randn(n, c, h, w)
        y.backward(tensor(dy))
        keep = (y.detach().abs().sum(dim=(2, 3)) != 0).double()
        # The read-back mask must explain y exactly: kept channels are x / (1 - p).
        expected = x.detach() * keep[:, :, None, None] / (1 - p)
        assert torch.allclose(y.detach(), expected, rtol=0, atol=1e-15)
        assert 0 < keep.sum() < keep.numel()
        out.append({"p": p, "input": shape_of(x), "x": mat(x), "keep": mat(keep), "y": mat(y),
                    "dy": mat(dy), "dx": mat(x.grad)})
    return out


def drop_block_cases(rng):
    out = []
    for seed, p, b, (n, c, h, w) in ((21, 0.3, 3, (2, 3, 8, 8)), (22, 0.2, 1, (2, 2, 5, 6)),
                                     (23, 0.5, 5, (3, 2, 7, 9)), (28, 0.9, 3, (2, 2, 3, 3))):
        x = tensor(rng.randn(n, c, h, w), grad=True)
        torch.manual_seed(seed)
        y = drop_block2d(x, p, b, inplace=False, eps=1e-6, training=True)
        dy = rng.randn(n, c, h, w)
        y.backward(tensor(dy))
        bs = min(b, h, w)
        gamma = (p * h * w) / ((bs ** 2) * ((h - bs + 1) * (w - bs + 1)))
        torch.manual_seed(seed)
        seeds = torch.empty((n, c, h - bs + 1, w - bs + 1)).bernoulli_(gamma)
        torch.manual_seed(seed)
        ones = drop_block2d(torch.ones(n, c, h, w), p, b, inplace=False, eps=1e-6, training=True)
        block = (ones != 0).double()
        scale = block.numel() / (1e-6 + block.sum())
        assert torch.allclose(y.detach(), x.detach() * block * scale, rtol=0, atol=1e-12)
        assert 0 < seeds.sum() and 0 < block.sum() < block.numel()
        out.append({"p": p, "block_size": b, "gamma": gamma, "input": shape_of(x),
                    "x": mat(x), "seeds": mat(seeds), "block_mask": mat(block),
                    "scale": float(scale), "y": mat(y), "dy": mat(dy), "dx": mat(x.grad)})
    return out


def digits(rows, rng):
    path = os.path.join(ROOT, "engine", "data", "sets", "digits.csv")
    data = np.loadtxt(path, delimiter=",", skiprows=1)[:rows]
    x = data[:, :64] / 16.0 + 0.02 * rng.randn(rows, 64)
    return x, data[:, 64].astype(np.int64)


class SgdNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv0 = torch.nn.Conv2d(1, 4, 3, padding=1)
        self.conv1 = torch.nn.Conv2d(4, 8, 3)
        self.fc = torch.nn.Linear(32, 10)
        self.taps = []

    def forward(self, x):
        h = self.conv0(x)
        self.taps.append(("relu", h))
        h = torch.relu(h)
        self.taps.append(("pool2", h))
        h = torch.nn.functional.max_pool2d(h, 2)
        h = self.conv1(h)
        self.taps.append(("relu", h))
        h = torch.relu(h).flatten(1)
        return self.fc(h)

    def named(self):
        return [("layers.0.weight", self.conv0.weight), ("layers.0.bias", self.conv0.bias),
                ("layers.1.weight", self.conv1.weight), ("layers.1.bias", self.conv1.bias),
                ("layers.2.weight", self.fc.weight), ("layers.2.bias", self.fc.bias)]

    def norms(self):
        return []


class AdamNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv0 = torch.nn.Conv2d(1, 4, 3, padding=1, bias=False)
        self.bn0 = torch.nn.BatchNorm2d(4)
        self.conv1 = torch.nn.Conv2d(4, 8, 3)
        self.fc = torch.nn.Linear(8, 10)
        self.taps = []

    def forward(self, x):
        h = self.bn0(self.conv0(x))
        self.taps.append(("relu", h))
        h = torch.relu(h)
        self.taps.append(("pool2", h))
        h = torch.nn.functional.max_pool2d(h, 2)
        h = self.conv1(h)
        self.taps.append(("relu", h))
        h = torch.relu(h).mean(dim=(2, 3))
        return self.fc(h)

    def named(self):
        return [("layers.0.weight", self.conv0.weight),
                ("layers.0.bnScale", self.bn0.weight), ("layers.0.bnShift", self.bn0.bias),
                ("layers.1.weight", self.conv1.weight), ("layers.1.bias", self.conv1.bias),
                ("layers.2.weight", self.fc.weight), ("layers.2.bias", self.fc.bias)]

    def norms(self):
        return [self.bn0]


def margin(kind, h):
    """How far the taps are from a branch point: |ReLU input|, or the gap between the largest
    and second largest entries of each 2x2 max-pool window whose maximum is positive (a window
    of ReLU zeros passes no gradient whichever entry wins)."""
    h = h.detach()
    if kind == "relu":
        return float(h.abs().min())
    n, c, hh, ww = h.shape
    win = h[:, :, :hh // 2 * 2, :ww // 2 * 2].reshape(n, c, hh // 2, 2, ww // 2, 2)
    win = win.permute(0, 1, 2, 4, 3, 5).reshape(-1, 4)
    top = win.topk(2, dim=1).values
    live = top[:, 0] > 0
    return float((top[live, 0] - top[live, 1]).min()) if live.any() else float("inf")


def flat(p):
    return p.detach().reshape(p.shape[0], -1) if p.dim() > 1 else p.detach().reshape(1, -1)


def training_case(name, net_cls, make_opt, x, labels, steps=20, batch=16):
    torch.manual_seed(7)
    net = net_cls()
    initial = [{"name": n, "value": mat(flat(p))} for n, p in net.named()]
    opt = make_opt(net.parameters())
    xt = tensor(x).reshape(-1, 1, 8, 8)
    yt = torch.tensor(labels)
    losses = []
    worst = float("inf")
    batches = len(labels) // batch
    net.train()
    for step in range(steps):
        lo = (step % batches) * batch
        net.taps.clear()
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(net(xt[lo:lo + batch]), yt[lo:lo + batch])
        loss.backward()
        opt.step()
        losses.append(float(loss))
        worst = min([worst] + [margin(k, h) for k, h in net.taps])
    # float32 rounding is ~1e-7 relative: a margin this large means no branch can flip.
    assert worst > 1e-6, (name, worst)
    return {"name": name, "steps": steps, "batch": batch, "initial": initial,
            "loss": losses, "min_branch_margin": worst,
            "final": [{"name": n, "value": mat(flat(p))} for n, p in net.named()],
            "running_mean": [mat(b.running_mean) for b in net.norms()],
            "running_var": [mat(b.running_var) for b in net.norms()]}


def training_cases(rng):
    x, labels = digits(64, rng)
    return {"x": mat(x), "labels": [int(v) for v in labels], "cases": [
        training_case("sgd", SgdNet,
                      lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9), x, labels),
        training_case("adam", AdamNet, lambda ps: torch.optim.Adam(ps, lr=0.01), x, labels)]}


def main():
    rng = np.random.RandomState(20240611)
    golden = {
        "generator": "tests/golden/make_cnn_golden.py",
        "torch": version(torch),
        "torchvision": version(torchvision),
        "conv2d": conv_cases(rng),
        "max_pool2d": pool_cases(rng, "max"),
        "avg_pool2d": pool_cases(rng, "avg"),
        "global_avg_pool2d": global_avg_case(rng),
        "batch_norm2d": batch_norm2d_case(rng),
        "dropout2d": dropout2d_cases(rng),
        "drop_block2d": drop_block_cases(rng),
        "training": training_cases(rng),
    }
    write_golden(os.path.join(HERE, "cnn.json"), golden)


if __name__ == "__main__":
    main()
