import type { messages as reference } from './messages.zh-Hans.js';

/** The labels of <gualian-case-board> in zh-Hant: loaded the first time the widget speaks zh-Hant. */
export const messages: Record<keyof typeof reference, string> = {
  'ui.caseBoard.title': '矛盾糾紛案件',
  'ui.caseBoard.counts': '共 {total} 件，篩選後 {shown} 件，其中逾期 {overdue} 件（截至 {date}）',
  'ui.caseBoard.refused': '有 {count} 條事件未被核心庫接受，未計入',
  'ui.caseBoard.empty': '沒有案件',
  'ui.caseBoard.any': '全部',
  'ui.caseBoard.filters': '篩選案件',
  'ui.caseBoard.search': '搜尋編號或案情',
  'ui.caseBoard.overdueOnly': '只看逾期',
  'ui.caseBoard.column.intake': '登記 / 受理',
  'ui.caseBoard.column.assigned': '交辦',
  'ui.caseBoard.column.mediating': '調處中',
  'ui.caseBoard.column.resolved': '達成協議 / 司法確認',
  'ui.caseBoard.column.unresolved': '未果 / 移送 / 上交',
  'ui.caseBoard.column.followed-up': '回訪',
  'ui.caseBoard.column.closed': '辦結歸檔',
  'ui.caseBoard.columnCount': '{count} 件',
  'ui.caseBoard.none': '沒有案件',
  'ui.caseBoard.more': '再顯示 {count} 件（還有 {rest} 件）',
  'ui.caseBoard.daysOpen': '已 {days} 天',
  'ui.caseBoard.panelTitle': '案件 {id} 的辦理過程',
  'ui.caseBoard.close': '關閉',
};
