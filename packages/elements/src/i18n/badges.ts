/**
 * The labels of `coverageBadges()`, in every language up front: the function is public and
 * synchronous, so it cannot wait for a language chunk.
 */
import type { Lang } from '@gualian/core';

/** Badge labels; `{count}` is filled in. */
export const BADGE_LABELS: Record<Lang, Readonly<Record<'short' | 'uncovered' | 'errors' | 'warnings', string>>> = {
  'zh-Hans': { short: '缺{count}人', uncovered: '无人挂联', errors: '{count} 项问题', warnings: '{count} 项提醒' },
  'zh-Hant': { short: '缺{count}人', uncovered: '無人掛聯', errors: '{count} 項問題', warnings: '{count} 項提醒' },
  en: { short: 'short {count}', uncovered: 'no cadre', errors: '{count} errors', warnings: '{count} warnings' },
};
