// Python source for the training step, in the engine's order (engine/train/trainer.hpp):
//   batch → jitter, mixup → zero grads → forward (train mode) → data loss (+ the penalty in
//   gradient mode) → divergence check → backward → clip by norm, then by value → set the
//   scheduled lr → optimizer.step() → proximal step of the penalty → max-norm → record a
//   metrics row → early stopping at an epoch end → the epoch limit.
import type { ConfigUse } from './config';
import type { Features, PenaltyKind } from './features';

export function metricColumns(f: Features): string[] {
  const cols = ['step', 'epoch', 'lr', 'batchLoss', 'trainLoss'];
  if (f.penaltyKinds.length) cols.push('trainPenalty');
  if (f.hasValidation) cols.push('valLoss');
  if (f.hasTest) cols.push('testLoss');
  if (f.task !== 'regression') {
    cols.push('trainAccuracy');
    if (f.hasValidation) cols.push('valAccuracy');
    if (f.hasTest) cols.push('testAccuracy');
  }
  cols.push('gradNorm');
  return cols;
}

export function lossCode(f: Features): string {
  switch (f.task) {
    case 'binary':
      return '# The mean over the batch, the sigmoid fused into the loss (one output unit).\nLOSS = nn.BCEWithLogitsLoss()';
    case 'multiclass':
      return `# The mean over the batch, the softmax fused into the loss (${f.outputs} output units).\nLOSS = nn.CrossEntropyLoss()`;
    case 'regression':
      return '# The mean over every entry of the batch × targets (standardised targets).\nLOSS = nn.MSELoss()';
  }
}

const kPenaltyTerm: Record<PenaltyKind, (c: ConfigUse) => string[]> = {
  l1: () => ['return lam * w.abs().sum()  # L1: λ Σ|w|; autograd takes sign(0) = 0, as the engine'],
  l2: () => [
    'return lam / 2 * (w * w).sum()  # L2: (λ/2) Σw², so the gradient is λw (= weight_decay=λ)',
  ],
  elasticNet: (c) => [
    `rho = ${c.read('l1_ratio')}  # elastic net: λ(ρ Σ|w| + (1 − ρ)/2 Σw²), scikit-learn's form`,
    'return lam * (rho * w.abs().sum() + (1 - rho) / 2 * (w * w).sum())',
  ],
  lp: (c) => [`return lam * (w.abs() ** ${c.read('p')}).sum()  # Lp bridge: λ Σ|w|^p`],
};

function penaltyTermCode(f: Features, c: ConfigUse): string {
  const lines = [
    'def penalty_term(w, lam, config):',
    '    """One tensor\'s share of the penalty R(w), with the layer\'s strength λ."""',
  ];
  const branching = f.penaltyKinds.length > 1 || f.penaltyOff;
  if (!branching) {
    lines.push(...kPenaltyTerm[f.penaltyKinds[0]!](c).map((l) => `    ${l}`));
    return lines.join('\n');
  }
  lines.push(`    kind = ${c.read('penalty')}`);
  for (const k of f.penaltyKinds) {
    lines.push(`    if kind == "${k}":`);
    lines.push(...kPenaltyTerm[k](c).map((l) => `        ${l}`));
  }
  lines.push('    return 0.0  # no penalty');
  return lines.join('\n');
}

function penalizedTensorsCode(f: Features, c: ConfigUse): string {
  const lam = f.penaltyScaled ? `${c.read('lam')} * ${c.read('penalty_scale')}[k]` : c.read('lam');
  const which = f.penalizeBiases
    ? 'the weight matrix, and its bias and batch-norm parameters when penalize_biases'
    : 'the weight matrix only (biases and batch-norm parameters are not penalised)';
  const tensors = f.penalizeBiases
    ? `[weight] + others if ${c.read('penalize_biases')} else [weight]`
    : '[weight]';
  return [
    'def penalized_tensors(model, config):',
    `    """(λ of the layer, the tensors it penalises) per dense layer${f.penaltyScaled ? ": λ × the layer's penalty scale" : ''};`,
    `    ${which}."""`,
    '    out = []',
    f.penaltyScaled
      ? `    for k, (weight, ${f.penalizeBiases ? 'others' : '_'}) in enumerate(model.layer_parameters()):`
      : `    for weight, ${f.penalizeBiases ? 'others' : '_'} in model.layer_parameters():`,
    `        lam = ${lam}`,
    `        tensors = ${tensors}`,
    '        out.append((lam, tensors))',
    '    return out',
  ].join('\n');
}

