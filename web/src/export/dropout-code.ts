// Python source for a convolutional network's dropouts with the engine's own masks: Dropout
// (dense entries), Dropout2d and DropBlock (conv entries) draw from the engine's dropout stream
// (PCG32, Trainer's dropoutRng_) in the order the training forward calls them, one 32-bit draw
// per unit, per (sample, channel), per DropBlock seed position (engine/nn/dropout.cpp,
// dropout2d.cpp, drop_block2d.cpp), so a run's masks are the engine's, step for step. The draws
// of a batch are computed at once with PCG's jump-ahead (state_j = A_j·s + C_j mod 2⁶⁴).

export const kDropoutStream = 0xd209;

export function engineDropoutCode(): string {
  return [
    `DROPOUT_STREAM = 0x${kDropoutStream.toString(16).toUpperCase()}  # the engine's random stream for dropout masks`,
    '',
    '',
    'class EngineDraws:',
    '    """The engine\'s dropout generator (Pcg32 on DROPOUT_STREAM), n draws at a time: draw j',
    '    is the output of the state advanced j times, state_j = A_j·s + C_j (mod 2⁶⁴)."""',
    '',
    '    def __init__(self, seed):',
    '        rng = Pcg32(seed, DROPOUT_STREAM)',
    '        self.state = rng.state',
    '        self.mult = np.array([6364136223846793005], dtype=np.uint64)',
    '        self.inc = np.array([rng.inc], dtype=np.uint64)',
    '        self.a = np.ones(1, dtype=np.uint64)  # A_j = mult^j',
    '        self.c = np.zeros(1, dtype=np.uint64)  # C_j = inc·(mult^(j−1) + … + 1)',
    '',
    '    def _grow(self):',
    '        a_m = self.a[-1:] * self.mult',
    '        c_m = self.c[-1:] * self.mult + self.inc',
    '        self.a, self.c = (',
    '            np.concatenate([self.a, self.a * a_m]),',
    '            np.concatenate([self.c, self.a * c_m + self.c]),',
    '        )',
    '',
    '    def u32(self, n):',
    '        """The next n 32-bit draws, as Pcg32.next_u32 would return them one by one."""',
    '        while len(self.a) < n + 1:',
    '            self._grow()',
    '        s = np.array([self.state], dtype=np.uint64)',
    '        old = self.a[:n] * s + self.c[:n]',
    '        self.state = int((self.a[n : n + 1] * s + self.c[n : n + 1])[0])',
    '        x = (((old >> np.uint64(18)) ^ old) >> np.uint64(27)) & np.uint64(0xFFFFFFFF)',
    '        rot = old >> np.uint64(59)',
    '        x = (x >> rot) | (x << ((np.uint64(32) - rot) & np.uint64(31)))',
    '        return x & np.uint64(0xFFFFFFFF)',
    '',
    '',
    'def below(draws, p):',
    '    """Where a draw is below p·2³² (the engine\'s drop, or seed, test)."""',
    '    return draws < np.uint64(int(math.ldexp(p, 32)))',
    '',
    '',
    'class EngineDropout(nn.Module):',
    '    """Inverted dropout with the engine\'s masks: one draw per value (per_channel: per sample',
    '    and channel, as Dropout2d), dropped below p·2³², kept ones scaled by float32(1 / (1 − p))."""',
    '',
    '    def __init__(self, p, per_channel=False):',
    '        super().__init__()',
    '        self.p = p',
    '        self.per_channel = per_channel',
    "        self.draws = None  # the network's EngineDraws (build_model sets it)",
    '',
    '    def forward(self, x):',
    '        if not self.training or self.p == 0:',
    '            return x',
    '        shape = tuple(x.shape[:2]) if self.per_channel else tuple(x.shape)',
    '        scale = np.float32(1.0 / (1.0 - self.p)) if self.p < 1 else np.float32(0.0)',
    '        drop = below(self.draws.u32(int(np.prod(shape))), self.p).reshape(shape)',
    '        mask = torch.from_numpy(np.where(drop, np.float32(0.0), scale).astype(np.float32))',
    '        return x * (mask[:, :, None, None] if self.per_channel else mask)',
  ].join('\n');
}

// DropBlock with the engine's seeds, in place of torchvision's drop_block2d (same γ, blocks and
// normalisation; the seeds are the engine's draws).
export function engineDropBlockForward(): string[] {
  return [
    '    def forward(self, x):',
    '        if not self.training or self.rate == 0:',
    '            return x',
    '        n, c, h, w = x.shape',
    '        b = self.block_size',
    '        gamma = self.rate * h * w / (b * b * (h - b + 1) * (w - b + 1))',
    '        seeds = below(self.draws.u32(n * c * (h - b + 1) * (w - b + 1)), gamma)',
    '        seeds = torch.from_numpy(seeds.astype(np.float32).reshape(n, c, h - b + 1, w - b + 1))',
    "        # A seed's block is the b × b square with the seed at its top-left.",
    '        padded = nn.functional.pad(seeds, (b - 1, b - 1, b - 1, b - 1))',
    '        keep = 1.0 - nn.functional.max_pool2d(padded, b, stride=1)',
    '        scale = keep.numel() / (1e-6 + float(keep.sum()))',
    '        return x * keep * np.float32(scale)',
  ];
}
