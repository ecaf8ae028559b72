// "What the network sees" in a link: the stage, the chosen test image (ir=) and "as in
// training" (it=) round-trip; bad values keep the default with a warning naming the key.
import { describe, expect, it } from 'vitest';
import { decodeStudy, defaultStudy, encodeStudy } from '../../web/src/spec/study-options';
import type { SpecWarning } from '../../web/src/spec/validate';

function decode(link: string) {
  const pairs = new Map(link.split('&').map((p) => p.split('=') as [string, string]));
  const warnings: SpecWarning[] = [];
  return { ...decodeStudy(pairs, warnings), warnings };
}

describe('image view options', () => {
  it('round-trip the stage, the chosen row and the training switch', () => {
    const study = { ...defaultStudy(), images: { row: 42, training: true } };
    const link = encodeStudy('images', study).join('&');
    expect(link).toBe('stage=images&ir=42&it=1');
    const r = decode(link);
    expect(r.warnings).toEqual([]);
    expect(r.stage).toBe('images');
    expect(r.study.images).toEqual({ row: 42, training: true });
  });

  it('keep the defaults, with warnings, for a negative or fractional row and a bad switch', () => {
    for (const row of ['-1', '2.5', 'x', '']) {
      const r = decode(`ir=${row}&it=yes`);
      expect(r.study.images).toEqual(defaultStudy().images);
      expect(r.warnings.map((w) => w.key).sort()).toEqual(['ir', 'it']);
    }
  });
});