function proxCode(f: Features, c: ConfigUse): string[] {
  const kinds = f.proximalKinds;
  const parts: string[] = [];
  if (kinds.includes('l1') || kinds.includes('elasticNet')) {
    parts.push(
      [
        'def soft_threshold(v, t):',
        '    """sign(v)·max(|v| − t, 0): exact zeros for |v| ≤ t."""',
        '    return torch.sign(v) * torch.clamp(v.abs() - t, min=0.0)',
      ].join('\n'),
    );
  }
  if (kinds.includes('lp')) {
    parts.push(
      [
        'def lp_threshold(v, tau, p):',
        '    """The exact proximal map of τ|w|^p, 0 < p < 1 (generalized thresholding, Marjanovic &',
        '    Solo 2012): 0 where |v| ≤ β + τpβ^(p−1), β = (2τ(1 − p))^(1/(2−p)); elsewhere sign(v)·r, r',
        "    the larger root of r + τp·r^(p−1) = |v|, by the engine's safeguarded Newton iteration",
        '    from r = |v| on [β, |v|], element by element (float64)."""',
        '    a = v.abs()',
        '    beta = (2 * tau * (1 - p)) ** (1 / (2 - p))',
        '    keep = a > beta + tau * p * beta ** (p - 1)',
        '    r, lo, hi = a.clone(), torch.full_like(a, beta), a.clone()',
        '    active = keep.clone()',
        '    eps = torch.finfo(torch.float64).eps',
        '    for _ in range(100):',
        '        if not active.any():',
        '            break',
        '        r_pm2 = r ** (p - 2)',
        '        f = r + tau * p * r_pm2 * r - a',
        '        hi = torch.where(active & (f > 0), r, hi)',
        '        lo = torch.where(active & (f < 0), r, lo)',
        '        active &= f != 0',
        '        step = r - f / (1 + tau * p * (p - 1) * r_pm2)',
        '        step = torch.where((step > lo) & (step < hi), step, (lo + hi) / 2)  # bisection',
        '        converged = (step - r).abs() <= 4 * eps * r',
        '        r = torch.where(active, step, r)',
        '        active &= ~converged & (hi - lo > 4 * eps * hi)',
        '    return torch.where(keep, torch.sign(v) * r, torch.zeros_like(v))',
      ].join('\n'),
    );
  }
  const mapLine: Record<string, () => string[]> = {
    l1: () => ['return soft_threshold(v, tau)'],
    elasticNet: () => [
      `rho = ${c.read('l1_ratio')}`,
      'return soft_threshold(v, tau * rho) / (1 + tau * (1 - rho))',
    ],
    lp: () => [`return lp_threshold(v, tau, ${c.read('p')})`],
  };
  const prox = [
    'def prox(v, tau, config):',
    '    """prox_{τ·r}(v) = argmin_x ½(x − v)² + τ·r(x), entry by entry."""',
  ];
  // Only runs that use the proximal step call prox (uses_proximal_step guards the others).
  if (kinds.length === 1) {
    prox.push(...mapLine[kinds[0]!]!().map((l) => `    ${l}`));
  } else {
    prox.push(`    kind = ${c.read('penalty')}`);
    for (const k of kinds) {
      prox.push(`    if kind == "${k}":`);
      prox.push(...mapLine[k]!().map((l) => `        ${l}`));
    }
    prox.push('    return v');
  }
  parts.push(prox.join('\n'));
  parts.push(
    [
      '@torch.no_grad()',
      'def proximal_step(model, lr, config):',
      '    """After optimizer.step(): w ← prox_{lr·λ·r}(w) on every penalised tensor, in float64 then',
      '    rounded to float32, as the engine (proximal gradient; with plain SGD, proximal L1 is ISTA)."""',
      '    for lam, tensors in penalized_tensors(model, config):',
      '        tau = lr * lam',
      '        if tau <= 0:',
      '            continue',
      '        for w in tensors:',
      '            w.copy_(prox(w.double(), tau, config))',
    ].join('\n'),
  );
  return parts;
}

