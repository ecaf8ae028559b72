import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en';
import { zh } from '../../web/src/i18n/zh';
import {
  browserLanguage,
  hasKey,
  loadLanguage,
  setLanguage,
  t,
  warningText,
} from '../../web/src/i18n/i18n';
import { schema } from '../../web/src/spec/experiment-spec';

describe('i18n', () => {
  it('has a label in both languages for every schema field, layer field and option', () => {
    const keys = [
      ...schema.fields.map((f) => `field.${f.path}`),
      ...schema.layerFields.map((f) => `layer.${f.path}`),
      ...[...schema.fields, ...schema.layerFields].flatMap((f) =>
        (f.options ?? []).map((o) => `option.${o}`),
      ),
    ];
    const missing = keys.filter((k) => !hasKey(k));
    expect(missing).toEqual([]);
    for (const k of keys) expect((zh as Record<string, string>)[k]).toBeTruthy();
  });

  it('explains every penalty, optimizer and schedule with a formula in both languages', () => {
    const kinds = (path: string) => schema.fields.find((f) => f.path === path)!.options!;
    for (const [area, path] of [
      ['penalty', 'penalty.kind'],
      ['optimizer', 'optimizer.kind'],
      ['schedule', 'schedule.kind'],
    ] as const) {
      for (const kind of kinds(path)) {
        for (const prefix of ['explain', 'formula']) {
          const key = `${prefix}.${area}.${kind}`;
          expect(hasKey(key), key).toBe(true);
          expect((zh as Record<string, string>)[key], key).not.toBe('');
        }
      }
    }
  });

  it('keeps every placeholder of the English text in the Chinese one', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('picks Chinese for zh, zh-CN, zh-Hans-SG and English otherwise', () => {
    expect(browserLanguage(['zh-CN'])).toBe('zh');
    expect(browserLanguage(['fr', 'zh-Hans-SG'])).toBe('zh');
    expect(browserLanguage(['de'])).toBe('en');
    expect(browserLanguage([])).toBe('en');
  });

  it('fills placeholders as plain text', async () => {
    setLanguage('en');
    expect(t('banner.workerDied', { message: '<b>x</b>' })).toBe(
      'The training worker stopped: <b>x</b>',
    );
    expect(warningText({ code: 'unknownKey', key: 'foo' })).toBe('Ignored unknown setting "foo".');
    setLanguage('zh');
    expect(t('play.play')).toBe('Play'); // English until the table has arrived
    await loadLanguage('zh');
    expect(t('play.play')).toBe('运行');
    setLanguage('en');
  });
});
