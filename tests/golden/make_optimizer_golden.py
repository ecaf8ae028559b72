#!/usr/bin/env python3
"""Golden optimizer trajectories, learning-rate schedules and gradient clipping from PyTorch 1.13.

Writes tests/golden/optimizers.json for tests/engine/optim/*_test.cpp and
tests/engine/train/grad_clip_test.cpp (the C++ tests need no Python).

Each optimizer case trains two parameters of a tiny model in two param_groups, as the engine does:
    weight  3x4  in a group with the case's weight_decay and lr
    bias    1x3  in a group with weight_decay 0 and lr/2   (so per-group lr and decay are exercised)
The gradient at every step comes from a fixed non-linear loss evaluated by torch at the CURRENT
parameters, on a mini-batch that cycles through three fixed batches (so gradients vary as in SGD):
    L(W, b) = mean((tanh(X_k W^T + b) - Y_k)^2) + 0.01 * sum(W^4)
Per step the file records the lr of each group (read before optimizer.step(), i.e. the lr that
step used), the gradients fed to the step, and the parameter values after it. The C++ test feeds
the recorded gradients and lrs and compares every step, so no loss needs re-implementing.

Schedule cases call scheduler.step() after every optimizer.step(): the engine counts schedule
time in optimizer steps. Warm-up is torch's ChainedScheduler([LinearLR, other]).

Precision: everything on the torch side is float32 (the engine's engine_tests build is float32);
tensors are written with the shortest decimal that round-trips the float32 value, lrs and norms
as Python doubles. Deterministic: torch.manual_seed(0), one thread, single-tensor (for-loop)
optimizer path (torch 1.13's default foreach=None picks it on CPU).
Run: /usr/bin/python3 tests/golden/make_optimizer_golden.py
"""
import json
import os

import numpy as np
import torch

STEPS = 25
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "optimizers.json")

torch.manual_seed(0)
torch.set_num_threads(1)
torch.set_default_dtype(torch.float32)

X = torch.randn(12, 4)
Y = 0.8 * torch.randn(12, 3)
W0 = 0.5 * torch.randn(3, 4)
B0 = 0.1 * torch.randn(1, 3)


def f32(t):
    """A tensor as nested lists of the shortest decimals that round-trip its float32 values."""
    a = t.detach().numpy().astype(np.float32)
    return [[float(repr(np.float32(v))) for v in row] for row in a]


def loss_fn(W, b, k):
    Xk, Yk = X[4 * k:4 * k + 4], Y[4 * k:4 * k + 4]
    return ((torch.tanh(Xk @ W.T + b) - Yk) ** 2).mean() + 0.01 * (W ** 4).sum()


OPTIMIZERS = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW,
              "rmsprop": torch.optim.RMSprop, "adagrad": torch.optim.Adagrad}


def torch_kwargs(spec):
    """Our OptimizerSpec fields -> the torch constructor's keyword arguments."""
    k = spec["kind"]
    if k == "sgd":
        return dict(momentum=spec.get("momentum", 0.0), dampening=spec.get("dampening", 0.0),
                    nesterov=spec.get("nesterov", False))
    if k in ("adam", "adamw"):
        return dict(betas=(spec["beta1"], spec["beta2"]), eps=spec["eps"],
                    amsgrad=spec.get("amsgrad", False))
    if k == "rmsprop":
        return dict(alpha=spec["alpha"], eps=spec["eps"], momentum=spec.get("momentum", 0.0),
                    centered=spec.get("centered", False))
    if k == "adagrad":
        return dict(lr_decay=spec.get("lrDecay", 0.0),
                    initial_accumulator_value=spec.get("initialAccumulator", 0.0), eps=spec["eps"])
    raise ValueError(k)


def make_main_scheduler(opt, sched):
    """The schedule without its warm-up; None for constant."""
    k = sched["kind"]
    if k == "constant":
        return None
    if k == "step":
        return torch.optim.lr_scheduler.StepLR(opt, step_size=sched["stepSize"],
                                               gamma=sched["gamma"])
    if k == "exponential":
        return torch.optim.lr_scheduler.ExponentialLR(opt, gamma=sched["gamma"])
    if k == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=sched["tMax"],
                                                          eta_min=sched["etaMin"])
    raise ValueError(k)


def make_scheduler(opt, sched):
    if sched is None:
        return None
    if sched.get("warmupSteps", 0) == 0:
        return make_main_scheduler(opt, sched)
    # LinearLR first, then the main one, as ChainedScheduler's documented usage: the main
    # scheduler's construction keeps the warmed-down lr (its last_epoch 0 returns group['lr']).
    warm = torch.optim.lr_scheduler.LinearLR(opt, start_factor=sched["warmupStartFactor"],
                                             end_factor=1.0, total_iters=sched["warmupSteps"])
    main = make_main_scheduler(opt, sched)
    return warm if main is None else torch.optim.lr_scheduler.ChainedScheduler([warm, main])


