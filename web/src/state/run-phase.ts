// What a run is doing, said honestly, and what the user can do next. The engine reports only
// running / diverged / earlyStopped / finished; the page adds what it knows: the engine still
// loading, a spec the engine refused, a run that has not started (step 0), and a paused one.
import type { AppState, Run } from './store';

export type RunPhase =
  'loading' | 'refused' | 'ready' | 'running' | 'paused' | 'finished' | 'earlyStopped' | 'diverged';

export function runPhase(run: Run, playing: boolean): RunPhase {
  if (run.error) return 'refused';
  const status = run.status;
  if (!status || run.starting) return 'loading';
  if (status.state !== 'running') return status.state;
  if (playing) return 'running';
  return status.step === 0 ? 'ready' : 'paused';
}

// Phases in which Play can make progress.
export function canTrain(phase: RunPhase): boolean {
  return phase === 'ready' || phase === 'running' || phase === 'paused';
}

// The phase of the page as a whole, so one status line can speak for a comparison: a refused
// run first; then, while any run can still train, running / paused / ready; else why the runs
// stopped (a divergence before an early stop before a finish).
export function pagePhase(s: AppState): RunPhase {
  if (!s.engine.ready) return 'loading';
  const phases = s.runs.map((r) => runPhase(r, s.playing));
  if (phases.includes('refused')) return 'refused';
  if (phases.includes('loading')) return 'loading';
  if (phases.some(canTrain)) {
    if (s.playing) return 'running';
    return phases.includes('paused') ? 'paused' : 'ready';
  }
  for (const p of ['diverged', 'earlyStopped', 'finished'] as const)
    if (phases.includes(p)) return p;
  return 'ready';
}
