/**
 * A seeded generator of a year of dispute cases and hotline work orders on a real hierarchy:
 * the docs' demo (Zhaotong), the tests and the benchmark (a million events). The same seed
 * gives the same events. People are invented; places, grids and household units are numbered
 * under the hierarchy's real villages. The flows follow practice: most cases resolved by
 * agreement in the village, some escalated, a few referred to a court; task forces for major
 * matters; a small share late, so deadlines and red/black lists have something to show.
 */
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { isoDate, yearRange } from '../time/days.js';
import { seededRandom } from '../util/random.js';
import type { Actor, ActorRole, CaseEvent, CaseLevel, Party, Severity } from '../disputes/schema.js';
import type { WorkOrderEvent } from '../disputes/workorders.js';

/** Options of {@link generateCases}. */
export interface GenerateCasesOptions {
  /** The division to generate for (a prefecture, usually). */
  scope: string;
  year: number;
  seed?: number;
  /** Cases registered per village in the year (default 8); or give `cases`. */
  casesPerVillage?: number;
  /** The number of cases, spread over the villages. */
  cases?: number;
  /** Hotline work orders per case (default 1.5), besides those that open cases. */
  workOrdersPerCase?: number;
}

/** What {@link generateCases} returns: case events and work-order events, each in time order. */
export interface GeneratedCases {
  events: CaseEvent[];
  workOrderEvents: WorkOrderEvent[];
  /** How many cases were registered. */
  cases: number;
}

const CATEGORIES = [
  ['neighbours', 30],
  ['marriage-family', 22],
  ['land-resources', 18],
  ['debts', 12],
  ['labour', 8],
  ['enterprises', 4],
  ['other', 6],
] as const;
const SOURCES = [
  ['gridder', 40],
  ['paired-cadre', 12],
  ['hotline', 12],
  ['walk-in', 18],
  ['petition', 8],
  ['police-referral', 7],
  ['other', 3],
] as const;
const SUMMARY: Record<string, string> = {
  neighbours: '宅基地边界、排水和通行引发的邻里纠纷',
  'marriage-family': '婚姻家庭矛盾，涉及赡养与财产分割',
  'land-resources': '承包地、林地权属争议',
  debts: '民间借贷到期未还',
  labour: '务工人员工资拖欠',
  enterprises: '企业与村民之间的合同与损害赔偿纠纷',
  other: '其他矛盾纠纷',
};
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢龙陶'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红文辉建国志鹏飞雪梅琳斌宇浩凯'.split('');
const COMPANIES = ['建筑劳务有限公司', '农业开发有限公司', '矿业有限公司', '运输有限公司', '种植专业合作社'];
const UNITS: Record<CaseLevel, Record<ActorRole, string>> = {
  village: { registrar: '村人民调解委员会', handler: '村人民调解委员会', reviewer: '村党组织' },
  township: { registrar: '乡镇综治中心', handler: '乡镇司法所', reviewer: '乡镇党委政法委员' },
  county: { registrar: '县矛盾纠纷调处化解中心', handler: '县司法局', reviewer: '县委政法委' },
  prefecture: { registrar: '市矛盾纠纷调处化解中心', handler: '市司法局', reviewer: '市委政法委' },
};
const LEVELS: readonly CaseLevel[] = ['village', 'township', 'county', 'prefecture'];
const DIGITS: Record<CaseLevel, number> = { village: 12, township: 9, county: 6, prefecture: 4 };
const ORDER_TYPES = [
  ['consultation', 30, 1],
  ['request', 25, 5],
  ['complaint', 30, 5],
  ['report', 8, 15],
  ['suggestion', 7, 15],
] as const;
const ORDER_UNITS = ['住建局', '人社局', '市场监管局', '自然资源局', '交通运输局', '生态环境分局', '公安局', '教育体育局'];

/**
 * Generate a year of dispute cases (their events, in time order, ready to chain or replay) and
 * hotline work orders for a scope of a real hierarchy. Events falling after the year's end are
 * left out, so some cases are still open on 31 December.
 * @example
 * const demo = generateCases(hierarchy, { scope: '5306', year: 2024, seed: 7 });
 * demo.cases;               // 11216 (8 per village)
 * replayRecord(demo.events, { hierarchy }).states.size; // the same
 */
