import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { Roster } from '@gualian/core/pairing';
import {
  applyGradeQuota,
  computeFacts,
  describeRubricIssue,
  EXAMPLE_CADRE_RUBRIC,
  parseRubric,
  period,
  rankSubjects,
  scoreAll,
  type FactTable,
  type Rubric,
  type RubricInput,
} from '@gualian/core/assessment';
import { generateRoster } from '@gualian/core/demo';
import { edition } from '../../../../tests/fixtures/data.js';
import './define.js';
import type { GualianRubricEditor } from './rubric-editor.js';
import { HOSTILE_NAMES, widgetSuites } from '../base/testing/suites.js';
import { deepActiveElement, mount, ready, record, shownText, unmountAll } from '../base/testing/mount.js';

// ── Real data: Zhaotong's divisions, the seeded demo roster, its 2024 facts ─────────────────

interface Fixture {
  roster: Roster;
  facts: FactTable;
}

let fixture: Promise<Fixture> | null = null;
function zhaotong(): Promise<Fixture> {
  fixture ??= (async () => {
    const h = (await edition('2023')).subtree('5306');
    const roster = Roster.from(h, generateRoster(h, { scope: '5306', year: 2024, seed: 7, faults: true }));
    return { roster, facts: computeFacts(roster, period('year', 2024)) };
  })();
  return fixture;
}

/** The example as a place would keep it in a file. */
const exampleJson = (): RubricInput => JSON.parse(JSON.stringify(EXAMPLE_CADRE_RUBRIC)) as RubricInput;

const root = (el: GualianRubricEditor) => el.shadowRoot!;
const input = (el: GualianRubricEditor, id: string) => root(el).querySelector<HTMLInputElement>(`#${id}`)!;

/** Type into a field as a user would (one input event with the new text). */
async function type(el: GualianRubricEditor, id: string, text: string): Promise<void> {
  const field = input(el, id);
  expect(field, `#${id}`).to.not.equal(null);
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
}