export function penaltyCode(f: Features, c: ConfigUse): string[] {
  if (!f.penaltyKinds.length) return [];
  const parts = [penalizedTensorsCode(f, c), penaltyTermCode(f, c)];
  parts.push(
    [
      'def penalty(model, config):',
      '    """R(w), reported next to the loss, and added to it in gradient mode."""',
      '    total = 0.0',
      '    for lam, tensors in penalized_tensors(model, config):',
      '        for w in tensors:',
      '            total = total + penalty_term(w, lam, config)',
      '    return total',
    ].join('\n'),
  );
  if (f.penaltyModes.length > 1 || (f.penaltyModes.includes('proximal') && f.penaltyOff)) {
    const kinds = f.penaltyKinds.filter((k) => k !== 'l2');
    parts.push(
      [
        'def uses_proximal_step(config):',
        '    """Proximal L1 and elastic net, and Lp always, act through their proximal map after the',
        '    step; the other penalties through their (sub)gradient in the loss."""',
        `    kind = ${c.read('penalty')}`,
        kinds.includes('lp')
          ? `    return kind == "lp" or (kind in ("l1", "elasticNet") and ${c.read('l1_mode')} == "proximal")`
          : `    return kind in ("l1", "elasticNet") and ${c.read('l1_mode')} == "proximal"`,
      ].join('\n'),
    );
  }
  if (f.penaltyModes.includes('proximal')) parts.push(...proxCode(f, c));
  return parts;
}

const kOptimizer: Record<string, (c: ConfigUse) => string> = {
  sgd: (c) =>
    `torch.optim.SGD(params, lr=${c.read('lr')}, momentum=${c.read('momentum')}, dampening=${c.read('dampening')}, nesterov=${c.read('nesterov')}, weight_decay=${c.read('weight_decay')})`,
  adam: (c) =>
    `torch.optim.Adam(params, lr=${c.read('lr')}, betas=(${c.read('beta1')}, ${c.read('beta2')}), eps=${c.read('eps')}, weight_decay=${c.read('weight_decay')}, amsgrad=${c.read('amsgrad')})`,
  adamw: (c) =>
    `torch.optim.AdamW(params, lr=${c.read('lr')}, betas=(${c.read('beta1')}, ${c.read('beta2')}), eps=${c.read('eps')}, weight_decay=${c.read('weight_decay')}, amsgrad=${c.read('amsgrad')})`,
  rmsprop: (c) =>
    `torch.optim.RMSprop(params, lr=${c.read('lr')}, alpha=${c.read('alpha')}, eps=${c.read('eps')}, weight_decay=${c.read('weight_decay')}, momentum=${c.read('momentum')}, centered=${c.read('centered')})`,
  adagrad: (c) =>
    `torch.optim.Adagrad(params, lr=${c.read('lr')}, lr_decay=${c.read('lr_decay')}, weight_decay=${c.read('weight_decay')}, initial_accumulator_value=${c.read('initial_accumulator')}, eps=${c.read('eps')})`,
};

// Python's long calls, one keyword argument per line.
function callLines(call: string, indent: string): string[] {
  const open = call.indexOf('(');
  const args = call.slice(open + 1, -1);
  const pieces: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const ch = args[i];
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === ',' && depth === 0) {
      pieces.push(args.slice(start, i).trim());
      start = i + 1;
    }
  }
  pieces.push(args.slice(start).trim());
  return [
    `${indent}${call.slice(0, open + 1)}`,
    ...pieces.map((p) => `${indent}    ${p},`),
    `${indent})`,
  ];
}

