// Which language, and the text for a key. The language comes from the link (lang=zh), else
// from the browser; the page can switch it. t() fills {placeholders} with plain text. English
// ships with the page; another language's table is fetched when it is first chosen.
import { en, type MessageKey, type Messages } from './en';
import type { Language } from '../spec/url-codec';
import type { SpecWarning } from '../spec/validate';

export type { MessageKey };

const tables: Partial<Record<Language, Messages>> = { en };
let current: Language = 'en';

const loaders: Record<Language, () => Promise<Messages>> = {
  en: () => Promise.resolve(en),
  zh: () => import('./zh').then((m) => m.zh),
};

// Fetches a language's table once; setLanguage shows English text until it has arrived.
export async function loadLanguage(lang: Language): Promise<void> {
  tables[lang] ??= await loaders[lang]();
}

export function browserLanguage(languages: readonly string[]): Language {
  for (const l of languages) {
    const tag = l.toLowerCase();
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

export function setLanguage(lang: Language): void {
  current = lang;
}

export function language(): Language {
  return current;
}

export function hasKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = tables[current]?.[key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : `{${name}}`,
  );
}

// A label for an option value of the schema ('adamw' → 'AdamW'), or the value itself.
export function optionLabel(value: string): string {
  const key = `option.${value}`;
  return hasKey(key) ? t(key) : value;
}

export function warningText(w: SpecWarning): string {
  const rule = `rule.${w.key}`;
  return t(`warn.${w.code}` as MessageKey, {
    key: w.key,
    value: w.value ?? '',
    allowed: w.allowed ?? '—',
    rule: (w.code === 'rule' || w.code === 'layerRemoved') && hasKey(rule) ? t(rule) : '',
  });
}