async function pick(el: GualianRubricEditor, id: string, value: string): Promise<void> {
  const select = root(el).querySelector<HTMLSelectElement>(`#${id}`)!;
  expect([...select.options].map((o) => o.value), `${id} offers ${value}`).to.include(value);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

/** The problems shown next to a field. */
const fieldErrors = (el: GualianRubricEditor, id: string) => [...root(el).querySelectorAll(`#${id}-err p`)].map((p) => p.textContent!.trim());
const validity = (el: GualianRubricEditor) => root(el).querySelector('[part~="validity"]')!;
const previewCell = (el: GualianRubricEditor, grade: string, col: string) => root(el).querySelector(`[part="preview-table"] tr[data-grade="${grade}"] [data-col="${col}"]`)?.textContent?.trim();

async function editor(properties: Partial<GualianRubricEditor> = {}, attributes: Record<string, string | boolean> = {}): Promise<GualianRubricEditor> {
  const { facts } = await zhaotong();
  const el = await mount('gualian-rubric-editor', attributes, { rubric: EXAMPLE_CADRE_RUBRIC, facts, ...properties });
  await ready(el);
  return el;
}

/** Counts per grade id, as scoreAll grades and as applyGradeQuota leaves them. */
function expectedCounts(rubric: Rubric, facts: FactTable) {
  const scores = scoreAll(rubric, facts);
  const scored = new Map<string, number>();
  for (let r = 0; r < scores.size; r++) {
    const id = rubric.grades[scores.grade[r]!]!.id;
    scored.set(id, (scored.get(id) ?? 0) + 1);
  }
  const quota = applyGradeQuota(rankSubjects(scores), rubric);
  const final = new Map<string, number>();
  for (const g of quota.grades) final.set(g.grade, (final.get(g.grade) ?? 0) + 1);
  return { scored, final, gradeOf: new Map(quota.grades.map((g) => [g.subject, g.grade])) };
}

const n = (x: number) => x.toLocaleString('en-US');

describe('gualian-rubric-editor with the example rubric and Zhaotong’s 2024 facts', function () {
  this.timeout(180_000);
  afterEach(unmountAll);

  it('shows the rubric as loaded, valid, every section and item in the form', async () => {
    const el = await editor();
    expect(validity(el).textContent!.trim()).to.equal('评分标准有效');
    expect(validity(el).getAttribute('role')).to.equal('status');
    expect(root(el).querySelectorAll('[part="section"]')).to.have.length(EXAMPLE_CADRE_RUBRIC.sections.length);
    expect(root(el).querySelectorAll('[part="item"]')).to.have.length(EXAMPLE_CADRE_RUBRIC.sections.reduce((a, s) => a + s.items.length, 0));
    expect(input(el, 'b-name').value).to.equal(EXAMPLE_CADRE_RUBRIC.name);
    expect(input(el, 's0i0-formula').value).to.equal(EXAMPLE_CADRE_RUBRIC.sections[0]!.items[0]!.formula);
    expect(input(el, 's1i0-fact').value).to.equal('households');
    expect(input(el, 's1i0-points').value).to.equal('0.5');
    // Every field has a label.
    for (const field of root(el).querySelectorAll<HTMLInputElement>('input:not([hidden]), select')) {
      expect(root(el).querySelector(`label[for="${field.id}"]`), `label of #${field.id}`).to.not.equal(null);
    }
    expect(el.value).to.deep.equal(EXAMPLE_CADRE_RUBRIC);
  });

  it('an unknown fact shows its issue next to the field and fires nothing; fixing it fires the parsed rubric', async () => {
    const el = await editor();
    const changes = record(el, 'gualian-rubric-change');
    await type(el, 's1i0-fact', 'houses');
    const issue = { code: 'rubric.unknown-fact', section: 'work', item: 'households', field: 'fact', details: { fact: 'houses' } } as const;
    expect(fieldErrors(el, 's1i0-fact')).to.deep.equal([describeRubricIssue(issue, 'zh-Hans')]);
    expect(input(el, 's1i0-fact').getAttribute('aria-invalid')).to.equal('true');
    expect(input(el, 's1i0-fact').getAttribute('aria-describedby')).to.equal('s1i0-fact-err');
    expect(validity(el).textContent!.trim()).to.equal('评分标准有 1 处问题，改正之前不会生效');
    expect([...root(el).querySelectorAll('[part="issues"] li')].map((li) => li.textContent!.trim())).to.deep.equal([describeRubricIssue(issue, 'zh-Hans')]);
    expect(el.issues).to.deep.equal([issue]);
    expect(changes).to.have.length(0);
    // The issue's link takes focus to the field.
    root(el).querySelector<HTMLButtonElement>('[part="issues"] button')!.click();
    expect(deepActiveElement()).to.equal(input(el, 's1i0-fact'));

    await type(el, 's1i0-fact', 'households');
    expect(changes).to.have.length(1);
    expect(changes[0]!.rubric).to.deep.equal(parseRubric(exampleJson()));
    expect(JSON.parse(changes[0]!.json)).to.deep.equal(exampleJson());
    expect(fieldErrors(el, 's1i0-fact')).to.deep.equal([]);
    expect(validity(el).textContent!.trim()).to.equal('评分标准有效');
  });

  it('overlapping grade bands show the overlap at the band, and an unknown fact in a formula at the formula', async () => {
    const el = await editor();
    const changes = record(el, 'gualian-rubric-change');
    await type(el, 'g0-min', '85');
    const overlap = el.issues.find((i) => i.code === 'rubric.grade-overlap')!;
    expect(overlap).to.deep.include({ grade: 'excellent', field: 'min' });
    expect(fieldErrors(el, 'g0-min')).to.deep.equal([describeRubricIssue(overlap, 'zh-Hans')]);
    expect(fieldErrors(el, 'g0-min')[0]).to.include('重叠');
    await type(el, 's0i0-formula', '40 * min(1, pairedVisit / max(visitsRequired, 1))');
    expect(fieldErrors(el, 's0i0-formula')[0]).to.include('未知的事实“pairedVisit”');
    expect(validity(el).textContent).to.include('2 处问题');
    expect(changes).to.have.length(0);
    await type(el, 's0i0-formula', EXAMPLE_CADRE_RUBRIC.sections[0]!.items[0]!.formula!);
    expect(changes).to.have.length(0);
    await type(el, 'g0-min', '90');
    expect(changes).to.have.length(1);
    expect(changes[0]!.rubric).to.deep.equal(parseRubric(exampleJson()));
  });

  it('previews the grades as scoreAll and applyGradeQuota give them, and how many change grade against the rubric as loaded', async () => {
    const { facts } = await zhaotong();
    const el = await editor();
    const loaded = expectedCounts(EXAMPLE_CADRE_RUBRIC, facts);
    for (const g of EXAMPLE_CADRE_RUBRIC.grades) {
      expect(previewCell(el, g.id, 'scored'), g.id).to.equal(n(loaded.scored.get(g.id) ?? 0));
      expect(previewCell(el, g.id, 'final'), g.id).to.equal(n(loaded.final.get(g.id) ?? 0));
    }
    expect(root(el).querySelector('[data-preview="changed"]')!.getAttribute('data-count')).to.equal('0');
    // 优秀 from 80 and 合格 below it: many more excellent, and the 20% quota binds.
    await type(el, 'g0-min', '80');
    await type(el, 'g1-max', '80');
    expect(el.value).to.not.equal(null);
    const draft = parseRubric({ ...exampleJson(), grades: exampleJson().grades!.map((g) => (g.id === 'excellent' ? { ...g, min: 80 } : g.id === 'pass' ? { ...g, max: 80 } : g)) });
    expect(el.value).to.deep.equal(draft);
    const now = expectedCounts(draft, facts);
    for (const g of draft.grades) {
      expect(previewCell(el, g.id, 'scored'), `${g.id} by score`).to.equal(n(now.scored.get(g.id) ?? 0));
      expect(previewCell(el, g.id, 'final'), `${g.id} with the quota`).to.equal(n(now.final.get(g.id) ?? 0));
      expect(previewCell(el, g.id, 'loaded'), `${g.id} as loaded`).to.equal(n(loaded.final.get(g.id) ?? 0));
    }
    expect(now.scored.get('excellent')).to.be.greaterThan(now.final.get('excellent')!);
    let changed = 0;
    for (const [subject, grade] of now.gradeOf) if (loaded.gradeOf.get(subject) !== grade) changed++;
    expect(changed).to.be.greaterThan(0);
    expect(root(el).querySelector('[data-preview="changed"]')!.getAttribute('data-count')).to.equal(String(changed));
    expect(root(el).querySelector('[data-preview="changed"]')!.textContent).to.include(`${n(changed)} 人`);
    expect(el.preview!.moved).to.equal(applyGradeQuota(rankSubjects(scoreAll(draft, facts)), draft).moved.length);
    // An invalid edit keeps the last valid preview, marked as such.
    await type(el, 'g1-max', '70');
    expect(root(el).querySelector('[part="preview"]')!.textContent).to.include('最后一次有效');
    expect(previewCell(el, 'excellent', 'final')).to.equal(n(now.final.get('excellent') ?? 0));
  });

  it('adds, moves and removes items and sections from the keyboard, focus following', async () => {
    const el = await editor();
    const changes = record(el, 'gualian-rubric-change');
    const add = root(el).querySelector<HTMLButtonElement>('#s3-add')!;
    add.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    // The new item is blank (no fact yet): shown invalid, nothing fired, focus on its id.
    expect(root(el).querySelectorAll('[data-section="bonus"] [part="item"]')).to.have.length(3);
    expect(deepActiveElement()).to.equal(input(el, 's3i2-id'));
    expect(changes).to.have.length(0);
    expect(fieldErrors(el, 's3i2-fact').join()).to.include('fact');
    await type(el, 's3i2-fact', 'activity.other');
    await type(el, 's3i2-label', '其他工作');
    await type(el, 's3i2-cap', '2');
    // Beyond the section cap of 10, which is allowed only when said to be intended.
    expect(el.issues.map((i) => i.code)).to.deep.equal(['rubric.section-over-cap']);
    expect(fieldErrors(el, 's3-cap').join()).to.include('capExpected');
    input(el, 's3i2-capExpected').click();
    await el.updateComplete;
    expect(el.issues).to.deep.equal([]);
    expect(changes.length).to.be.greaterThan(0);
    expect(changes.at(-1)!.rubric.sections[3]!.items.map((i) => i.id)).to.deep.equal(['commendations', 'spot-confirmed', 'item-3']);
    // Move it up, by keyboard on its "up" button.
    root(el).querySelector<HTMLButtonElement>('#s3i2-up')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(changes.at(-1)!.rubric.sections[3]!.items.map((i) => i.id)).to.deep.equal(['commendations', 'item-3', 'spot-confirmed']);
    expect(deepActiveElement()).to.equal(root(el).querySelector('#s3i1-up'));
    root(el).querySelector<HTMLButtonElement>('#s3i1-remove')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(changes.at(-1)!.rubric).to.deep.equal(parseRubric(exampleJson()));
    expect(deepActiveElement()).to.equal(root(el).querySelector('#s3-add'));
    expect(root(el).querySelector('.visually-hidden[role="status"]')!.textContent).to.include('已删除');
    // A whole section.
    root(el).querySelector<HTMLButtonElement>('#add-section')!.click();
    await el.updateComplete;
    expect(root(el).querySelectorAll('[part="section"]')).to.have.length(EXAMPLE_CADRE_RUBRIC.sections.length + 1);
    root(el).querySelector<HTMLButtonElement>(`#s${EXAMPLE_CADRE_RUBRIC.sections.length}-remove`)!.click();
    await el.updateComplete;
    expect(el.value).to.deep.equal(parseRubric(exampleJson()));
  });

  it('switches an item to a formula and a veto, and edits the quota', async () => {
    const el = await editor();
    const changes = record(el, 'gualian-rubric-change');
    await pick(el, 's1i0-source', 'formula');
    expect(input(el, 's1i0-formula').value).to.equal('0.5 * households');
    expect(changes.at(-1)!.rubric.sections[1]!.items[0]).to.deep.include({ formula: '0.5 * households', cap: 10 });
    await pick(el, 's1i0-kind', 'veto');
    expect(root(el).querySelector('#s1i0-grade')).to.not.equal(null);
    expect(root(el).querySelector('#s1i0-cap')).to.equal(null);
    await pick(el, 's1i0-grade', 'basic');
    expect(changes.at(-1)!.rubric.sections[1]!.items[0]).to.deep.include({ kind: 'veto', grade: 'basic' });
    await type(el, 'q-share', '1.5');
    expect(fieldErrors(el, 'q-share').join()).to.include('1.5');
    await type(el, 'q-share', '0.1');
    expect(changes.at(-1)!.rubric.quota).to.deep.include({ share: 0.1 });
    input(el, 'q-on').click();
    await el.updateComplete;
    expect(changes.at(-1)!.rubric.quota).to.equal(undefined);
    expect(root(el).querySelector('#q-share')).to.equal(null);
  });

  it('imports a JSON file (and says why a broken one is refused), and exports the JSON through a Blob URL', async () => {
    const el = await editor();
    const changes = record(el, 'gualian-rubric-change');
    const file = root(el).querySelector<HTMLInputElement>('#import-file')!;
    const choose = async (name: string, text: string) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'application/json' }));
      file.files = dt.files;
      file.dispatchEvent(new Event('change'));
      await waitUntil(() => el.shadowRoot!.textContent!.includes(name), `${name} read`);
      await el.updateComplete;
    };
    await choose('broken.json', '{ "id": ');
    expect(root(el).querySelector('[part="import-error"]')!.getAttribute('role')).to.equal('alert');
    expect(root(el).querySelector('[part="import-error"]')!.textContent).to.include('无法导入“broken.json”');
    expect(changes).to.have.length(0);
    const luxi = { ...exampleJson(), id: 'luxi-2025', name: '泸溪县挂联干部考核', quota: { share: 0.15 } };
    await choose('luxi.json', JSON.stringify(luxi));
    expect(root(el).querySelector('[part="import-error"]')).to.equal(null);
    expect(input(el, 'b-name').value).to.equal('泸溪县挂联干部考核');
    expect(changes).to.have.length(1);
    expect(changes[0]!.rubric).to.deep.equal(parseRubric(luxi));
    // The preview still compares with the rubric as loaded.
    expect(root(el).querySelector('[data-preview="changed"]')).to.not.equal(null);

    const made: Blob[] = [];
    const clicked: HTMLAnchorElement[] = [];
    const createObjectURL = URL.createObjectURL;
    const click = HTMLAnchorElement.prototype.click;
    URL.createObjectURL = (b: Blob | MediaSource) => {
      made.push(b as Blob);
      return createObjectURL.call(URL, b);
    };
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this);
    };
    try {
      root(el).querySelector<HTMLButtonElement>('[part="export"]')!.click();
    } finally {
      URL.createObjectURL = createObjectURL;
      HTMLAnchorElement.prototype.click = click;
    }
    expect(made).to.have.length(1);
    expect(made[0]!.type).to.equal('application/json');
    expect(JSON.parse(await made[0]!.text())).to.deep.equal(JSON.parse(el.json));
    expect(parseRubric(JSON.parse(await made[0]!.text()))).to.deep.equal(parseRubric(luxi));
    expect(clicked[0]!.download).to.equal('luxi-2025.json');
    expect(clicked[0]!.href).to.match(/^blob:/);

    // Back to the rubric as loaded.
    root(el).querySelector<HTMLButtonElement>('[part="reset"]')!.click();
    await el.updateComplete;
    expect(el.value).to.deep.equal(EXAMPLE_CADRE_RUBRIC);
  });

  it('previews from a roster and a period, and says when there is no data', async () => {
    const { roster } = await zhaotong();
    const el = await editor({ facts: null, roster }, { period: '2024-Q4' });
    const about = root(el).querySelector('[part="preview"]')!.textContent!;
    expect(about).to.include(`2024 年第 4 季度：${n(computeFacts(roster, period('quarter', 2024, 4)).size)} 名干部`);
    const q4 = computeFacts(roster, period('quarter', 2024, 4));
    const counts = expectedCounts(EXAMPLE_CADRE_RUBRIC, q4);
    expect(previewCell(el, 'basic', 'scored')).to.equal(n(counts.scored.get('basic') ?? 0));
    el.roster = null;
    await el.updateComplete;
    expect(root(el).querySelector('[part="preview"]')!.textContent).to.include('没有可预览的数据');
  });

  it('starts from a blank rubric without one, and names every problem', async () => {
    const el = await mount('gualian-rubric-editor', {}, {});
    await ready(el);
    expect(validity(el).textContent).to.include('处问题');
    expect(fieldErrors(el, 'b-id').length).to.equal(1);
    expect(fieldErrors(el, 'b-name').length).to.equal(1);
    expect(root(el).querySelector<HTMLButtonElement>('[part="reset"]')!.disabled).to.equal(true);
  });

  it('speaks English, problems included', async () => {
    const el = await editor({}, { lang: 'en' });
    await type(el, 's1i0-fact', 'houses');
    expect(fieldErrors(el, 's1i0-fact')).to.deep.equal([describeRubricIssue(el.issues[0]!, 'en')]);
    expect(shownText(el)).to.include('Problems in the rubric: 1.').and.include('Effect on current data');
  });
});

