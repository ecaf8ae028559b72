// The field registry: every field the engine's schema exports has a place on the page (a
// presentation row: URL key, panel, group), and every text the page shows for it exists in
// both languages. A new engine setting fails here until it is placed, keyed and labelled.
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en';
import { zh } from '../../web/src/i18n/zh';
import { schema, type SpecPath } from '../../web/src/spec/experiment-spec';
import { kPresentation, kUnpresented } from '../../web/src/spec/presentation';

const has = (table: Record<string, string>, key: string) =>
  Object.prototype.hasOwnProperty.call(table, key) && table[key]!.trim() !== '';

describe('field registry', () => {
  it('places every schema field exactly once, or says why not', () => {
    for (const f of schema.fields) {
      const rows = kPresentation.filter((p) => p.path === f.path);
      const why = kUnpresented[f.path as SpecPath];
      expect({ path: f.path, rows: rows.length + (why ? 1 : 0) }).toEqual({
        path: f.path,
        rows: 1,
      });
    }
    for (const p of kPresentation) expect(schema.fields.map((f) => f.path)).toContain(p.path);
  });

  it('gives every field its own URL key, clear of the link format’s own keys', () => {
    const keys = kPresentation.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const reserved of [
      'v',
      'runs',
      'pts',
      'lang',
      'embed',
      'hide',
      'autoplay',
      'x',
      'speed',
      'tp',
      'h',
      'lesson',
      'csv',
    ])
      expect(keys).not.toContain(reserved);
    for (const k of keys) expect(k).toMatch(/^[a-z][a-z0-9]*$/);
  });

  it('labels every field, layer field, option and rule in English and Chinese', () => {
    const needed: string[] = [];
    for (const p of kPresentation) needed.push(`field.${p.path}`);
    for (const f of [...schema.fields, ...schema.layerFields])
      for (const option of f.options ?? []) needed.push(`option.${option}`);
    for (const f of schema.layerFields) needed.push(`layer.${f.path}`);
    for (const r of [...schema.rules, ...schema.layerRules]) needed.push(`rule.${r.id}`);
    const missing = needed.filter((k) => !has(en, k) || !has(zh, k));
    expect(missing).toEqual([]);
  });

  it('shows a rule repair’s subject: every rule fixes a field that has a control', () => {
    for (const r of schema.rules) expect(kPresentation.map((p) => p.path)).toContain(r.fix.path);
  });
});