def run_case(name, spec, lr, weight_decay, sched=None):
    W = W0.clone().requires_grad_(True)
    b = B0.clone().requires_grad_(True)
    groups = [{"params": [W], "lr": lr, "weight_decay": weight_decay},
              {"params": [b], "lr": lr / 2, "weight_decay": 0.0}]
    opt = OPTIMIZERS[spec["kind"]](groups, lr=lr, **torch_kwargs(spec))
    scheduler = make_scheduler(opt, sched)
    steps = []
    for t in range(STEPS):
        opt.zero_grad()
        loss_fn(W, b, t % 3).backward()
        lrs = [g["lr"] for g in opt.param_groups]
        grads = {"weight": f32(W.grad), "bias": f32(b.grad)}
        opt.step()
        steps.append({"lr": lrs, "grad": grads, "value": {"weight": f32(W), "bias": f32(b)}})
        if scheduler is not None:
            scheduler.step()
    case = {
        "name": name,
        "optimizer": spec,
        "groups": [{"param": "weight", "lr": lr, "weightDecay": weight_decay},
                   {"param": "bias", "lr": lr / 2, "weightDecay": 0.0}],
        "init": {"weight": f32(W0), "bias": f32(B0)},
        "steps": steps,
    }
    if sched is not None:
        case["schedule"] = sched
    return case


def final(case):
    last = case["steps"][-1]["value"]
    return np.concatenate([np.ravel(last["weight"]), np.ravel(last["bias"])])