widgetSuites<GualianRubricEditor>('gualian-rubric-editor', {
  tag: 'gualian-rubric-editor',
  data: async () => {
    const { facts } = await zhaotong();
    return { properties: { rubric: EXAMPLE_CADRE_RUBRIC, facts } };
  },
  labels: ['ui.rubricEditor.import', 'ui.rubricEditor.valid', 'ui.rubricEditor.grades', 'ui.rubricEditor.preview', 'ui.rubricEditor.addSection', 'ui.rubricEditor.sectionCap'],
  async keyboard(el) {
    const changes = record(el, 'gualian-rubric-change');
    expect((deepActiveElement() as HTMLElement).id).to.equal('import');
    let tabs = 0;
    while ((deepActiveElement() as HTMLElement).id !== 'b-name' && tabs < 10) {
      await sendKeys({ press: 'Tab' });
      tabs++;
    }
    expect((deepActiveElement() as HTMLElement).id).to.equal('b-name');
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'a' });
    await sendKeys({ up: 'Control' });
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(fieldErrors(el, 'b-name')).to.have.length(1);
    expect(changes).to.have.length(0);
    await sendKeys({ type: 'Test rubric' });
    await el.updateComplete;
    expect(fieldErrors(el, 'b-name')).to.have.length(0);
    expect(changes.at(-1)!.rubric.name).to.equal('Test rubric');
    // On to the next field.
    await sendKeys({ press: 'Tab' });
    expect((deepActiveElement() as HTMLElement).id).to.equal('b-version');
  },
  async reveal(el) {
    // A rubric from elsewhere is the editor's hostile input: its labels are shown as text.
    const hostile = exampleJson();
    hostile.sections = hostile.sections.map((s, k) => ({ ...s, labels: undefined, label: HOSTILE_NAMES[k % HOSTILE_NAMES.length]! }));
    el.rubric = hostile;
    await el.updateComplete;
  },
});
