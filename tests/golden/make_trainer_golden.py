"""Whole training runs in PyTorch 1.13, replayed by the engine's Trainer (native and WASM).

Each case fixes the data (given to the engine as custom data, no standardisation, no held-out
split), the initial parameters (set through setParameter) and a fixed batch order, then trains
for a few dozen steps with the engine's step order:
    forward -> data loss + penalty -> backward -> clip (norm, then value) -> optimizer.step()
    -> proximal step of the penalty (proximal L1 only) -> next batch.
Penalties cover weights only (not biases / batch-norm parameters), as the engine's default.
Weight decay follows optimizer.decayScope: "all" gives torch's optimizer every parameter in one
group (torch's default for model.parameters()); "weights" puts biases and batch-norm parameters
in a group with weight_decay=0. Multi-output regression ("targets": k) fits k target columns
with MSELoss over the n x k output (the mean over all entries).
The engine's conventions written out in torch:
    L1 in the loss:    lam * sum |W|                    (subgradient sign(0) = 0, as torch)
    L2 in the loss:    lam / 2 * sum W^2                (gradient lam * W = torch weight_decay)
    elastic net:       lam * (rho * sum|W| + (1 - rho) / 2 * sum W^2)
    proximal L1:       W <- sign(W) * max(|W| - lr * lam, 0) after the optimizer step
Run with Debian's python3 (python3-torch): python3 tests/golden/make_trainer_golden.py
"""
import json
import math
import os

import torch

torch.set_default_dtype(torch.float32)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "trainer.json")


def make_data(rows, classes, seed, targets=1):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(rows, 2, generator=g) * 2.0
    if classes == 0 and targets > 1:
        columns = [torch.sin(x[:, 0]) + 0.5 * x[:, 1], x[:, 0] * x[:, 1] / 4.0,
                   torch.cos(x[:, 1]) - 0.3 * x[:, 0]]
        y = torch.stack(columns[:targets], dim=1) + 0.1 * torch.randn(rows, targets, generator=g)
    elif classes == 0:
        y = torch.sin(x[:, 0]) + 0.5 * x[:, 1] + 0.1 * torch.randn(rows, generator=g)
    elif classes == 2:
        y = ((x[:, 0] ** 2 + x[:, 1] ** 2) < 2.5).float()
    else:
        angle = torch.atan2(x[:, 1], x[:, 0]) + math.pi
        y = torch.clamp((angle / (2 * math.pi) * classes).floor(), max=classes - 1)
    return x, y


class Net(torch.nn.Module):
    """Dense -> [BatchNorm1d] -> activation per hidden layer, then a Dense output."""

    def __init__(self, sizes, activation, batch_norm, seed):
        super().__init__()
        torch.manual_seed(seed)
        # No bias on a Linear that feeds batch norm (the engine's convention: β replaces it).
        self.dense = torch.nn.ModuleList(
            [torch.nn.Linear(a, b, bias=not (batch_norm and k < len(sizes) - 2))
             for k, (a, b) in enumerate(zip(sizes[:-1], sizes[1:]))])
        self.norms = torch.nn.ModuleList(
            [torch.nn.BatchNorm1d(b, momentum=0.1, eps=1e-5) if batch_norm else torch.nn.Identity()
             for b in sizes[1:-1]])
        self.act = {"tanh": torch.tanh, "relu": torch.relu, "sigmoid": torch.sigmoid}[activation]

    def forward(self, x):
        for layer, norm in zip(self.dense[:-1], self.norms):
            x = self.act(norm(layer(x)))
        return self.dense[-1](x)

    def named(self):
        """Parameters under the engine's names (layers.<k>.weight / bias / bnScale / bnShift)."""
        out = []
        for k, layer in enumerate(self.dense):
            out.append((f"layers.{k}.weight", layer.weight))
            if layer.bias is not None:
                out.append((f"layers.{k}.bias", layer.bias))
            if k < len(self.norms) and isinstance(self.norms[k], torch.nn.BatchNorm1d):
                out.append((f"layers.{k}.bnScale", self.norms[k].weight))
                out.append((f"layers.{k}.bnShift", self.norms[k].bias))
        return out

    def weights(self):
        return [layer.weight for layer in self.dense]


