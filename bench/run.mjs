// The benchmark: this engine (WASM SIMD, WASM without SIMD, native) against TensorFlow.js
// (wasm and cpu backends) and ConvNetJS on three identical dense training workloads (W1-W3) and
// the WASM engine against TensorFlow.js on two CNN workloads (C1, C2), plus the GEMM ceiling of
// the engine's own kernel. Every timed run starts with the smoke check: the contenders must
// agree on the losses before anything is timed. Method and latest results: BENCHMARKS.md.
//   npm run bench                 full run (a few minutes), tables on stdout and in build/bench/
//   npm run bench:smoke           every contender one step of every workload; losses must agree
// Options: --reps N (default 7), --block S (seconds per timed block, default 0.5),
//   --warmup S (default 2), --workloads W1,W2,W3,C1,C2, --contenders id,id,
//   --wasm-dir DIR (default build/wasm), --native-bin FILE (default build/native/engine_bench)
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

import {
  contenderIds,
  createContenders,
  evaluateBars,
  formatTables,
  gemmRun,
  prepareWorkloads,
  smokeDisagreements,
  smokeRun,
  smokeTolerance,
  timedRun,
} from './harness.mjs';
import { cnnWorkloadIds } from './cnn-workloads.mjs';
import { root, workloadIds } from './workloads.mjs';

function parseArgs(argv) {
  const o = {
    smoke: false,
    reps: 7,
    block: 0.5,
    warmup: 2,
    workloads: [...workloadIds, ...cnnWorkloadIds],
    contenders: contenderIds,
    wasmDir: undefined,
    nativeBinary: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--smoke') o.smoke = true;
    else if (arg === '--reps') o.reps = Number(value());
    else if (arg === '--block') o.block = Number(value());
    else if (arg === '--warmup') o.warmup = Number(value());
    else if (arg === '--workloads') o.workloads = value().split(',');
    else if (arg === '--contenders') o.contenders = value().split(',');
    else if (arg === '--wasm-dir') o.wasmDir = value();
    else if (arg === '--native-bin') o.nativeBinary = value();
    else throw new Error(`unknown option ${arg} (see the header of bench/run.mjs)`);
  }
  if (!(o.reps >= 5)) throw new Error('--reps: at least 5 repetitions');
  if (!(o.block > 0) || !(o.warmup > 0)) throw new Error('--block and --warmup must be positive');
  return o;
}

function machineInfo() {
  const cpuinfo = (() => {
    try {
      return readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return '';
    }
  })();
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const flags = /^flags\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.split(' ') ?? [];
  const simd = ['sse4_2', 'avx', 'avx2', 'fma', 'avx512f'].filter((f) => flags.includes(f));
  let nproc = os.availableParallelism?.() ?? os.cpus().length;
  try {
    nproc = Number(execSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    // keep the value from os
  }
  return {
    cpu: model,
    cpuFlags: simd.join(' '),
    nproc,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    v8: process.versions.v8,
  };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const log = (s) => process.stderr.write(`${s}\n`);
  const contenders = await createContenders({
    only: o.contenders,
    wasmDir: o.wasmDir,
    nativeBinary: o.nativeBinary,
  });
  const prepared = await prepareWorkloads(o.workloads, { wasmDir: o.wasmDir });
  for (const c of contenders) log(`${c.id}: ${c.info}`);

  const rows = smokeRun(contenders, prepared);
  const bad = smokeDisagreements(rows, smokeTolerance);
  if (!o.smoke) {
    if (bad.length) {
      throw new Error(
        `the contenders disagree (tolerance ${smokeTolerance} relative), nothing timed:\n  ${bad.join('\n  ')}`,
      );
    }
    log(`smoke check: ${rows.length} contender × workload pairs agree`);
  } else {
    console.log('| workload | contender | loss before | loss after 1 step | after 3 steps |');
    console.log('| --- | --- | ---: | ---: | ---: |');
    for (const r of rows) {
      console.log(
        `| ${r.workload} | ${r.contender} | ${r.initialLoss.toFixed(7)} | ${r.lossAfterStep.toFixed(7)} | ${r.lossAfter3Steps?.toFixed(7) ?? '–'} |`,
      );
    }
    if (bad.length) {
      console.error(
        `The contenders disagree (tolerance ${smokeTolerance} relative):\n  ${bad.join('\n  ')}`,
      );
      process.exitCode = 1;
    } else {
      console.log(
        `\nAll ${contenders.length} contenders agree on every workload (tolerance ${smokeTolerance} relative).`,
      );
    }
    return;
  }

  const machine = machineInfo();
  const settings = { reps: o.reps, blockSeconds: o.block, warmupSeconds: o.warmup, log };
  const started = new Date();
  const results = timedRun(contenders, prepared, settings);
  const gemm = gemmRun(contenders, { n: 512, ...settings });
  const bars = evaluateBars(results, gemm);
  const tables = formatTables({ results, gemm, bars });

  const header = [
    `Run of ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${o.reps} repetitions, blocks of ~${o.block} s after ${o.warmup} s of warm-up.`,
    `Machine: ${machine.cpu} (${machine.cpuFlags}), nproc ${machine.nproc}, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node} (V8 ${machine.v8}).`,
    ...contenders.map((c) => `- ${c.label}: ${c.info}`),
  ].join('\n');
  console.log(`${header}\n\n${tables}`);

  mkdirSync(`${root}build/bench`, { recursive: true });
  writeFileSync(
    `${root}build/bench/results.json`,
    JSON.stringify(
      {
        started,
        machine,
        settings: { ...settings, log: undefined },
        contenders: contenders.map((c) => ({ id: c.id, info: c.info })),
        results,
        gemm,
        bars,
      },
      null,
      1,
    ),
  );
  writeFileSync(`${root}build/bench/results.md`, `${header}\n\n${tables}\n`);
  log('written: build/bench/results.json, build/bench/results.md');
}

main().catch((e) => {
  console.error(e?.stack ?? e);
  process.exit(1);
});