export function optimizerCode(f: Features, c: ConfigUse): string[] {
  const parts: string[] = [];
  const groups = f.decayScopes.includes('weights');
  if (groups) {
    const lines = [
      'def parameter_groups(model, config):',
      '    """decay_scope "weights": weight decay on the weight matrices only, biases and batch-norm',
      '    parameters in a group with weight_decay=0 (the usual AdamW recipe); "all": every',
      '    parameter decays (torch\'s default for model.parameters())."""',
    ];
    if (f.decayScopes.includes('all'))
      lines.push(
        `    if ${c.read('decay_scope')} != "weights":`,
        '        return model.parameters()',
      );
    lines.push(
      '    layers = model.layer_parameters()',
      '    weights = [weight for weight, _ in layers]',
      '    others = [p for _, params in layers for p in params]',
      '    return [{"params": weights}, {"params": others, "weight_decay": 0.0}]',
    );
    parts.push(lines.join('\n'));
  }
  const lines = [
    'def make_optimizer(model, config):',
    `    """${f.optimizers.length === 1 ? `torch.optim.${torchClass(f.optimizers[0]!)}` : 'The torch optimizer'} with the run's hyper-parameters (one eps for every kind)."""`,
    `    params = ${groups ? 'parameter_groups(model, config)' : 'model.parameters()'}`,
  ];
  if (f.optimizers.length === 1) {
    lines.push(...callLines(`return ${kOptimizer[f.optimizers[0]!]!(c)}`, '    '));
  } else {
    lines.push(`    kind = ${c.read('optimizer')}`);
    for (const k of f.optimizers) {
      lines.push(`    if kind == "${k}":`);
      lines.push(...callLines(`return ${kOptimizer[k]!(c)}`, '        '));
    }
    lines.push('    raise ValueError(kind)');
  }
  parts.push(lines.join('\n'));
  return parts;
}

function torchClass(kind: string): string {
  return { sgd: 'SGD', adam: 'Adam', adamw: 'AdamW', rmsprop: 'RMSprop', adagrad: 'Adagrad' }[
    kind
  ]!;
}

const kSchedule: Record<string, (c: ConfigUse) => string[]> = {
  step: (c) => [
    `lr *= ${c.read('gamma')} ** math.floor(step / ${c.read('step_size')})  # StepLR(step_size, gamma)`,
  ],
  exponential: (c) => [`lr *= ${c.read('gamma')} ** step  # ExponentialLR(gamma)`],
  cosine: (c) => [
    `eta_min = ${c.read('eta_min')}  # CosineAnnealingLR(T_max, eta_min), periodic past T_max`,
    `lr = eta_min + (lr - eta_min) * (1 + math.cos(math.pi * step / ${c.read('t_max')})) / 2`,
  ],
};

export function scheduleCode(f: Features, c: ConfigUse): string[] {
  if (!f.scheduleKinds.length && !f.warmup) return [];
  const lines = [
    'def learning_rate(step, config):',
    '    """The lr of optimizer step `step` (0-based), set on every param group before the step: the',
    '    engine\'s closed forms, equal to torch\'s schedulers stepped after every optimizer step."""',
    `    lr = ${c.read('lr')}`,
  ];
  if (f.scheduleKinds.length === 1 && !f.scheduleConstant) {
    lines.push(...kSchedule[f.scheduleKinds[0]!]!(c).map((l) => `    ${l}`));
  } else if (f.scheduleKinds.length) {
    lines.push(`    kind = ${c.read('schedule')}`);
    f.scheduleKinds.forEach((k, i) => {
      lines.push(`    ${i ? 'elif' : 'if'} kind == "${k}":`);
      lines.push(...kSchedule[k]!(c).map((l) => `        ${l}`));
    });
  }
  if (f.warmup) {
    lines.push(
      `    warmup = ${c.read('warmup_steps')}`,
      '    if warmup > 0:  # × LinearLR(start_factor, 1.0, warmup)',
      `        f0 = ${c.read('warmup_start_factor')}`,
      '        lr *= f0 + (1 - f0) * min(step, warmup) / warmup',
    );
  }
  lines.push('    return lr');
  return [lines.join('\n')];
}