export function generateCases(h: Hierarchy, options: GenerateCasesOptions): GeneratedCases {
  const rnd = seededRandom(options.seed ?? 2024);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const weighted = <T extends readonly [string, number, ...unknown[]]>(table: readonly T[]): T => {
    const total = table.reduce((t, r) => t + r[1], 0);
    let x = rnd() * total;
    for (const r of table) if ((x -= r[1]) < 0) return r;
    return table[table.length - 1]!;
  };
  const person = () => SURNAMES[int(0, SURNAMES.length - 1)]! + GIVEN[int(0, GIVEN.length - 1)]! + (rnd() < 0.6 ? GIVEN[int(0, GIVEN.length - 1)]! : '');
  const villages = h.descendantsOf(options.scope, 'village');
  const nCases = options.cases ?? villages.length * (options.casesPerVillage ?? 8);
  const [y0, y1] = yearRange(options.year);
  const end = (y1 + 1) * 1440; // minutes: the first minute after the year

  // Timestamps as minutes since 1970 in China's time zone; dates cached per day.
  const dates = new Map<number, string>();
  const at = (t: number) => {
    const day = Math.floor(t / 1440);
    let d = dates.get(day);
    if (d === undefined) dates.set(day, (d = isoDate(day)));
    const m = t - day * 1440;
    const hh = Math.floor(m / 60);
    const mm = m % 60;
    return `${d}T${hh < 10 ? '0' : ''}${hh}:${mm < 10 ? '0' : ''}${mm}:00+08:00`;
  };
  const actors = new Map<string, Actor>();
  const actor = (place: string, level: CaseLevel, role: ActorRole, k = 0): Actor => {
    const division = place.slice(0, DIGITS[level]);
    const key = `${role}${k}${division}`;
    let a = actors.get(key);
    if (!a) actors.set(key, (a = { id: `${role[0]!.toUpperCase()}${k || ''}-${division}`, role, unit: UNITS[level][role], division }));
    return a;
  };

  // Events as (minute, insertion order) keys, sorted once at the end.
  const events: CaseEvent[] = [];
  const keys: number[] = [];
  const orderEvents: WorkOrderEvent[] = [];
  const orderKeys: number[] = [];
  const push = (t: number, e: CaseEvent) => {
    keys.push(t * 4_194_304 + events.length);
    events.push(e);
  };
  const pushOrder = (t: number, e: WorkOrderEvent) => {
    orderKeys.push(t * 4_194_304 + orderEvents.length);
    orderEvents.push(e);
  };
  const operator = { id: 'OP-12345', unit: '12345热线' };
  const lastInVillage = new Map<string, { id: string; t: number }>();
  const prefix = `${options.scope}-${options.year}`;
  let orderSerial = 0;

  const workOrder = (t0: number, place: string, type: (typeof ORDER_TYPES)[number], unitName: string, caseId?: string, linkAt?: number): void => {
    const id = `${prefix}-W${String(++orderSerial).padStart(6, '0')}`;
    let n = 0;
    let t = t0;
    const ev = (type2: WorkOrderEvent['type'], who: { id: string; unit: string }, payload: object) => {
      if (t >= end) return false;
      pushOrder(t, { id: `${id}-${++n}`, orderId: id, type: type2, at: at(t), actor: who, payload } as WorkOrderEvent);
      return true;
    };
    if (!ev('received', operator, { orderType: type[0], summary: SUMMARY[caseId ? 'neighbours' : 'other']!, channel: rnd() < 0.8 ? 'phone' : 'web', place })) return;
    let unit = unitName;
    t += int(5, 90);
    if (!ev('dispatched', operator, { unit })) return;
    if (rnd() < 0.06) {
      t += int(30, 600);
      if (!ev('returned', { id: `U-${unit}`, unit }, { reason: '不属于本单位职责' })) return;
      unit = `${h.get(place.slice(0, 6))?.name ?? ''}${ORDER_UNITS[int(0, ORDER_UNITS.length - 1)]}`;
      t += int(30, 240);
      if (!ev('dispatched', operator, { unit })) return;
    }
    const staff = { id: `U-${unit}`, unit };
    t += int(10, 600);
    if (!ev('signed', staff, {})) return;
    if (caseId && linkAt !== undefined) {
      const tl = Math.max(t, linkAt);
      if (tl < end) pushOrder(tl, { id: `${id}-L`, orderId: id, type: 'linked', at: at(tl), actor: operator, payload: { caseId } });
    }
    const limit = type[2];
    const late = rnd() < 0.03;
    t += (late ? int(limit + 3, limit + 10) : int(0, Math.max(0, limit - 1))) * 1440 + int(30, 300);
    if (!ev('handled', staff, { note: '已现场核实并答复诉求人' })) return;
    t += int(10, 120);
    if (!ev('completed', staff, {})) return;
    t += int(1, 3) * 1440;
    const reached = rnd() < 0.95;
    if (!ev('called-back', operator, { reached })) return;
    if (!reached) {
      t += 1440;
      if (!ev('called-back', operator, { reached: true })) return;
    }
    t += int(1, 30);
    ev('rated', operator, { satisfied: rnd() < (late ? 0.8 : 0.985) });
  };

  for (let i = 0; i < nCases; i++) {
    const village = villages[i % villages.length]!.code;
    const grids = 3 + (Number(village.slice(-3)) % 6);
    const grid = `${village}-${String(int(1, grids)).padStart(3, '0')}`;
    const place = rnd() < 0.4 ? `${grid}-${String(int(1, 10)).padStart(2, '0')}` : grid;
    const id = `${prefix}-${String(i + 1).padStart(6, '0')}`;
    const category = weighted(CATEGORIES)[0];
    const source = weighted(SOURCES)[0];
    const sev = rnd();
    const severity: Severity = sev < 0.02 ? 'very-major' : sev < 0.11 ? 'major' : 'general';
    const lv = rnd();
    let level: CaseLevel = severity === 'very-major' ? 'county' : severity === 'major' || lv > 0.74 ? (lv > 0.95 ? 'county' : 'township') : 'village';
    const second = category === 'labour' || category === 'enterprises';
    const parties: Party[] = [
      { id: 'p1', kind: 'person', name: person(), side: 'applicant' },
      second ? { id: 'p2', kind: 'organisation', name: `昭通${person().slice(0, 2)}${COMPANIES[int(0, COMPANIES.length - 1)]}`, side: 'respondent' } : { id: 'p2', kind: 'person', name: person(), side: 'respondent' },
    ];
    if (rnd() < 0.08) parties.push({ id: 'p3', kind: 'person', name: person(), side: 'third-party' });
    const riskFlags = severity === 'general' ? (rnd() < 0.05 ? ['vulnerable-party'] : []) : rnd() < 0.5 ? ['mass-incident', 'public-opinion'] : ['repeat-petition'];
    let t = (y0 + Math.floor(rnd() * (y1 - y0 + 1))) * 1440 + int(8 * 60, 18 * 60);
    let n = 0;
    let open = true;
    const ev = (type: CaseEvent['type'], who: Actor, payload: object): boolean => {
      if (!open || t >= end) return (open = false);
      push(t, { id: `${id}-${++n}`, caseId: id, type, at: at(t), actor: who, payload } as CaseEvent);
      return true;
    };
    const later = (minDays: number, maxDays: number) => (t += int(minDays, maxDays) * 1440 + int(5, 240));
    const reg = actor(place, level, 'registrar');
    ev('registered', reg, { source, category, parties, place, severity, riskFlags, level, summary: SUMMARY[category]! });
    // The call came in shortly before, but not before the year (the demo is one year).
    if (source === 'hotline') workOrder(Math.max(y0 * 1440, t - int(60, 2880)), place, ORDER_TYPES[2], `${h.get(place.slice(0, 9))?.name ?? '乡镇'}人民政府`, id, t);
    const previous = lastInVillage.get(village);
    lastInVillage.set(village, { id, t });
    const fate = rnd();
    if (fate < 0.04) {
      later(1, 10);
      ev('declined', actor(place, level, 'reviewer'), { reason: '不属于人民调解受理范围，已告知当事人向有关部门反映' });
      later(1, 5);
      ev('archived', reg, {});
      continue;
    }
    if (fate < 0.05 && previous && previous.t < t) {
      later(0, 3);
      ev('merged', reg, { into: previous.id });
      later(1, 5);
      ev('archived', reg, {});
      continue;
    }
    rnd() < 0.05 ? later(16, 25) : later(0, 12);
    ev('accepted', reg, {});
    const withdraw = rnd() < 0.02;
    let handler = actor(place, level, 'handler', int(1, 3));
    later(0, 3);
    ev('assigned', actor(place, level, 'reviewer'), { unit: handler.unit, handler: handler.id });
    if (withdraw) {
      later(2, 20);
      ev('withdrawn', actor(place, level, 'registrar'), { reason: '当事人自行和解，申请撤回' });
      later(1, 5);
      ev('archived', actor(place, level, 'registrar'), {});
      continue;
    }
    if (severity !== 'general') {
      later(0, 2);
      const lead = { id: `L-${id}`, name: person(), unit: UNITS[level].reviewer };
      const members = [
        { id: `M1-${id}`, name: person(), unit: UNITS[level].handler },
        { id: `M2-${id}`, name: person(), unit: '公安派出所' },
        { id: `M3-${id}`, name: person(), unit: '信访办' },
      ];
      const formed = t;
      const duties = [
        { id: 'd1', title: '摸清矛盾底数，逐户走访当事人', assignee: members[0]!.id, due: isoDate(Math.floor(formed / 1440) + int(7, 15)) },
        { id: 'd2', title: '做好稳控，防止矛盾激化', assignee: members[1]!.id, due: isoDate(Math.floor(formed / 1440) + int(10, 30)) },
        { id: 'd3', title: '提出化解方案并组织调解', assignee: lead.id, due: isoDate(Math.floor(formed / 1440) + int(20, 40)) },
      ];
      ev('taskforce-formed', actor(place, level, 'reviewer'), { lead, members, duties });
      for (const d of duties) {
        later(2, rnd() < 0.15 ? 25 : 9);
        ev('duty-progress', actor(place, level, 'handler', 1), { duty: d.id, note: '已按要求推进', done: true });
      }
    }
    const escalate = rnd() < (level === 'village' ? 0.1 : level === 'township' ? 0.06 : 0.03);
    if (escalate && LEVELS.indexOf(level) < LEVELS.length - 1) {
      later(2, 10);
      const up = LEVELS[LEVELS.indexOf(level) + 1]!;
      ev('escalated', handler, { to: up, reason: '本级调处难度大，依程序上交' });
      level = up;
      handler = actor(place, level, 'handler', int(1, 3));
      later(0, 3);
      ev('assigned', actor(place, level, 'reviewer'), { unit: handler.unit, handler: handler.id });
    }
    later(0, 5);
    ev('mediation-started', handler, {});
    if (rnd() < 0.86) {
      rnd() < 0.05 ? later(60, 90) : later(1, 30);
      ev('agreement-reached', handler, { terms: '双方自愿达成调解协议，按约定履行', consents: parties.map((p) => ({ party: p.id, form: p.kind === 'organisation' ? 'seal' : rnd() < 0.9 ? 'signature' : 'thumbprint' })) });
      if (rnd() < 0.2) {
        rnd() < 0.03 ? later(31, 40) : later(1, 25);
        ev('confirmation-applied', handler, { court: `${h.get(place.slice(0, 6))?.name ?? ''}人民法院` });
        later(3, 14);
        if (rnd() < 0.92) ev('confirmation-granted', handler, { ruling: '调解协议有效' });
        else {
          ev('confirmation-refused', handler, { reason: '协议内容违反法律强制性规定' });
          later(1, 7);
          ev('referred', handler, { to: 'litigation', body: `${h.get(place.slice(0, 6))?.name ?? ''}人民法院` });
          later(1, 10);
          ev('archived', actor(place, level, 'reviewer'), {});
          continue;
        }
      }
      later(3, 20);
      ev('followed-up', handler, { outcome: rnd() < 0.95 ? 'satisfied' : 'unsatisfied' });
      later(1, 10);
      ev('archived', actor(place, level, 'reviewer'), {});
    } else {
      later(1, 30);
      ev('mediation-failed', handler, { reason: '双方分歧较大，调解不成' });
      later(1, 7);
      const r = rnd();
      ev('referred', handler, r < 0.65 ? { to: 'litigation', body: `${h.get(place.slice(0, 6))?.name ?? ''}人民法院` } : r < 0.8 ? { to: 'arbitration', body: '昭通市劳动人事争议仲裁委员会' } : { to: 'authority', body: '县自然资源局' });
      later(1, 10);
      ev('archived', actor(place, level, 'reviewer'), {});
    }
  }

  // Hotline work orders that open no case.
  const nOrders = Math.round(nCases * (options.workOrdersPerCase ?? 1.5));
  for (let k = 0; k < nOrders; k++) {
    const village = villages[int(0, villages.length - 1)]!.code;
    const type = weighted(ORDER_TYPES);
    const county = h.get(village.slice(0, 6))?.name ?? '';
    const unit = rnd() < 0.3 ? `${h.get(village.slice(0, 9))?.name ?? '乡镇'}人民政府` : `${county}${ORDER_UNITS[int(0, ORDER_UNITS.length - 1)]}`;
    workOrder((y0 + Math.floor(rnd() * (y1 - y0 + 1))) * 1440 + int(0, 1439), village, type, unit);
  }
  return { events: inOrder(events, keys), workOrderEvents: inOrder(orderEvents, orderKeys), cases: nCases };
}

function inOrder<T>(items: T[], keys: number[]): T[] {
  const sorted = Float64Array.from(keys).sort();
  const out = new Array<T>(items.length);
  for (let i = 0; i < sorted.length; i++) out[i] = items[sorted[i]! % 4_194_304]!;
  return out;
}
