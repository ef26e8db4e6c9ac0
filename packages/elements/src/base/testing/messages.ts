/**
 * The widgets' labels in every language, loaded up front for tests: `translate` works as the
 * widgets' own lookup, for `ui.*` keys and the core's messages alike.
 */
import { translate as translateCore, type Lang } from '@gualian/core';
import { fillTemplate, type MessageKey } from '../../i18n/index.js';
import { messages as zhHans } from '../../i18n/ui.zh-Hans.js';
import { messages as zhHant } from '../../i18n/ui.zh-Hant.js';
import { messages as en } from '../../i18n/ui.en.js';
import { messages as caseBoardZhHans } from '../../case-board/messages.zh-Hans.js';
import { messages as caseBoardZhHant } from '../../case-board/messages.zh-Hant.js';
import { messages as caseBoardEn } from '../../case-board/messages.en.js';
import { messages as caseTimelineZhHans } from '../../case-timeline/messages.zh-Hans.js';
import { messages as caseTimelineZhHant } from '../../case-timeline/messages.zh-Hant.js';
import { messages as caseTimelineEn } from '../../case-timeline/messages.en.js';
import { messages as coverageBoardZhHans } from '../../coverage-board/messages.zh-Hans.js';
import { messages as coverageBoardZhHant } from '../../coverage-board/messages.zh-Hant.js';
import { messages as coverageBoardEn } from '../../coverage-board/messages.en.js';
import { messages as leaderboardZhHans } from '../../leaderboard/messages.zh-Hans.js';
import { messages as leaderboardZhHant } from '../../leaderboard/messages.zh-Hant.js';
import { messages as leaderboardEn } from '../../leaderboard/messages.en.js';
import { messages as pairingRosterZhHans } from '../../pairing-roster/messages.zh-Hans.js';
import { messages as pairingRosterZhHant } from '../../pairing-roster/messages.zh-Hant.js';
import { messages as pairingRosterEn } from '../../pairing-roster/messages.en.js';
import { messages as resolutionLevelsZhHans } from '../../resolution-levels/messages.zh-Hans.js';
import { messages as resolutionLevelsZhHant } from '../../resolution-levels/messages.zh-Hant.js';
import { messages as resolutionLevelsEn } from '../../resolution-levels/messages.en.js';
import { messages as reviewQueueZhHans } from '../../review-queue/messages.zh-Hans.js';
import { messages as reviewQueueZhHant } from '../../review-queue/messages.zh-Hant.js';
import { messages as reviewQueueEn } from '../../review-queue/messages.en.js';
import { messages as rubricEditorZhHans } from '../../rubric-editor/messages.zh-Hans.js';
import { messages as rubricEditorZhHant } from '../../rubric-editor/messages.zh-Hant.js';
import { messages as rubricEditorEn } from '../../rubric-editor/messages.en.js';
import { messages as scoreSheetZhHans } from '../../score-sheet/messages.zh-Hans.js';
import { messages as scoreSheetZhHant } from '../../score-sheet/messages.zh-Hant.js';
import { messages as scoreSheetEn } from '../../score-sheet/messages.en.js';
import { messages as visitLogZhHans } from '../../visit-log/messages.zh-Hans.js';
import { messages as visitLogZhHant } from '../../visit-log/messages.zh-Hant.js';
import { messages as visitLogEn } from '../../visit-log/messages.en.js';
import { messages as workorderStatsZhHans } from '../../workorder-stats/messages.zh-Hans.js';
import { messages as workorderStatsZhHant } from '../../workorder-stats/messages.zh-Hant.js';
import { messages as workorderStatsEn } from '../../workorder-stats/messages.en.js';

export type { MessageKey };

// The shared labels and every widget's own.
const labels: Record<Lang, Readonly<Record<string, string>>> = {
  'zh-Hans': { ...zhHans, ...caseBoardZhHans, ...caseTimelineZhHans, ...coverageBoardZhHans, ...leaderboardZhHans, ...pairingRosterZhHans, ...resolutionLevelsZhHans, ...reviewQueueZhHans, ...rubricEditorZhHans, ...scoreSheetZhHans, ...visitLogZhHans, ...workorderStatsZhHans },
  'zh-Hant': { ...zhHant, ...caseBoardZhHant, ...caseTimelineZhHant, ...coverageBoardZhHant, ...leaderboardZhHant, ...pairingRosterZhHant, ...resolutionLevelsZhHant, ...reviewQueueZhHant, ...rubricEditorZhHant, ...scoreSheetZhHant, ...visitLogZhHant, ...workorderStatsZhHant },
  en: { ...en, ...caseBoardEn, ...caseTimelineEn, ...coverageBoardEn, ...leaderboardEn, ...pairingRosterEn, ...resolutionLevelsEn, ...reviewQueueEn, ...rubricEditorEn, ...scoreSheetEn, ...visitLogEn, ...workorderStatsEn },
};

/**
 * What a widget shows for `key` in `lang`.
 * @example
 * expect(shownText(el)).to.include(translate('ui.search', 'en'));
 */
export function translate(key: MessageKey | (string & {}), lang: Lang = 'zh-Hans', values: Readonly<Record<string, string | number>> = {}): string {
  if (!key.startsWith('ui.')) return translateCore(key, lang, values);
  return fillTemplate(labels[lang][key] ?? labels['zh-Hans'][key] ?? key, values);
}
