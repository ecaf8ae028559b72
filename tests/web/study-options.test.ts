// The "Choosing λ" settings in a link: defaults leave no trace, and every bad value keeps its
// default with a warning naming the key.
import { describe, expect, it } from 'vitest';
import { decodeStudy, defaultStudy, encodeStudy } from '../../web/src/spec/study-options';
import type { SpecWarning } from '../../web/src/spec/validate';

function decode(link: string) {
  const pairs = new Map(link.split('&').map((p) => p.split('=') as [string, string]));
  const warnings: SpecWarning[] = [];
  return { ...decodeStudy(pairs, warnings), warnings };
}

describe('study options', () => {
  it('writes nothing for the network stage with default settings', () => {
    expect(encodeStudy('network', defaultStudy())).toEqual([]);
  });

  it('reads a path, a grid search and a geometry setting', () => {
    const r = decode(
      'stage=cv&pm=elasticNet&pr=0.3&cvt=network&cvn=3&cvp=dropout&cvv=0,0.2,0.5&cvq=penalty.lambda&cvw=0.001,0.01&cve=12&gk=lp&gp=0.5&gc=1,-2&gh=2,0.5,1&gv=0',
    );
    expect(r.warnings).toEqual([]);
    expect(r.stage).toBe('cv');
    expect(r.study.path).toEqual({ model: 'elasticNet', l1Ratio: 0.3, alpha: null });
    expect(r.study.cv).toEqual({
      target: 'network',
      folds: 3,
      param: 'dropout',
      values: [0, 0.2, 0.5],
      param2: 'penalty.lambda',
      values2: [0.001, 0.01],
      epochs: 12,
    });
    expect(r.study.geometry.center).toEqual([1, -2]);
    expect(r.study.geometry.hessian).toEqual([2, 0.5, 1]);
    expect(r.study.geometry.compare).toBe(false);
  });

  it('keeps the default, with a warning, for every bad value', () => {
    const r = decode(
      'stage=table&pm=svm&cvn=11&cvv=1&cvq=dropout&gh=1,2,1&gc=9,0&gl=-1&cve=2.5&gv=yes',
    );
    expect(r.stage).toBe('network');
    expect(r.study).toEqual(defaultStudy());
    expect(r.warnings.map((w) => w.key).sort()).toEqual(
      ['cve', 'cvn', 'cvq', 'cvv', 'gc', 'gh', 'gl', 'gv', 'pm', 'stage'].sort(),
    );
  });

  it('refuses a second grid axis equal to the first', () => {
    const r = decode('cvp=dropout&cvq=dropout&cvw=0,0.1');
    expect(r.study.cv.param2).toBeNull();
    expect(r.warnings.map((w) => w.key)).toEqual(['cvq']);
  });
});