export function hookCode(f: Features): string[] {
  const parts: string[] = [];
  parts.push(
    [
      'def gradient_norm(model):',
      '    """The global gradient norm before clipping (float64), as the page charts it."""',
      '    grads = [p.grad.double() for p in model.parameters() if p.grad is not None]',
      '    return math.sqrt(sum(float((g * g).sum()) for g in grads))',
    ].join('\n'),
  );
  if (f.maxNorm) {
    parts.push(
      [
        '@torch.no_grad()',
        'def apply_max_norm(model, c):',
        '    """After the step: each unit\'s incoming weights (a row of every weight matrix, the output',
        ...(f.convWeights
          ? [
              "    layer's included; a conv layer's unit is an output channel's whole filter) rescaled",
              '    to an L2 norm of at most c."""',
              '    for weight, _ in model.layer_parameters():',
              '        shape = (-1,) + (1,) * (weight.dim() - 1)',
              '        norms = weight.flatten(1).norm(dim=1).reshape(shape)',
            ]
          : [
              '    layer\'s included) rescaled to an L2 norm of at most c."""',
              '    for weight, _ in model.layer_parameters():',
              '        norms = weight.norm(dim=1, keepdim=True)',
            ]),
        '        weight.mul_(torch.where(norms > c, c / norms, torch.ones_like(norms)))',
      ].join('\n'),
    );
  }
  if (f.mixup) {
    const multi = f.task === 'multiclass';
    parts.push(
      [
        'def mixup(x, y, alpha):',
        '    """Mixup (Zhang et al. 2018): λ ~ Beta(α, α) once per batch, every example mixed with a',
        '    shuffled partner, inputs and targets alike. torch draws λ and the partners, not the',
        '    engine: statistical equivalence only."""',
        ...(multi
          ? [`    y = nn.functional.one_hot(y, ${f.outputs}).float()  # class probabilities to mix`]
          : []),
        '    lam = float(torch.distributions.Beta(alpha, alpha).sample())',
        '    partner = torch.randperm(len(x))',
        '    return lam * x + (1 - lam) * x[partner], lam * y + (1 - lam) * y[partner]',
      ].join('\n'),
    );
  }
  return parts;
}

export function batchOrderCode(f: Features): string {
  const lines = [
    'class BatchOrder:',
    '    """Mini-batches as the engine draws them (torch\'s DataLoader with drop_last=False): every',
    '    epoch visits each training row once, in batches of batch_size (0: the whole split),',
  ];
  if (f.shuffle) {
    lines.push(
      "    shuffled by a fresh permutation per epoch from the engine's own generator (so the batches",
      '    are the engine\'s, row for row) or, without shuffling, in row order."""',
      '',
      '    def __init__(self, rows, batch_size, shuffle, seed):',
      '        self.rows = rows',
      '        self.batch_size = rows if batch_size <= 0 or batch_size > rows else batch_size',
      '        self.shuffle = shuffle',
      '        self.rng = Pcg32(seed, SHUFFLE_STREAM)',
    );
  } else {
    lines.push(
      '    in row order (no shuffling)."""',
      '',
      '    def __init__(self, rows, batch_size):',
      '        self.rows = rows',
      '        self.batch_size = rows if batch_size <= 0 or batch_size > rows else batch_size',
    );
  }
  lines.push(
    '        self.order = list(range(rows))',
    '        self.cursor = rows  # the first batch starts an epoch',
    '',
    '    @property',
    '    def steps_per_epoch(self):',
    '        return -(-self.rows // self.batch_size)',
    '',
    '    def next(self):',
    '        """The next batch\'s row indices, and whether it ends an epoch."""',
    '        if self.cursor >= self.rows:',
  );
  if (f.shuffle)
    lines.push(
      '            if self.shuffle:',
      '                self.order = self.rng.permutation(self.rows)',
    );
  lines.push(
    '            self.cursor = 0',
    '        end = min(self.cursor + self.batch_size, self.rows)',
    '        rows = torch.tensor(self.order[self.cursor : end])',
    '        self.cursor = end',
    '        return rows, end >= self.rows',
  );
  return lines.join('\n');
}

