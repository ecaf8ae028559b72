#!/usr/bin/env python3
"""Whole CNN training runs in PyTorch 1.13, replayed by the engine's Trainer from a spec.

Where tests/golden/make_cnn_golden.py checks the CNN layers and a hand-built model, this file
checks the path a user's run takes: the spec's layer list (model.hidden with conv, pooling,
flatten, global pooling, batch norm) built into a network, the digits set read as 1x8x8 images
and standardised per channel (one mean and one std over every pixel of the training split, as
torchvision's Normalize with the training set's statistics), the penalty on conv and dense
weights, and the trainer's step. Dropout is off (its masks come from the engine's own stream).

The data is the whole digits set (engine/data/sets/digits.csv, 1797 images) with no validation
or test share, trained full-batch: the engine's training split is a seeded permutation of the
rows, and a full batch makes the run independent of the row order. Every activation is tanh
and the pooling is average pooling, so no ReLU or max-pool branch sits on a tie where float32
and float64 could go different ways (the layer goldens cover max pooling and ReLU).

Cases:
  sgd:  Conv(1->4, 3x3, pad 1) tanh AvgPool(2) Conv(4->8, 3x3) tanh Flatten Linear(32->10);
        SGD(lr=0.1, momentum=0.9); no penalty.
  adam: Conv(1->4, 3x3, pad 1, no bias) BatchNorm2d tanh AvgPool(2) Conv(4->8, 3x3, no bias)
        BatchNorm2d tanh AdaptiveAvgPool(1) Flatten Linear(8->10); Adam(lr=0.02);
        L2 penalty lam/2 * sum W^2 over the conv and linear weights (lam = 0.01).
Initial weights: torch's defaults under torch.manual_seed(11), given to the engine through
setParameter under its names (layers.<k>.weight / bias / bnScale / bnShift, k counting the conv
and linear layers; batch norm shares the k of its conv). Stored: the data loss of every step
(train mode), the eval-mode training loss after the last step (running statistics of batch
norm) and the final parameters.
Computed in float64. Run: /usr/bin/python3 tests/golden/make_cnn_trainer_golden.py
"""
import os

import numpy as np
import torch

from golden_json import version, write_golden

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
STEPS = 25


def digits():
    path = os.path.join(ROOT, "engine", "data", "sets", "digits.csv")
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    x = data[:, :64]
    # Per channel (one channel): population mean and std over every pixel of every image.
    x = (x - x.mean()) / x.std()
    return torch.tensor(x).reshape(-1, 1, 8, 8), torch.tensor(data[:, 64].astype(np.int64))


class SgdNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv0 = torch.nn.Conv2d(1, 4, 3, padding=1)
        self.conv1 = torch.nn.Conv2d(4, 8, 3)
        self.fc = torch.nn.Linear(32, 10)

    def forward(self, x):
        h = torch.nn.functional.avg_pool2d(torch.tanh(self.conv0(x)), 2)
        return self.fc(torch.tanh(self.conv1(h)).flatten(1))

    def named(self):
        return [("layers.0.weight", self.conv0.weight), ("layers.0.bias", self.conv0.bias),
                ("layers.1.weight", self.conv1.weight), ("layers.1.bias", self.conv1.bias),
                ("layers.2.weight", self.fc.weight), ("layers.2.bias", self.fc.bias)]

    def weights(self):
        return [self.conv0.weight, self.conv1.weight, self.fc.weight]


class AdamNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv0 = torch.nn.Conv2d(1, 4, 3, padding=1, bias=False)
        self.bn0 = torch.nn.BatchNorm2d(4)
        self.conv1 = torch.nn.Conv2d(4, 8, 3, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(8)
        self.fc = torch.nn.Linear(8, 10)

    def forward(self, x):
        h = torch.nn.functional.avg_pool2d(torch.tanh(self.bn0(self.conv0(x))), 2)
        return self.fc(torch.tanh(self.bn1(self.conv1(h))).mean(dim=(2, 3)))

    def named(self):
        return [("layers.0.weight", self.conv0.weight),
                ("layers.0.bnScale", self.bn0.weight), ("layers.0.bnShift", self.bn0.bias),
                ("layers.1.weight", self.conv1.weight),
                ("layers.1.bnScale", self.bn1.weight), ("layers.1.bnShift", self.bn1.bias),
                ("layers.2.weight", self.fc.weight), ("layers.2.bias", self.fc.bias)]

    def weights(self):
        return [self.conv0.weight, self.conv1.weight, self.fc.weight]


def conv(channels, batch_norm, padding=0):
    return {"kind": "conv", "channels": channels, "kernel": 3, "stride": 1, "padding": padding,
            "activation": "tanh", "batchNorm": batch_norm}


POOL = {"kind": "avgPool", "size": 2}


def spec_for(hidden, optimizer, penalty, rows):
    return {
        "seed": 1,
        "data": {"kind": "digits", "valFraction": 0.0, "testFraction": 0.0,
                 "standardize": True},
        "model": {"hidden": hidden},
        "penalty": penalty,
        "optimizer": optimizer,
        "training": {"batchSize": rows, "shuffle": False, "recordEvery": 1},
    }


def run(name, net_cls, hidden, make_opt, optimizer, penalty, x, labels):
    torch.manual_seed(11)
    net = net_cls()
    named = net.named()
    initial = {n: p.detach().flatten().tolist() for n, p in named}
    opt = make_opt(net.parameters())
    lam = penalty["lambda"] if penalty["kind"] == "l2" else 0.0
    losses = []
    net.train()
    for _ in range(STEPS):
        opt.zero_grad()
        data_loss = torch.nn.functional.cross_entropy(net(x), labels)
        losses.append(data_loss.item())
        loss = data_loss + lam / 2 * sum((w ** 2).sum() for w in net.weights())
        loss.backward()
        opt.step()
    net.eval()
    with torch.no_grad():
        eval_loss = torch.nn.functional.cross_entropy(net(x), labels).item()
    return {"name": name, "spec": spec_for(hidden, optimizer, penalty, len(labels)),
            "steps": STEPS, "initial": initial, "batchLoss": losses,
            "finalTrainLoss": eval_loss,
            "final": {n: p.detach().flatten().tolist() for n, p in named}}


def main():
    x, labels = digits()
    none = {"kind": "none", "lambda": 0.0}
    cases = [
        run("sgd", SgdNet, [conv(4, False, 1), POOL, conv(8, False), {"kind": "flatten"}],
            lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9),
            {"kind": "sgd", "lr": 0.1, "momentum": 0.9}, none, x, labels),
        run("adam", AdamNet,
            [conv(4, True, 1), POOL, conv(8, True), {"kind": "globalAvgPool"}],
            lambda ps: torch.optim.Adam(ps, lr=0.02),
            {"kind": "adam", "lr": 0.02, "eps": 1e-8}, {"kind": "l2", "lambda": 0.01}, x,
            labels),
    ]
    golden = {"generator": "tests/golden/make_cnn_trainer_golden.py",
              "torch": version(torch), "cases": cases}
    write_golden(os.path.join(HERE, "cnn_trainer.json"), golden)


if __name__ == "__main__":
    main()
