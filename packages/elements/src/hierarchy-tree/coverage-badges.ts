/**
 * Badges for `<gualian-hierarchy-tree>` from a 包掛聯 check: the tree becomes a map of where
 * coverage and visits fall short, without the page computing anything itself.
 */
import type { Lang } from '@gualian/core';
import type { CoverageReport } from '@gualian/core/pairing';
import { BADGE_LABELS } from '../i18n/badges.js';
import { fillTemplate } from '../i18n/index.js';
import { coveragePercent, divisionTone, formatCount, formatPercent, indexReport, villageTone } from '../coverage-board/figures.js';
import type { TreeBadges } from './hierarchy-tree.js';

/**
 * A `badges` function for the hierarchy tree, from a coverage report:
 *
 * - the report's scope and each county and township: coverage (villages with enough cadres)
 *   and the number of errors, as `98% · 2`; tone `bad` while a village has no cadre at all,
 *   `warn` while anything else is wrong, else `ok`;
 * - each village with a violation: `无人挂联` (no cadre), `缺2人` (two cadres short), else the
 *   number of errors or of warnings, in `lang`; tone `bad` for errors and `warn` for warnings.
 *
 * Villages without a violation and divisions outside the report get no badge. Percentages are
 * rounded down, so 1,401 of 1,402 reads 99%, never 100%. Make a new function when the report or
 * the language changes.
 * @example
 * import { Roster, checkPairing } from '@gualian/core';
 * import { coverageBadges } from '@gualian/elements';
 * const report = checkPairing(Roster.from(zhaotong, records), { year: 2024, scope: '5306' });
 * tree.badges = coverageBadges(report, 'zh-Hans');
 * // 镇雄县 → { label: '99% · 3', tone: 'bad' }; 黑泥地社区居民委员会 → { label: '无人挂联', tone: 'bad' }
 */
export function coverageBadges(report: CoverageReport, lang: Lang = 'zh-Hans'): TreeBadges {
  const index = indexReport(report);
  return (division) => {
    if (division.level === 'village') {
      if (!index.covers(division.code)) return null;
      const state = index.village(division.code);
      if (state.violations.length === 0) return null;
      const tone = villageTone(state);
      const labels = BADGE_LABELS[lang];
      let label: string;
      if (state.uncovered) label = labels.uncovered;
      else if (state.short > 0) label = fillTemplate(labels.short, { count: state.short });
      else if (state.errors > 0) label = fillTemplate(labels.errors, { count: formatCount(state.errors, lang) });
      else if (state.warnings > 0) label = fillTemplate(labels.warnings, { count: formatCount(state.warnings, lang) });
      else return null;
      return { label, tone };
    }
    const totals = division.code === index.scope ? report.totals : index.division(division.code)?.totals;
    if (totals === undefined) return null;
    return { label: `${formatPercent(coveragePercent(totals, 0), lang, 0)} · ${formatCount(totals.errors, lang)}`, tone: divisionTone(totals) };
  };
}
