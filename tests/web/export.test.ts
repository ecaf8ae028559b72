import { describe, expect, it } from 'vitest';
import { defaultSpec } from '../../web/src/spec/experiment-spec';
import { emptySeries, newRun, type AppState } from '../../web/src/state/store';
import { metricsCsv, metricsJson } from '../../web/src/ui/export';

function state(): AppState {
  const a = newRun(defaultSpec());
  a.series = {
    ...emptySeries(),
    length: 2,
    layers: 2,
    columns: { step: [10, 20], trainLoss: [0.5, 0.25] },
    perLayer: {
      gradNorm: [
        [1, 2],
        [3, 4],
      ],
    },
  };
  const b = newRun(defaultSpec());
  b.series = {
    ...emptySeries(),
    length: 1,
    layers: 2,
    columns: { step: [10], trainLoss: [0.75] },
    perLayer: { gradNorm: [[5], [6]] },
  };
  return { runs: [a, b] } as unknown as AppState;
}

describe('metrics export', () => {
  it('writes one CSV row per recorded step and run, per-layer columns numbered from 1', () => {
    expect(metricsCsv(state())).toBe(
      'run,step,trainLoss,gradNorm[1],gradNorm[2]\n1,10,0.5,1,3\n1,20,0.25,2,4\n2,10,0.75,5,6\n',
    );
  });

  it('writes JSON with each run spec and its columns, and the link', () => {
    const json = JSON.parse(metricsJson(state(), 'https://x/#v=1'));
    expect(json.link).toBe('https://x/#v=1');
    expect(json.runs[1].metrics.columns.trainLoss).toEqual([0.75]);
    expect(json.runs[0].spec).toEqual(defaultSpec());
  });
});
