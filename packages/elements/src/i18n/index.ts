/**
 * The widgets' own labels (`ui.*` keys). The shared ones (search, loading, the coverage basics)
 * are here; each widget keeps its own labels next to it and registers them when its module
 * loads, so a page carries only the labels of the widgets it shows. zh-Hans, the default, comes
 * with the code; zh-Hant and en are modules imported the first time a widget speaks that
 * language (the script-tag bundle carries them as lazy chunks), for every widget registered by
 * then and for any registered later. Every other key (levels, ranks, kinds, errors,
 * violations) is the core's and goes to its `translate`.
 */
import { translate, type Lang, type MessageKey as CoreMessageKey } from '@gualian/core';
import { messages as zhHans } from './ui.zh-Hans.js';
import type { WidgetMessageKey } from './keys.js';

/** A key of the widgets' own catalogues. */
export type UiMessageKey = keyof typeof zhHans | WidgetMessageKey;

/** Any key a widget may show: its own labels and the core's messages. */
export type MessageKey = CoreMessageKey | UiMessageKey;

type Catalogue = Readonly<Record<string, string>>;
type OtherLang = Exclude<Lang, 'zh-Hans'>;

/**
 * A catalogue of labels: zh-Hans itself, and how to load the other two languages (literal
 * `import()` specifiers, so bundlers make one chunk of each).
 * @internal
 */
export interface UiCatalogue {
  readonly 'zh-Hans': Catalogue;
  readonly 'zh-Hant': () => Promise<{ messages: Catalogue }>;
  readonly en: () => Promise<{ messages: Catalogue }>;
}

const shared: UiCatalogue = { 'zh-Hans': zhHans, 'zh-Hant': () => import('./ui.zh-Hant.js'), en: () => import('./ui.en.js') };
const catalogues: UiCatalogue[] = [shared];
/** Every zh-Hans label registered so far. */
const reference: Record<string, string> = { ...zhHans };
/** The labels of zh-Hant and en loaded so far, and which catalogues they came from (or failed to). */
const loaded: Record<OtherLang, Record<string, string>> = { 'zh-Hant': {}, en: {} };
const settled: Record<OtherLang, Set<UiCatalogue>> = { 'zh-Hant': new Set(), en: new Set() };
const loading: Record<OtherLang, Promise<void> | null> = { 'zh-Hant': null, en: null };

/**
 * Register a widget's labels (once; later calls with the same catalogue do nothing). Called by
 * each widget's module as it loads.
 * @internal
 */
export function registerUiMessages(catalogue: UiCatalogue): void {
  if (catalogues.includes(catalogue)) return;
  catalogues.push(catalogue);
  Object.assign(reference, catalogue['zh-Hans']);
}

/**
 * Make sure the labels of `lang` are loaded for every registered widget: `null` when they
 * already are (or could not be, in which case zh-Hans is shown), else a promise that settles,
 * never rejecting, once they are.
 * @internal
 */
export function loadUiMessages(lang: Lang): Promise<void> | null {
  if (lang === 'zh-Hans') return null;
  const missing = catalogues.filter((c) => !settled[lang].has(c));
  if (missing.length === 0) return null;
  // Widgets registered while a load was under way are loaded right after it.
  if (loading[lang] !== null) return loading[lang].then(() => loadUiMessages(lang) ?? undefined);
  const pending = Promise.all(
    missing.map((c) =>
      c[lang]().then(
        (module) => {
          Object.assign(loaded[lang], module.messages);
          settled[lang].add(c);
        },
        (error: unknown) => {
          // A chunk that cannot be fetched (a portal that copied the bundle without its
          // bundle-chunks/ folder) leaves those labels in zh-Hans rather than missing.
          settled[lang].add(c);
          console.warn(`gualian: some ${lang} labels could not be loaded; showing zh-Hans.`, error);
        },
      ),
    ),
  ).then(() => {
    loading[lang] = null;
  });
  loading[lang] = pending;
  return pending;
}

/**
 * Whether the labels of `lang` are here for every registered widget.
 * @internal
 */
export function uiMessagesLoaded(lang: Lang): boolean {
  return lang === 'zh-Hans' || catalogues.every((c) => settled[lang].has(c));
}

/**
 * A label or message in `lang`, filled with `values`: `ui.*` keys from the widgets' catalogues
 * (zh-Hans while that of `lang` is still loading), the rest from the core's `translate`.
 * Unknown keys come back as the key itself.
 * @internal
 */
export function translateLabel(key: MessageKey, lang: Lang, values: Readonly<Record<string, string | number>> = {}): string {
  if (!key.startsWith('ui.')) return translate(key, lang, values);
  const own = lang === 'zh-Hans' ? undefined : loaded[lang][key];
  return fillTemplate(own ?? reference[key] ?? key, values);
}

/**
 * `{name}` placeholders filled from `values`; unknown names are left as they are.
 * @internal
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}
