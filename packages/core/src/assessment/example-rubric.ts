/**
 * An example rubric for paired cadres, built from the seed's terms: visits, task lists,
 * disputes, legal education, spot checks, and nominal pairing as a veto. It is an example a
 * place adapts, not a standard: copy it, change the numbers and labels, and validate it.
 */
import { parseRubric } from './validate.js';
import type { Rubric } from './schema.js';

/**
 * **An example to adapt**: a yearly scoring standard (考核评分标准) for cadres paired with
 * villages (包掛聯), out of 100:
 *
 * - 走访工作 (40): visits made against the policy's requirement, by share.
 * - 工作实效 (40): households visited, the task list (任务清单, entered by reviewers), legal
 *   education and law classes, disputes resolved (visits that resolved disputes, plus cases
 *   entered by reviewers until the disputes module provides them).
 * - 平安建设 (10): security guidance, risk assessment, key persons, public opinion.
 * - 加分项 (at most +10): commendations, spot checks that found the cadre at work.
 * - 扣分项 (at most −30): missing visits, commute-style pairing (走读式), visits with no content,
 *   spot checks that found the cadre idle.
 * - 一票否决: nominal pairing (挂名): no visit at all, or a spot check that found the cadre absent
 *   on a day the ledger records a visit. The grade is 不合格 and the total 0.
 *
 * Grades: 优秀 ≥ 90 (at most 20%, ties at the cut moved down), 合格 ≥ 75, 基本合格 ≥ 60, 不合格.
 * It is plain data: `JSON.stringify(EXAMPLE_CADRE_RUBRIC)` gives a file that
 * `parseRubric(JSON.parse(…))` reads back.
 * @example
 * const mine = parseRubric({ ...EXAMPLE_CADRE_RUBRIC, id: 'luxi-2025', name: '泸溪县挂联干部考核' });
 * const facts = computeFacts(roster, period('year', 2024), { rubric: mine });
 * const scores = scoreAll(mine, facts);
 */
