/**
 * The widgets' labels in every language, loaded up front for tests: `translate` works as the
 * widgets' own lookup, for `ui.*` keys and the core's messages alike.
 */
import { translate as translateCore, type Lang } from '@gualian/core';
import { fillTemplate, type MessageKey } from '../../i18n/index.js';
import { messages as zhHans } from '../../i18n/ui.zh-Hans.js';
import { messages as zhHant } from '../../i18n/ui.zh-Hant.js';
import { messages as en } from '../../i18n/ui.en.js';

export type { MessageKey };

const labels: Record<Lang, Readonly<Record<string, string>>> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };

/**
 * What a widget shows for `key` in `lang`.
 * @example
 * expect(shownText(el)).to.include(translate('ui.search', 'en'));
 */
export function translate(key: MessageKey | (string & {}), lang: Lang = 'zh-Hans', values: Readonly<Record<string, string | number>> = {}): string {
  if (!key.startsWith('ui.')) return translateCore(key, lang, values);
  return fillTemplate(labels[lang][key] ?? labels['zh-Hans'][key] ?? key, values);
}