SGD = {"kind": "sgd"}
ADAM = {"kind": "adam", "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
RMS = {"kind": "rmsprop", "alpha": 0.99, "eps": 1e-8}
ADAGRAD = {"kind": "adagrad", "eps": 1e-10}

cases = []
# SGD: plain, momentum, momentum + dampening, Nesterov; each without and with weight decay.
for wd in (0.0, 0.05):
    tag = "" if wd == 0 else " + weight decay"
    cases.append(run_case("sgd plain" + tag, dict(SGD), 0.1, wd))
    cases.append(run_case("sgd momentum" + tag, dict(SGD, momentum=0.9), 0.1, wd))
    cases.append(run_case("sgd momentum dampening" + tag, dict(SGD, momentum=0.9, dampening=0.5),
                          0.1, wd))
    cases.append(run_case("sgd nesterov" + tag, dict(SGD, momentum=0.9, nesterov=True), 0.1, wd))
# Adam family. Short-memory betas in the AMSGrad cases so v falls and the running max matters.
cases.append(run_case("adam", dict(ADAM), 0.05, 0.0))
cases.append(run_case("adam + weight decay (L2)", dict(ADAM), 0.05, 0.1))
cases.append(run_case("adam amsgrad", dict(ADAM, beta1=0.8, beta2=0.9, amsgrad=True), 0.05, 0.0))
cases.append(run_case("adam amsgrad reference (no amsgrad)", dict(ADAM, beta1=0.8, beta2=0.9),
                      0.05, 0.0))
# A large eps makes its placement (outside the root, after bias correction) visible.
cases.append(run_case("adam large eps", dict(ADAM, eps=0.05), 0.05, 0.0))
cases.append(run_case("adamw default decay", dict(ADAM, kind="adamw"), 0.05, 0.01))
cases.append(run_case("adamw large decay", dict(ADAM, kind="adamw"), 0.05, 0.5))
cases.append(run_case("adamw amsgrad", dict(ADAM, kind="adamw", beta1=0.8, beta2=0.9,
                                           amsgrad=True), 0.05, 0.1))
# RMSprop.
cases.append(run_case("rmsprop", dict(RMS), 0.01, 0.0))
cases.append(run_case("rmsprop + weight decay", dict(RMS), 0.01, 0.1))
cases.append(run_case("rmsprop centered", dict(RMS, centered=True), 0.01, 0.0))
cases.append(run_case("rmsprop momentum", dict(RMS, momentum=0.5), 0.01, 0.0))
cases.append(run_case("rmsprop centered momentum", dict(RMS, alpha=0.9, centered=True,
                                                        momentum=0.5), 0.01, 0.05))
cases.append(run_case("rmsprop centered large eps", dict(RMS, centered=True, eps=0.05), 0.01, 0.0))
# Adagrad.
cases.append(run_case("adagrad", dict(ADAGRAD), 0.1, 0.0))
cases.append(run_case("adagrad lr decay", dict(ADAGRAD, lrDecay=0.05), 0.1, 0.0))
cases.append(run_case("adagrad initial accumulator", dict(ADAGRAD, initialAccumulator=0.5), 0.1,
                      0.0))
cases.append(run_case("adagrad + weight decay", dict(ADAGRAD), 0.1, 0.1))
cases.append(run_case("adagrad large eps", dict(ADAGRAD, eps=0.05), 0.1, 0.0))
# The lr changes every step: torch's schedulers drive it, our LrSchedule must give the same lrs.
cases.append(run_case("sgd momentum, StepLR", dict(SGD, momentum=0.9), 0.1, 0.05,
                      {"kind": "step", "stepSize": 5, "gamma": 0.5}))
cases.append(run_case("adam, ExponentialLR", dict(ADAM), 0.05, 0.0,
                      {"kind": "exponential", "gamma": 0.9}))
cases.append(run_case("sgd, CosineAnnealingLR past tMax", dict(SGD), 0.2, 0.0,
                      {"kind": "cosine", "tMax": 10, "etaMin": 0.001}))
cases.append(run_case("adamw, LinearLR warm-up chained with CosineAnnealingLR",
                      dict(ADAM, kind="adamw"), 0.05, 0.1,
                      {"kind": "cosine", "tMax": 20, "etaMin": 0.0, "warmupSteps": 5,
                       "warmupStartFactor": 0.1}))
cases.append(run_case("rmsprop, LinearLR warm-up chained with StepLR", dict(RMS), 0.01, 0.0,
                      {"kind": "step", "stepSize": 7, "gamma": 0.5, "warmupSteps": 4,
                       "warmupStartFactor": 0.25}))
cases.append(run_case("adagrad, LinearLR warm-up alone", dict(ADAGRAD), 0.1, 0.0,
                      {"kind": "constant", "warmupSteps": 10, "warmupStartFactor": 0.2}))

# Every variant must actually move the trajectory away from its base, or its case proves nothing.
by_name = {c["name"]: c for c in cases}
for variant, base in [
        ("sgd momentum", "sgd plain"), ("sgd momentum dampening", "sgd momentum"),
        ("sgd nesterov", "sgd momentum"), ("sgd plain + weight decay", "sgd plain"),
        ("sgd momentum dampening + weight decay", "sgd momentum dampening"),
        ("sgd nesterov + weight decay", "sgd nesterov"),
        ("adam + weight decay (L2)", "adam"), ("adam amsgrad", "adam amsgrad reference (no amsgrad)"),
        ("adamw default decay", "adam"), ("adamw large decay", "adam + weight decay (L2)"),
        ("rmsprop + weight decay", "rmsprop"), ("rmsprop centered", "rmsprop"),
        ("rmsprop momentum", "rmsprop"), ("adagrad lr decay", "adagrad"),
        ("adagrad initial accumulator", "adagrad"), ("adagrad + weight decay", "adagrad"),
        ("adam large eps", "adam"), ("rmsprop centered large eps", "rmsprop centered"),
        ("adagrad large eps", "adagrad")]:
    gap = np.abs(final(by_name[variant]) - final(by_name[base])).max()
    assert gap > 1e-3, (variant, base, gap)

# Gradient clipping: random gradients of the same two tensors.
clip_norm = []
# The last case has a norm of a few 1e-6, where the + 1e-6 guard changes the coefficient.
for max_norm, scale in [(0.5, 1.0), (100.0, 1.0), (1.0, 1e-3), (2.0, 5.0), (1e-6, 1e-6)]:
    gW, gb = scale * torch.randn(3, 4), scale * torch.randn(1, 3)
    W = torch.zeros(3, 4, requires_grad=True)
    b = torch.zeros(1, 3, requires_grad=True)
    W.grad, b.grad = gW.clone(), gb.clone()
    total = torch.nn.utils.clip_grad_norm_([W, b], max_norm)
    clip_norm.append({"maxNorm": max_norm, "before": {"weight": f32(gW), "bias": f32(gb)},
                      "after": {"weight": f32(W.grad), "bias": f32(b.grad)},
                      "totalNorm": float(total), "clipped": bool(float(total) > max_norm)})
assert any(c["clipped"] for c in clip_norm) and not all(c["clipped"] for c in clip_norm)

clip_value = []
for value in (0.3, 1.0):
    gW, gb = torch.randn(3, 4), torch.randn(1, 3)
    W = torch.zeros(3, 4, requires_grad=True)
    b = torch.zeros(1, 3, requires_grad=True)
    W.grad, b.grad = gW.clone(), gb.clone()
    torch.nn.utils.clip_grad_value_([W, b], value)
    clip_value.append({"clipValue": value, "before": {"weight": f32(gW), "bias": f32(gb)},
                       "after": {"weight": f32(W.grad), "bias": f32(b.grad)}})

out = {
    "about": "torch.optim trajectories, lr_scheduler lrs and torch.nn.utils clipping, PyTorch "
             + torch.__version__.split("a")[0] + ", float32; made by make_optimizer_golden.py",
    "dtype": "float32",
    "steps": STEPS,
    "cases": cases,
    "clipGradNorm": clip_norm,
    "clipGradValue": clip_value,
}
with open(OUT, "w") as fh:
    json.dump(out, fh, indent=None, separators=(",", ":"))
    fh.write("\n")
print("wrote", OUT, len(cases), "optimizer cases")
