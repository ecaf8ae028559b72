// The exact linear solvers of the WASM engine (SIMD build, in Node) against scikit-learn on the
// same standardised data, in one run: the diabetes lasso path (100 α), its 10-fold
// cross-validation (every fold, then combineCv) and the breast-cancer L1 logistic path (100 C).
// scikit-learn runs natively in a /usr/bin/python3 child process (bench/linear_sklearn.py: the
// data, calls and tolerances are listed in its header). Method and latest results: BENCHMARKS.md,
// section "Exact linear solvers".
//   npm run bench:linear                    tables on stdout, build/bench/linear.json
// Timing: every call is timed alone (one warm-up call first) and the best of --reps is kept;
// the two sides take turns for --rounds rounds (engine, then scikit-learn, then the engine
// again, ...) and each side's best over all rounds is reported, so a busy phase of a shared
// machine does not land on one side only.
// Options: --reps N (default 15), --rounds R (default 3), --tol T (lasso / LassoCV tolerance,
//   both sides: sklearn's duality-gap test, default 1e-4), --python FILE (default
//   /usr/bin/python3), --wasm-dir DIR (default build/wasm).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const require = createRequire(import.meta.url);

function parseArgs(argv) {
  const o = {
    reps: 15,
    rounds: 3,
    tol: 1e-4,
    python: '/usr/bin/python3',
    wasmDir: `${root}build/wasm`,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--reps') o.reps = Number(value());
    else if (arg === '--rounds') o.rounds = Number(value());
    else if (arg === '--tol') o.tol = Number(value());
    else if (arg === '--python') o.python = value();
    else if (arg === '--wasm-dir') o.wasmDir = value();
    else throw new Error(`unknown option ${arg} (see the header of bench/linear.mjs)`);
  }
  if (!(o.reps >= 3)) throw new Error('--reps: at least 3');
  if (!(o.rounds >= 1)) throw new Error('--rounds: at least 1');
  if (!(o.tol > 0 && o.tol < 1)) throw new Error('--tol: in (0, 1)');
  return o;
}

async function loadEngine(dir) {
  const createEngine = require(`${dir}/engine-simd-node.cjs`);
  const engine = await createEngine({ wasmBinary: readFileSync(`${dir}/engine-simd-node.wasm`) });
  for (const d of engine.describe().dataKinds.filter((k) => k.file))
    engine.loadDataSet(d.kind, readFileSync(`${root}engine/data/sets/${d.file}`, 'utf8'));
  return engine;
}

