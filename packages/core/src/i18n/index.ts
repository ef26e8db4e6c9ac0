/**
 * Messages and labels in zh-Hans (the default), zh-Hant and English.
 * Templates use `{name}` placeholders filled from a record of values.
 */
import { messages as zhHans } from './messages.zh-Hans.js';
import { messages as zhHant } from './messages.zh-Hant.js';
import { messages as en } from './messages.en.js';
import { pairingMessages } from './messages.pairing.js';

/** The languages gualian speaks. */
export type Lang = 'zh-Hans' | 'zh-Hant' | 'en';

/** The message keys: the zh-Hans catalogue is the reference. */
export type MessageKey = keyof typeof zhHans;

const catalogues: Record<Lang, Record<string, string>> = {
  'zh-Hans': { ...zhHans, ...pairingMessages['zh-Hans'] },
  'zh-Hant': { ...zhHant, ...pairingMessages['zh-Hant'] },
  en: { ...en, ...pairingMessages.en },
};

/**
 * Map any BCP 47 tag to one of gualian's languages: `zh-TW`, `zh-HK` and `zh-Hant-*` give
 * zh-Hant, other `zh*` give zh-Hans, `en*` gives en, anything else the default zh-Hans.
 * @example
 * resolveLang('zh-TW'); // 'zh-Hant'
 */
export function resolveLang(tag: string | null | undefined): Lang {
  const t = (tag ?? '').toLowerCase();
  if (t.startsWith('en')) return 'en';
  if (/^zh-(hant|tw|hk|mo)/.test(t)) return 'zh-Hant';
  return 'zh-Hans';
}

/**
 * Fill the message `key` in `lang` with `values`. Unknown keys come back as the key itself,
 * so a missing translation shows rather than hides.
 * @example
 * translate('level.village', 'en'); // 'village'
 */
export function translate(key: string, lang: Lang = 'zh-Hans', values: Readonly<Record<string, string | number>> = {}): string {
  const template = catalogues[lang][key] ?? catalogues['zh-Hans'][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}

/** Detail fields whose values are level or rank names, shown in the reader's language. */
const LOCALISED_DETAILS: Record<string, string> = { segment: 'level', expected: 'level', level: 'level', rank: 'rank' };

/**
 * The details of an error or violation with level and rank names put into `lang`
 * (`{ expected: 'village' }` → `{ expected: '村' }` in zh-Hans).
 * @internal
 */
export function localiseDetails(details: Readonly<Record<string, string | number>>, lang: Lang): Record<string, string | number> {
  const out: Record<string, string | number> = { ...details };
  for (const [key, prefix] of Object.entries(LOCALISED_DETAILS)) {
    const v = out[key];
    if (typeof v === 'string' && catalogues[lang][`${prefix}.${v}`] !== undefined) out[key] = catalogues[lang][`${prefix}.${v}`]!;
  }
  return out;
}