export function earlyStoppingCode(f: Features): string[] {
  if (!f.earlyStopping) return [];
  return [
    [
      'class EarlyStopping:',
      '    """Early stopping on the validation loss, checked at each epoch end (Keras\' rule): a loss',
      '    below best − min_delta is an improvement (its weights are kept); `patience` epochs',
      '    without one stop the run."""',
      '',
      '    def __init__(self, patience, min_delta):',
      '        self.patience, self.min_delta = patience, min_delta',
      '        self.best, self.wait, self.best_state = math.inf, 0, None',
      '',
      '    def should_stop(self, val_loss, model):',
      '        if val_loss < self.best - self.min_delta:',
      '            self.best, self.wait = val_loss, 0',
      '            self.best_state = copy.deepcopy(model.state_dict())  # batch-norm statistics too',
      '            return False',
      '        self.wait += 1',
      '        return self.wait >= self.patience',
    ].join('\n'),
  ];
}

export function evaluateCode(f: Features): string {
  const accuracy =
    f.task === 'binary'
      ? '    accuracy = ((z[:, 0] > 0).float() == y[:, 0]).float().mean().item()'
      : '    accuracy = (z.argmax(dim=1) == y).float().mean().item()';
  return [
    '@torch.no_grad()',
    'def evaluate(model, x, y):',
    `    """The ${f.task === 'regression' ? 'loss' : 'loss and the accuracy'} on a whole split in eval mode (dropout off,`,
    '    batch norm on its running statistics)."""',
    '    model.eval()',
    '    z = model(x)',
    '    model.train()',
    ...(f.task === 'regression'
      ? ['    return LOSS(z, y).item()']
      : [accuracy, '    return LOSS(z, y).item(), accuracy']),
  ].join('\n');
}