// Best of `reps` single calls, after one warm-up call, in milliseconds.
function bestMs(fn, reps) {
  fn();
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

function machine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    // keep os.cpus()
  }
  return {
    cpu,
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const engine = await loadEngine(o.wasmDir);
  if (!engine.simd()) throw new Error('the SIMD engine is not a SIMD build');
  const all = (kind) => ({ data: { kind, valFraction: 0, testFraction: 0 } });
  const lasso = { model: 'lasso', nAlphas: 100, eps: 1e-3, tol: o.tol };

  const cvOptions = { ...lasso, folds: 10 };
  const cv = () => {
    const folds = [];
    for (let f = 0; f < 10; f++) folds.push(engine.linearCvFold(all('diabetes'), cvOptions, f));
    return engine.combineCv(folds);
  };
  const logistic = { model: 'logistic', penalty: 'l1', nAlphas: 100, eps: 1e-3 };
  const path = engine.linearPath(all('diabetes'), lasso);
  const cvResult = cv();
  const logPath = engine.linearPath(all('breastCancer'), logistic);

  let pathMs = Infinity;
  let cvMs = Infinity;
  let logMs = Infinity;
  let sk = null;
  for (let round = 0; round < o.rounds; round++) {
    pathMs = Math.min(
      pathMs,
      bestMs(() => engine.linearPath(all('diabetes'), lasso), o.reps),
    );
    cvMs = Math.min(cvMs, bestMs(cv, o.reps));
    logMs = Math.min(
      logMs,
      bestMs(() => engine.linearPath(all('breastCancer'), logistic), o.reps),
    );
    const py = spawnSync(
      o.python,
      [`${root}bench/linear_sklearn.py`, '--reps', String(o.reps), '--tol', String(o.tol)],
      { input: JSON.stringify({ cgrid: [...logPath.alphas] }), encoding: 'utf8' },
    );
    if (py.status !== 0)
      throw new Error(`${o.python} bench/linear_sklearn.py failed:\n${py.stderr}`);
    const next = JSON.parse(py.stdout);
    if (sk) {
      next.lasso_path_ms = Math.min(next.lasso_path_ms, sk.lasso_path_ms);
      next.lasso_cv_ms = Math.min(next.lasso_cv_ms, sk.lasso_cv_ms);
      for (const solver of ['saga', 'liblinear'])
        next.logistic[solver].ms = Math.min(next.logistic[solver].ms, sk.logistic[solver].ms);
    }
    sk = next;
  }
  // Same problem on both sides: the same grid and the same support at its weakest penalty.
  if (Math.abs(sk.lasso_path_alpha_max / path.alphas[0] - 1) > 1e-12)
    throw new Error(`α_max differs: engine ${path.alphas[0]}, sklearn ${sk.lasso_path_alpha_max}`);
  if (sk.lasso_path_nonzeros_last !== path.nonZeros[99])
    throw new Error('the lasso paths end with different supports');

  const rows = [
    {
      workload: 'diabetes lasso path, 100 α (442 × 10)',
      engineMs: pathMs,
      sklearnCall: `lasso_path(tol=${o.tol})`,
      sklearnMs: sk.lasso_path_ms,
    },
    {
      workload: 'diabetes lasso 10-fold CV (10 folds + combine)',
      engineMs: cvMs,
      sklearnCall: `LassoCV(cv=10, tol=${o.tol})`,
      sklearnMs: sk.lasso_cv_ms,
    },
    {
      workload: 'breast cancer L1 logistic path, 100 C (569 × 30)',
      engineMs: logMs,
      sklearnCall: `LogisticRegression(l1, saga, tol=${sk.logistic.saga.tol}), warm-started`,
      sklearnMs: sk.logistic.saga.ms,
    },
    {
      workload: 'breast cancer L1 logistic path, 100 C (569 × 30)',
      engineMs: logMs,
      sklearnCall: `LogisticRegression(l1, liblinear, tol=${sk.logistic.liblinear.tol})`,
      sklearnMs: sk.logistic.liblinear.ms,
    },
  ].map((r) => ({ ...r, ratio: r.sklearnMs / r.engineMs }));

  const result = {
    date: new Date().toISOString(),
    machine: machine(),
    command: `npm run bench:linear -- --reps ${o.reps} --rounds ${o.rounds} --tol ${o.tol}`,
    engine: { build: 'engine-simd-node (WASM SIMD, em++ -O3)', version: engine.version() },
    sklearn: { version: sk.sklearn, numpy: sk.numpy, python: sk.python },
    reps: o.reps,
    rounds: o.rounds,
    rows,
    checks: {
      lassoAlphaMax: path.alphas[0],
      cvBestAlpha: path.alphas[cvResult.best],
      engineLogisticTol: 1e-8,
      sklearnLogisticKkt: {
        saga: sk.logistic.saga.max_kkt_residual,
        liblinear: sk.logistic.liblinear.max_kkt_residual,
      },
    },
  };
  mkdirSync(`${root}build/bench`, { recursive: true });
  writeFileSync(`${root}build/bench/linear.json`, `${JSON.stringify(result, null, 2)}\n`);

  const lines = [
    '| workload | engine WASM SIMD (ms) | scikit-learn call | scikit-learn (ms) | sklearn / engine |',
    '| --- | ---: | --- | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.workload} | ${fmt(r.engineMs)} | ${r.sklearnCall} | ${fmt(r.sklearnMs)} | ${r.ratio.toFixed(1)}× |`,
    ),
  ];
  console.log(lines.join('\n'));
  console.log(
    `\nengine logistic: KKT residual ≤ 1e-8 at every C; sklearn's, measured on the same ` +
      `objective: saga max ${sk.logistic.saga.max_kkt_residual.toExponential(1)}, liblinear max ` +
      `${sk.logistic.liblinear.max_kkt_residual.toExponential(1)} (it penalises the intercept)`,
  );
  console.log(
    `${result.machine.cpu}, ${result.machine.cores} cores, Node ${process.version}, ` +
      `scikit-learn ${sk.sklearn}; best of ${o.rounds} × ${o.reps} single calls; ` +
      'build/bench/linear.json written',
  );
}

await main();