def run_case(case):
    classes = case["classes"]
    targets = case.get("targets", 1)
    x, y = make_data(case["rows"], classes, case["dataSeed"], targets)
    hidden = case["hidden"]
    outputs = classes if classes > 2 else targets
    net = Net([2] + hidden + [outputs], case["activation"], case["batchNorm"], case["initSeed"])
    named = net.named()
    initial = {name: p.detach().flatten().tolist() for name, p in named}

    opt_kind = case["optimizer"]["kind"]
    lr = case["optimizer"]["lr"]
    wd = case["optimizer"].get("weightDecay", 0.0)
    weights = net.weights()
    others = [p for _, p in named if all(p is not w for w in weights)]
    scope = case["optimizer"].get("decayScope", "all")
    if scope == "all":
        groups = [{"params": [p for _, p in named], "weight_decay": wd}]
    else:
        groups = [{"params": weights, "weight_decay": wd}, {"params": others, "weight_decay": 0.0}]
    o = case["optimizer"]
    if opt_kind == "sgd":
        opt = torch.optim.SGD(groups, lr=lr, momentum=o.get("momentum", 0.0),
                              nesterov=o.get("nesterov", False))
    elif opt_kind == "adam":
        opt = torch.optim.Adam(groups, lr=lr, amsgrad=o.get("amsgrad", False))
    elif opt_kind == "adamw":
        opt = torch.optim.AdamW(groups, lr=lr)
    elif opt_kind == "rmsprop":
        opt = torch.optim.RMSprop(groups, lr=lr, momentum=o.get("momentum", 0.0),
                                  centered=o.get("centered", False), eps=1e-8)
    elif opt_kind == "adagrad":
        opt = torch.optim.Adagrad(groups, lr=lr, eps=1e-8)
    else:
        raise ValueError(opt_kind)

    if classes == 0:
        loss_fn = torch.nn.MSELoss()
        target = y.unsqueeze(1) if targets == 1 else y
    elif classes == 2:
        loss_fn = torch.nn.BCEWithLogitsLoss()
        target = y.unsqueeze(1)
    else:
        loss_fn = torch.nn.CrossEntropyLoss()
        target = y.long()

    pen = case["penalty"]
    batch = case["batchSize"] or case["rows"]
    losses = []
    for step in range(case["steps"]):
        start = (step * batch) % case["rows"]
        idx = torch.arange(start, min(start + batch, case["rows"]))
        opt.zero_grad()
        z = net(x[idx])
        data_loss = loss_fn(z, target[idx])
        losses.append(data_loss.item())
        loss = data_loss
        lam = pen["lambda"]
        if pen["kind"] == "l1" and pen["l1Mode"] == "subgradient":
            loss = loss + lam * sum(w.abs().sum() for w in weights)
        elif pen["kind"] == "l2":
            loss = loss + lam / 2 * sum((w ** 2).sum() for w in weights)
        elif pen["kind"] == "elasticNet" and pen["l1Mode"] == "subgradient":
            rho = pen["l1Ratio"]
            loss = loss + lam * sum(rho * w.abs().sum() + (1 - rho) / 2 * (w ** 2).sum()
                                    for w in weights)
        loss.backward()
        params = [p for _, p in named]
        if case["clipNorm"] > 0:
            torch.nn.utils.clip_grad_norm_(params, case["clipNorm"])
        if case["clipValue"] > 0:
            torch.nn.utils.clip_grad_value_(params, case["clipValue"])
        opt.step()
        if pen["kind"] == "l1" and pen["l1Mode"] == "proximal":
            with torch.no_grad():
                for w in weights:
                    w.copy_(torch.sign(w) * torch.clamp(w.abs() - lr * lam, min=0.0))
    final = {name: p.detach().flatten().tolist() for name, p in named}
    spec = {
        "seed": 1,
        "data": {"kind": "custom", "task": "regression" if classes == 0 else "classification",
                 "valFraction": 0.0, "testFraction": 0.0, "standardize": False},
        "model": {"hidden": [{"units": u, "activation": case["activation"],
                              "batchNorm": case["batchNorm"]} for u in hidden]},
        "penalty": {"kind": pen["kind"], "lambda": pen["lambda"],
                    "l1Mode": pen.get("l1Mode", "proximal"), "l1Ratio": pen.get("l1Ratio", 0.5)},
        "optimizer": {"kind": opt_kind, "lr": lr, "weightDecay": wd,
                      "momentum": o.get("momentum", 0.0), "nesterov": o.get("nesterov", False),
                      "amsgrad": o.get("amsgrad", False), "centered": o.get("centered", False),
                      "eps": 1e-8, "decayScope": scope},
        "training": {"batchSize": case["batchSize"], "shuffle": False,
                     "clipNorm": case["clipNorm"], "clipValue": case["clipValue"],
                     "recordEvery": 1},
    }
    return {
        "name": case["name"], "spec": spec, "rows": case["rows"], "cols": 2, "targets": targets,
        "x": x.flatten().tolist(), "y": y.flatten().tolist(), "steps": case["steps"],
        "initial": initial, "batchLoss": losses, "final": final,
    }


