// What the PyTorch export proofs (export-pytorch-proof.test.ts, export-pytorch-cnn-proof.test.ts)
// share: the Python interpreter and whether it has the stack, the export input the page
// gathers, the runner that executes scripts in one interpreter, and reading their CSV output.
import { execFile, execFileSync } from 'node:child_process';
import type {
  DeepPartial,
  EngineModule,
  ExperimentSpec,
  Trainer,
} from '../../web/src/engine/engine-api';
import type { PyTorchExportInput } from '../../web/src/export/types';
import { trainerExportInput } from '../../web/src/worker/jobs';

// Debian's python3 (python3-torch, python3-sklearn); EXPORT_PYTHON names another interpreter.
export const kPython = process.env['EXPORT_PYTHON'] ?? '/usr/bin/python3';

// Why kPython cannot run the proof (no torch, NumPy or scikit-learn), or null.
function pythonProblem(): string | null {
  try {
    execFileSync(kPython, ['-c', 'import torch, numpy, sklearn'], {
      stdio: 'pipe',
      timeout: 60000,
    });
    return null;
  } catch (e) {
    const text = String((e as { stderr?: Buffer }).stderr ?? e);
    const missing = /No module named '([^']+)'/.exec(text)?.[1];
    return missing
      ? `${kPython} has no ${missing} (apt-get install python3-torch python3-sklearn)`
      : `${kPython} cannot run torch: ${text.split('\n').filter(Boolean).pop() ?? 'not found'}`;
  }
}

// The reason the proof named `proof` is skipped, or null; with CI set a missing stack throws,
// so CI cannot skip the proof.
export function pythonStackProblem(proof: string): string | null {
  const problem = pythonProblem();
  if (problem && process.env['CI']) throw new Error(`the ${proof} cannot run in CI: ${problem}`);
  return problem;
}

// What the page gathers in the worker (the exportInput job), right after the trainer is built.
export function proofExportInput(
  engine: EngineModule,
  partial: DeepPartial<ExperimentSpec>,
  trainer: Trainer,
  link: string,
  steps: number,
): PyTorchExportInput {
  return { ...trainerExportInput(engine, partial, trainer), link, steps };
}

export function execPython(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      kPython,
      args,
      { timeout: 180000, maxBuffer: 64 << 20, env: { ...process.env, OMP_NUM_THREADS: '1' } },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${kPython} ${args.join(' ')}: ${error.message}\n${stderr}`));
        else resolve({ stdout, stderr });
      },
    );
  });
}

// Python: run_scripts(paths) runs scripts one after another in this interpreter, each as
// __main__ with its own globals and its output in <script>.out / .err, so that torch is
// imported once, not per script.
export const kRunScriptsCode = `
import contextlib, io, runpy, sys, traceback, warnings


def run_scripts(paths):
    for path in paths:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            with warnings.catch_warnings():
                warnings.simplefilter("always")
                try:
                    runpy.run_path(path, run_name="__main__")
                except BaseException:
                    traceback.print_exc()
        with open(path + ".out", "w") as f:
            f.write(out.getvalue())
        with open(path + ".err", "w") as f:
            f.write(err.getvalue())
`;

export type Columns = Record<string, number[]>;

export function parseCsv(text: string): Columns {
  const lines = text.trim().split('\n');
  const header = lines[0]!.split(',');
  const out: Columns = Object.fromEntries(header.map((h) => [h, []]));
  for (const line of lines.slice(1))
    line.split(',').forEach((v, i) => out[header[i]!]!.push(Number(v)));
  return out;
}

// Largest |a − b| / max(|b|, floor) over a column, and the row where it happened.
export function worst(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  floor: number,
): { rel: number; at: number } {
  let rel = 0;
  let at = -1;
  for (let i = 0; i < b.length; i++) {
    const r = Math.abs(a[i]! - b[i]!) / Math.max(Math.abs(b[i]!), floor);
    if (!(r <= rel)) {
      rel = r;
      at = i;
    }
  }
  return { rel, at };
}
