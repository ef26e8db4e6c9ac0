/**
 * The widgets' own labels (`ui.*` keys): zh-Hans, the default, is always loaded; zh-Hant and en
 * are each a module imported the first time a widget speaks that language, so the script-tag
 * bundle carries them as lazy chunks. Every other key (levels, ranks, kinds, errors,
 * violations) is the core's and goes to its `translate`.
 */
import { translate, type Lang, type MessageKey as CoreMessageKey } from '@gualian/core';
import { messages as zhHans } from './ui.zh-Hans.js';

/** A key of the widgets' own catalogue. */
export type UiMessageKey = keyof typeof zhHans;

/** Any key a widget may show: its own labels and the core's messages. */
export type MessageKey = CoreMessageKey | UiMessageKey;

type Catalogue = Readonly<Record<string, string>>;

const loaded: Partial<Record<Lang, Catalogue>> = { 'zh-Hans': zhHans };
const loading = new Map<Lang, Promise<void>>();
const failed = new Set<Lang>();

// Literal specifiers, so bundlers see them and make one chunk of each.
const importers: Record<Exclude<Lang, 'zh-Hans'>, () => Promise<{ messages: Catalogue }>> = {
  'zh-Hant': () => import('./ui.zh-Hant.js'),
  en: () => import('./ui.en.js'),
};

/**
 * Make sure the labels of `lang` are loaded: `null` when they already are (or could not be,
 * in which case zh-Hans is shown), else a promise that settles, never rejecting, once they are.
 * @internal
 */
export function loadUiMessages(lang: Lang): Promise<void> | null {
  if (loaded[lang] !== undefined || failed.has(lang)) return null;
  let pending = loading.get(lang);
  if (pending === undefined) {
    pending = importers[lang as Exclude<Lang, 'zh-Hans'>]().then(
      (module) => {
        loaded[lang] = module.messages;
      },
      (error: unknown) => {
        // A chunk that cannot be fetched (a portal that copied the bundle without its
        // bundle-chunks/ folder) leaves the widgets in zh-Hans rather than without labels.
        failed.add(lang);
        console.warn(`gualian: the ${lang} labels could not be loaded; showing zh-Hans.`, error);
      },
    );
    pending.finally(() => loading.delete(lang));
    loading.set(lang, pending);
  }
  return pending;
}

/**
 * Whether the labels of `lang` are here.
 * @internal
 */
export function uiMessagesLoaded(lang: Lang): boolean {
  return loaded[lang] !== undefined;
}

/**
 * A label or message in `lang`, filled with `values`: `ui.*` keys from the widgets' catalogue
 * (zh-Hans while that of `lang` is still loading), the rest from the core's `translate`.
 * Unknown keys come back as the key itself.
 * @internal
 */
export function translateLabel(key: MessageKey, lang: Lang, values: Readonly<Record<string, string | number>> = {}): string {
  if (!key.startsWith('ui.')) return translate(key, lang, values);
  return fillTemplate(loaded[lang]?.[key] ?? (zhHans as Catalogue)[key] ?? key, values);
}

/**
 * `{name}` placeholders filled from `values`; unknown names are left as they are.
 * @internal
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}