BASE = {"rows": 24, "dataSeed": 3, "initSeed": 5, "activation": "tanh", "batchNorm": False,
        "batchSize": 0, "clipNorm": 0.0, "clipValue": 0.0, "steps": 30}
CASES = [
    dict(BASE, name="L1 subgradient in the loss + SGD momentum + clip by norm", classes=2,
         hidden=[4], penalty={"kind": "l1", "lambda": 0.01, "l1Mode": "subgradient"},
         optimizer={"kind": "sgd", "lr": 0.1, "momentum": 0.9}, clipNorm=1.0),
    dict(BASE, name="L2 in the loss + Adam + clip by value, mini-batches", classes=2,
         hidden=[5, 3], penalty={"kind": "l2", "lambda": 0.05},
         optimizer={"kind": "adam", "lr": 0.01}, clipValue=0.05, batchSize=8, steps=36),
    dict(BASE, name="AdamW with batch norm and relu, decay on weights only", classes=2,
         hidden=[5], activation="relu", batchNorm=True, penalty={"kind": "none", "lambda": 0.0},
         optimizer={"kind": "adamw", "lr": 0.02, "weightDecay": 0.1, "decayScope": "weights"}),
    dict(BASE, name="AdamW with batch norm, decay on every parameter (torch default)",
         classes=2, hidden=[5], activation="relu", batchNorm=True,
         penalty={"kind": "none", "lambda": 0.0},
         optimizer={"kind": "adamw", "lr": 0.02, "weightDecay": 0.1, "decayScope": "all"}),
    dict(BASE, name="proximal L1 + Nesterov SGD, regression", classes=0, hidden=[6],
         penalty={"kind": "l1", "lambda": 0.02, "l1Mode": "proximal"},
         optimizer={"kind": "sgd", "lr": 0.05, "momentum": 0.8, "nesterov": True}, steps=40),
    dict(BASE, name="elastic net subgradient + centered RMSprop, 3 classes", classes=3,
         hidden=[6], activation="sigmoid",
         penalty={"kind": "elasticNet", "lambda": 0.01, "l1Mode": "subgradient", "l1Ratio": 0.3},
         optimizer={"kind": "rmsprop", "lr": 0.01, "momentum": 0.5, "centered": True},
         batchSize=6),
] + [
    # A 2 -> 6 -> 3 network fitting three target columns, under every optimizer.
    dict(BASE, name=f"multi-output regression (3 targets), {o['kind']}", classes=0, targets=3,
         hidden=[6], penalty={"kind": "none", "lambda": 0.0}, optimizer=o, batchSize=8, steps=30)
    for o in [{"kind": "sgd", "lr": 0.05, "momentum": 0.9},
              {"kind": "adam", "lr": 0.01, "weightDecay": 0.01},
              {"kind": "adamw", "lr": 0.01, "weightDecay": 0.05},
              {"kind": "rmsprop", "lr": 0.005, "momentum": 0.3},
              {"kind": "adagrad", "lr": 0.05}]
]

if __name__ == "__main__":
    cases = [run_case(c) for c in CASES]
    with open(OUT, "w") as f:
        json.dump({"generator": "tests/golden/make_trainer_golden.py",
                   "torch": torch.__version__, "cases": cases}, f, indent=1)
    print(f"wrote {OUT}: {len(cases)} cases")
