import { expect } from 'chai';
import {
  CASE_EVENT_TYPES,
  CASE_LEVELS,
  CASE_SOURCES,
  CASE_STATUSES,
  DEFAULT_DEADLINES,
  DISPUTE_ERROR_CODES,
  DisputeError,
  SEVERITIES,
  WORK_ORDER_EVENT_TYPES,
  WORK_ORDER_STATUSES,
  describeDisputeError,
  type DisputeErrorCode,
} from '../src/disputes/index.js';
import { translate, type Lang } from '../src/i18n/index.js';

/** Latin letters: an English word or one of our ids inside a Chinese sentence. */
const LATIN = /[A-Za-z]/;

// Values of every placeholder, as the lifecycle raises them: enumerated ids in English (they
// must come out translated), the data's own ids and names in Chinese or digits.
const DISPUTE_VALUES: Record<string, string | number> = {
  case: '甲-001',
  state: 'mediating',
  event: 'agreement-reached',
  at: '2024-03-01T09:00:00+08:00',
  last: '2024-03-02T10:00:00+08:00',
  actor: '干部001',
  role: 'handler',
  division: '530602101',
  place: '530602101001-003-07',
  level: 'county',
  from: 'village',
  to: 'township',
  severity: 'major',
  source: 'gridder',
  rule: 'handling',
  parties: '当事人2',
  party: '当事人3',
  count: 1,
  required: 2,
  duty: '任务1',
  member: '成员9',
  days: 31,
  max: 30,
  line: 3,
  problem: '（与前一条记录链接不上）',
  field: 'payload.note',
  reason: 'value.format',
  first: '2024-12-31',
  other: '2024-12-30',
};
const WORKORDER_VALUES: Record<string, string | number> = { ...DISPUTE_VALUES, order: '工单001', state: 'dispatched', event: 'signed', unit: '住建局', actorUnit: '人社局' };
const BY_CODE: Partial<Record<DisputeErrorCode, Record<string, string | number>>> = {
  'dispute.invalid-event': { event: '甲-001-3' },
  'dispute.duplicate-event': { event: '甲-001-3' },
  'dispute.record-broken': { event: '甲-001-3' },
  'dispute.summary-policy': { first: 'national practice#0012345678', other: '昭通市规则#0087654321' },
  'dispute.summary-overlap': { first: '*', other: '530602' },
  'workorder.invalid-event': { event: '工单001-3' },
};

function errorOf(code: DisputeErrorCode): DisputeError {
  const template = translate(`error.${code}`, 'zh-Hans');
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const pool = { ...(code.startsWith('workorder.') ? WORKORDER_VALUES : DISPUTE_VALUES), ...BY_CODE[code] };
  const details = Object.fromEntries(names.map((n) => [n, pool[n] ?? '']));
  for (const n of names) expect(pool, `${code}: a value for {${n}}`).to.have.property(n);
  const invalid = code === 'dispute.invalid-event' || code === 'workorder.invalid-event';
  return new DisputeError(
    code,
    details,
    invalid ? [{ index: 0, kind: 'case-event', field: 'payload.consents.0.form', reason: 'value.enum', value: '手写', details: { options: 'signature, thumbprint, seal, oral' } }] : [],
  );
}

describe('disputes: messages name events, states, levels and severities in the reader’s language', () => {
  for (const lang of ['zh-Hans', 'zh-Hant'] as Lang[]) {
    it(`${lang}: every dispute and work-order error reads without an English word or id, every placeholder filled`, () => {
      for (const code of DISPUTE_ERROR_CODES) {
        const text = describeDisputeError(errorOf(code), lang);
        expect(text, code).to.not.match(LATIN);
        expect(text, code).to.not.contain('{');
        expect(text, code).to.not.equal(`error.${code}`);
      }
    });

    it(`${lang}: every state, event, level, severity, source, deadline and work-order label is in the catalogue, in Chinese`, () => {
      const keys = [
        ...CASE_STATUSES.map((s) => `dispute.status.${s}`),
        ...CASE_EVENT_TYPES.map((t) => `dispute.event.${t}`),
        ...CASE_LEVELS.map((l) => `level.${l}`),
        ...SEVERITIES.map((s) => `dispute.severity.${s}`),
        ...CASE_SOURCES.map((s) => `dispute.source.${s}`),
        ...DEFAULT_DEADLINES.map((r) => `dispute.deadline.${r.id}`),
        ...WORK_ORDER_STATUSES.map((s) => `workorder.status.${s}`),
        ...WORK_ORDER_EVENT_TYPES.map((t) => `workorder.event.${t}`),
        ...['sign-for', 'completion', 'call-back'].map((d) => `workorder.deadline.${d}`),
      ];
      for (const key of keys) {
        const text = translate(key, lang);
        expect(text, key).to.not.equal(key);
        expect(text, key).to.not.match(/[A-Za-z]/);
      }
    });
  }

  it('names the invalid field and its allowed values in the reader’s language, and keeps English for English readers', () => {
    const e = errorOf('dispute.invalid-event');
    expect(describeDisputeError(e, 'zh-Hans')).to.equal('事件 甲-001-3 无效：字段“内容·当事人同意·第 1 项·同意方式”“手写”不是可选的值（可选：签字、按手印、盖章、口头同意）');
    expect(describeDisputeError(e, 'en')).to.contain('signature, thumbprint, seal, oral');
    const policy = describeDisputeError(errorOf('dispute.summary-policy'), 'zh-Hans');
    expect(policy).to.equal('两份统计所用的政策不同（全国通行做法#0012345678 与 昭通市规则#0087654321），不能合并');
    expect(describeDisputeError(errorOf('dispute.time-order'), 'zh-Hans')).to.equal('案件 甲-001：事件时间 2024-03-01 09:00:00+08:00 早于上一事件（2024-03-02 10:00:00+08:00）');
    expect(describeDisputeError(errorOf('dispute.extension-limit'), 'zh-Hans')).to.contain('期限“办结”');
  });
});