export const EXAMPLE_CADRE_RUBRIC: Rubric = /* @__PURE__ */ parseRubric({
  id: 'example-paired-cadre',
  name: '挂联干部年度考核评分标准（示例）',
  version: '1',
  subject: 'cadre',
  range: { min: 0, max: 100 },
  facts: [
    { name: 'tasksAssigned', type: 'count', source: 'manual', label: '任务清单交办任务数', labels: { 'zh-Hant': '任務清單交辦任務數', en: 'Tasks assigned from the task list' } },
    { name: 'tasksCompleted', type: 'count', source: 'manual', label: '任务清单完成任务数', labels: { 'zh-Hant': '任務清單完成任務數', en: 'Tasks of the task list completed' } },
    { name: 'disputesResolved', type: 'count', source: 'manual', label: '牵头化解矛盾纠纷件数', labels: { 'zh-Hant': '牽頭化解矛盾糾紛件數', en: 'Disputes resolved as lead' } },
    { name: 'commendations', type: 'count', source: 'manual', label: '县级以上表彰次数', labels: { 'zh-Hant': '縣級以上表彰次數', en: 'Commendations at county level or above' } },
  ],
  sections: [
    {
      id: 'visits',
      label: '走访工作',
      labels: { 'zh-Hant': '走訪工作', en: 'Visits' },
      cap: 40,
      items: [
        {
          id: 'visits',
          label: '到挂联村开展工作',
          labels: { 'zh-Hant': '到掛聯村開展工作', en: 'Work in the paired village' },
          kind: 'base',
          description: '每年不少于 4 次，按完成比例计分',
          formula: '40 * min(1, pairedVisits / max(visitsRequired, 1))',
          cap: 40,
        },
      ],
    },
    {
      id: 'work',
      label: '工作实效',
      labels: { 'zh-Hant': '工作實效', en: 'Results' },
      cap: 40,
      items: [
        { id: 'households', label: '进村入户', labels: { 'zh-Hant': '進村入戶', en: 'Households visited' }, kind: 'base', description: '每户 0.5 分，最多 10 分', fact: 'households', points: 0.5, cap: 10 },
        {
          id: 'tasks',
          label: '任务清单完成情况',
          labels: { 'zh-Hant': '任務清單完成情況', en: 'Task list' },
          kind: 'base',
          description: '按完成比例计分；未交办任务的计满分',
          formula: '10 * ((tasksAssigned == 0) + (tasksAssigned > 0) * min(1, tasksCompleted / max(tasksAssigned, 1)))',
          cap: 10,
        },
        {
          id: 'legal',
          label: '普法送法、上法治课',
          labels: { 'zh-Hant': '普法送法、上法治課', en: 'Legal education and law classes' },
          kind: 'base',
          description: '每次 2.5 分，最多 10 分',
          formula: '2.5 * (activity.legalEducation + activity.lawClass)',
          cap: 10,
        },
        {
          id: 'disputes',
          label: '化解矛盾纠纷',
          labels: { 'zh-Hant': '化解矛盾糾紛', en: 'Disputes resolved' },
          kind: 'base',
          description: '化解纠纷的走访每次 2.5 分，牵头化解的案件每件 2.5 分，最多 10 分',
          formula: '2.5 * (activity.disputeResolution + disputesResolved)',
          cap: 10,
        },
      ],
    },
    {
      id: 'safety',
      label: '平安建设',
      labels: { 'zh-Hant': '平安建設', en: 'Safety' },
      cap: 10,
      items: [
        {
          id: 'prevention',
          label: '指导治安防范、排查风险、管控重点人员',
          labels: { 'zh-Hant': '指導治安防範、排查風險、管控重點人員', en: 'Security guidance, risk assessment, key persons' },
          kind: 'base',
          description: '每次 2 分，最多 6 分',
          formula: '2 * (activity.securityGuidance + activity.riskAssessment + activity.keyPersonManagement)',
          cap: 6,
        },
        { id: 'opinion', label: '收集社情民意', labels: { 'zh-Hant': '收集社情民意', en: 'Public opinion collected' }, kind: 'base', description: '每次 2 分，最多 4 分', fact: 'activity.publicOpinion', points: 2, cap: 4 },
      ],
    },
    {
      id: 'bonus',
      label: '加分项',
      labels: { 'zh-Hant': '加分項', en: 'Bonus' },
      cap: 10,
      items: [
        { id: 'commendations', label: '受到县级以上表彰', labels: { 'zh-Hant': '受到縣級以上表彰', en: 'Commended at county level or above' }, kind: 'bonus', description: '每次加 5 分', fact: 'commendations', points: 5, cap: 10, capExpected: true },
        { id: 'spot-confirmed', label: '督查抽查在岗在位', labels: { 'zh-Hant': '督查抽查在崗在位', en: 'Spot checks found at work' }, kind: 'bonus', description: '每次加 2 分', fact: 'spotChecks.confirmed', points: 2, cap: 4, capExpected: true },
      ],
    },
    {
      id: 'deductions',
      label: '扣分项',
      labels: { 'zh-Hant': '扣分項', en: 'Deductions' },
      cap: 30,
      items: [
        { id: 'shortfall', label: '走访次数不足', labels: { 'zh-Hant': '走訪次數不足', en: 'Visits missing' }, kind: 'deduction', description: '每少 1 次扣 5 分', fact: 'visitShortfall', points: 5, cap: 20, capExpected: true },
        {
          id: 'commute',
          label: '“走读式”挂联',
          labels: { 'zh-Hant': '「走讀式」掛聯', en: 'Commute-style pairing' },
          kind: 'deduction',
          description: '走访时间过短、年底集中突击、同日出现在不同县，每项扣 5 分',
          formula: '5 * (commute.shortVisits + commute.crammed + commute.sameDayDistant)',
          cap: 15,
          capExpected: true,
        },
        { id: 'empty', label: '走访无工作内容、不入户', labels: { 'zh-Hant': '走訪無工作內容、不入戶', en: 'Visits with no work and no household' }, kind: 'deduction', description: '扣 10 分', fact: 'nominal.emptyVisits', points: 10, cap: 10, capExpected: true },
        { id: 'spot-idle', label: '督查抽查在岗不在状态', labels: { 'zh-Hant': '督查抽查在崗不在狀態', en: 'Spot checks found idle' }, kind: 'deduction', description: '每次扣 5 分', fact: 'spotChecks.idle', points: 5, cap: 10, capExpected: true },
      ],
    },
    {
      id: 'veto',
      label: '一票否决',
      labels: { 'zh-Hant': '一票否決', en: 'Veto' },
      items: [
        {
          id: 'nominal',
          label: '“挂名”挂联',
          labels: { 'zh-Hant': '「掛名」掛聯', en: 'Nominal pairing' },
          kind: 'veto',
          description: '全年未到挂联村开展工作，或督查发现台账记录走访当天不在岗：考核直接定为不合格，总分计 0 分',
          formula: 'nominal.noVisits + spotChecks.contradicted',
          grade: 'fail',
          capTotal: 0,
        },
      ],
    },
  ],
  quota: { share: 0.2, ties: 'exclude-tied' },
});