// train(config, data, log): the loop, one metrics row per record.
export function trainCode(f: Features, c: ConfigUse, scheduled: boolean): string {
  const L: string[] = [];
  const push = (...lines: string[]) => L.push(...lines);
  const torchDraws = ((f.dropout || f.dropBlock) && !f.engineMasks) || f.jitter || f.mixup;
  const proxGuard =
    f.penaltyModes.length > 1 || (f.penaltyModes.includes('proximal') && f.penaltyOff);
  push(
    'def train(config, data, log=True):',
    '    """Trains the network from the engine\'s initial weights with `config`. Prints a CSV row of',
    '    metrics every record_every steps (and at each epoch end) when `log`; returns the last row."""',
  );
  if (torchDraws)
    push(
      `    torch.manual_seed(SEED)  # ${f.dropout && !f.engineMasks ? 'dropout masks, ' : ''}torch's own draws, not the engine's`,
    );
  push(
    '    model = build_model(config)',
    '    optimizer = make_optimizer(model, config)',
    '    x_train, y_train = data["train"]',
    ...(f.augment ? ['    augment = Augmenter(data["scaler"])'] : []),
    f.shuffle
      ? `    batches = BatchOrder(len(x_train), ${c.read('batch_size')}, ${c.read('shuffle')}, SEED)`
      : `    batches = BatchOrder(len(x_train), ${c.read('batch_size')})`,
  );
  if (f.earlyStopping)
    push(
      '    stopper = None',
      `    if ${c.read('early_stopping')}:`,
      `        stopper = EarlyStopping(${c.read('patience')}, ${c.read('min_delta')})`,
    );
  push(
    '',
    '    def record(step, lr, batch_loss=None, grad_norm=math.nan):',
    '        """One metrics row: the step\'s batch loss, and each split evaluated in eval mode."""',
    '        row = {"step": step, "epoch": step / batches.steps_per_epoch, "lr": lr}',
  );
  const splitRow = (name: string, short: string) =>
    f.task === 'regression'
      ? `        row["${short}Loss"] = evaluate(model, *data["${name}"])`
      : `        row["${short}Loss"], row["${short}Accuracy"] = evaluate(model, *data["${name}"])`;
  push(splitRow('train', 'train'));
  if (f.hasValidation) push(splitRow('validation', 'val'));
  if (f.hasTest) push(splitRow('test', 'test'));
  push('        row["batchLoss"] = row["trainLoss"] if batch_loss is None else batch_loss');
  if (f.penaltyKinds.length)
    push(
      '        with torch.no_grad():',
      '            row["trainPenalty"] = float(penalty(model, config))',
    );
  push(
    '        row["gradNorm"] = grad_norm',
    '        if log:',
    '            print(",".join(f"{row[name]:.9g}" for name in COLUMNS), flush=True)',
    '        return row',
    '',
    `    last = record(0, ${scheduled ? 'learning_rate(0, config)' : c.read('lr')})`,
    '    epochs = 0',
    `    for step in range(${c.read('steps')}):`,
    '        rows, epoch_ends = batches.next()',
    '        x, y = x_train[rows], y_train[rows]',
  );
  if (f.augment) push("        x = augment(x)  # the engine's shifts, rotations and flips");
  if (f.jitter)
    push(
      `        if ${c.read('jitter')} > 0:  # input noise on the standardised inputs (torch's draws)`,
      `            x = x + ${c.read('jitter')} * torch.randn_like(x)`,
    );
  if (f.mixup)
    push(
      `        if ${c.read('mixup_alpha')} > 0 and len(rows) > 1:`,
      `            x, y = mixup(x, y, ${c.read('mixup_alpha')})`,
    );
  if (f.dropBlock)
    push("        model.set_drop_block_step(step)  # DropBlock's keep_prob for this step");
  push(
    '        optimizer.zero_grad()',
    '        data_loss = LOSS(model(x), y)',
    '        if not math.isfinite(data_loss.item()):  # the engine stops before the update',
    '            print(f"# diverged at step {step + 1}: the loss is {data_loss.item()}", file=sys.stderr)',
    '            break',
  );
  if (f.penaltyKinds.length && f.penaltyModes.includes('gradient')) {
    if (proxGuard)
      push(
        '        loss = data_loss if uses_proximal_step(config) else data_loss + penalty(model, config)',
      );
    else
      push('        loss = data_loss + penalty(model, config)  # its (sub)gradient via autograd');
    push('        loss.backward()');
  } else {
    push('        data_loss.backward()');
  }
  push('        grad_norm = gradient_norm(model)');
  if (f.clipNorm)
    push(
      `        if ${c.read('clip_norm')} > 0:  # by global norm first, then by value`,
      `            nn.utils.clip_grad_norm_(model.parameters(), ${c.read('clip_norm')})`,
    );
  if (f.clipValue)
    push(
      `        if ${c.read('clip_value')} > 0:`,
      `            nn.utils.clip_grad_value_(model.parameters(), ${c.read('clip_value')})`,
    );
  if (scheduled)
    push(
      '        lr = learning_rate(step, config)',
      '        for group in optimizer.param_groups:',
      '            group["lr"] = lr',
    );
  else push(`        lr = ${c.read('lr')}`);
  push('        optimizer.step()');
  if (f.penaltyModes.includes('proximal')) {
    if (proxGuard)
      push(
        '        if uses_proximal_step(config):',
        '            proximal_step(model, lr, config)',
      );
    else push('        proximal_step(model, lr, config)');
  }
  if (f.maxNorm)
    push(
      `        if ${c.read('max_norm')} > 0:`,
      `            apply_max_norm(model, ${c.read('max_norm')})`,
    );
  push(
    '        done = step + 1',
    '        epochs += epoch_ends',
    `        if (epoch_ends and ${c.read('record_epochs')}) or done % ${c.read('record_every')} == 0:`,
    '            last = record(done, lr, data_loss.item(), grad_norm)',
  );
  if (f.earlyStopping)
    push(
      '        if epoch_ends and stopper:',
      `            val_loss = evaluate(model, *data["validation"])${f.task === 'regression' ? '' : '[0]'}`,
      '            if stopper.should_stop(val_loss, model):',
      '                print(f"# early stopping at step {done}", file=sys.stderr)',
      `                if ${c.read('restore_best')} and stopper.best_state is not None:`,
      '                    model.load_state_dict(stopper.best_state)',
      `                    last = record(done, ${scheduled ? 'learning_rate(done, config)' : c.read('lr')})  # the restored weights`,
      '                break',
    );
  if (f.maxEpochs)
    push(
      `        if ${c.read('max_epochs')} > 0 and epochs >= ${c.read('max_epochs')}:`,
      '            break',
    );
  push('    return last');
  return L.join('\n');
}
