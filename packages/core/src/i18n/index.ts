/**
 * The domain's messages in zh-Hans (the default), zh-Hant and English: levels, ranks, kinds,
 * errors, row issues and violations. The widgets' own labels live in `@gualian/elements`.
 * Templates use `{name}` placeholders filled from a record of values.
 */
import { messages as zhHans } from './messages.zh-Hans.js';
import { messages as zhHant } from './messages.zh-Hant.js';
import { messages as en } from './messages.en.js';
import { recordMessages } from './messages.records.js';

/** The languages gualian speaks. */
export type Lang = 'zh-Hans' | 'zh-Hant' | 'en';

/** The message keys (levels, ranks, kinds, errors): the zh-Hans catalogue is the reference. */
export type MessageKey = keyof typeof zhHans;

const catalogues: Record<Lang, Record<string, string>> = {
  'zh-Hans': { ...zhHans, ...recordMessages['zh-Hans'] },
  'zh-Hant': { ...zhHant, ...recordMessages['zh-Hant'] },
  en: { ...en, ...recordMessages.en },
};

/**
 * Add a domain's messages (pairing, assessment, disputes …) to the catalogues. Each domain
 * registers its own from the module that describes its records, so a page that never uses a
 * domain never loads its messages.
 * @internal
 */
export function registerMessages(domain: Readonly<Record<Lang, Readonly<Record<string, string>>>>): void {
  for (const lang of Object.keys(catalogues) as Lang[]) Object.assign(catalogues[lang], domain[lang]);
}

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
