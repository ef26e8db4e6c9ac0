import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createDivisionStore } from '@gualian/core';
import './define.js';
import { GualianRegionPicker } from './region-picker.js';
import { GualianChangeEvent } from '../base/events.js';
import { widgetSuites } from '../base/testing/suites.js';
import { deepActiveElement, mount, ready, record, unmountAll } from '../base/testing/mount.js';

const INDEX = '/site/data/2023/index.json';
const ZHAOTONG = '/site/data/2023/5306.json';

const selects = (el: GualianRegionPicker) => [...el.shadowRoot!.querySelectorAll('select')];
const labels = (el: GualianRegionPicker) => [...el.shadowRoot!.querySelectorAll('label[for^="level-"]')].map((l) => l.textContent!.trim());
const optionNames = (select: HTMLSelectElement) => [...select.options].slice(1).map((o) => o.textContent!.trim());

/** Choose an option as a user does: the select's value changes, then `change` fires. */
async function choose(el: GualianRegionPicker, column: number, name: string): Promise<void> {
  await waitUntil(() => selects(el)[column] !== undefined && optionNames(selects(el)[column]!).includes(name), `“${name}” offered in select ${column}`, { timeout: 60_000 });
  const select = selects(el)[column]!;
  select.value = [...select.options].find((o) => o.textContent!.trim() === name)!.value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

/** A store that counts the files it fetches. */
function countingStore(url: string) {
  const fetched: string[] = [];
  const store = createDivisionStore(url, {
    fetch: (u) => {
      fetched.push(new URL(u).pathname);
      return fetch(u);
    },
  });
  return { store, fetched };
}

widgetSuites<GualianRegionPicker>('gualian-region-picker', {
  tag: 'gualian-region-picker',
  data: async () => ({ attributes: { src: ZHAOTONG } }),
  labels: ['ui.regionPicker', 'ui.search', 'levelName.province', 'levelName.prefecture', 'levelName.county', 'levelName.township', 'levelName.village', 'ui.choose'],
  async keyboard(el) {
    // Tab lands in the search box; find 镇雄县 and take it with the arrow and Enter keys.
    expect(deepActiveElement()?.id).to.equal('search');
    const changes = record(el, 'gualian-change');
    await sendKeys({ type: '镇雄县' });
    await el.updateComplete;
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => changes.length === 1, 'a change from the search');
    expect(changes[0]!.value).to.equal('530627');
    // Focus moved to the deepest filled select; the arrow keys move to the next township.
    await el.updateComplete;
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.id).to.equal('level-3');
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => changes.length === 2, 'a change from the township select');
    expect(changes[1]!.value).to.equal('530627001');
    expect(changes[1]!.path.map((d) => d.name)).to.deep.equal(['云南省', '昭通市', '镇雄县', '乌峰街道']);
  },
  async reveal(el, deepest) {
    el.value = deepest;
    await el.updateComplete;
  },
});

describe('gualian-region-picker on the real 2023 division packs', function () {
  this.timeout(120_000);
  afterEach(unmountAll);

  it('cascades 云南省 → 昭通市 → 镇雄县 → 泼机镇 → 泼机村, fetching Yunnan’s chunk on the way, and reports code and path', async () => {
    const { store, fetched } = countingStore(INDEX);
    const el = await mount('gualian-region-picker', {}, { store });
    await ready(el);
    const changes = record(el, 'gualian-change');
    expect(labels(el)).to.deep.equal(['省级', '地级', '县级', '乡级', '村级']);
    expect(optionNames(selects(el)[0]!)).to.have.length(31);
    expect(selects(el).slice(1).every((s) => s.disabled)).to.equal(true);
    await choose(el, 0, '云南省');
    // Choosing the province starts fetching its townships and villages.
    expect(fetched).to.deep.equal(['/site/data/2023/index.json', '/site/data/2023/53.json']);
    await choose(el, 1, '昭通市');
    expect(optionNames(selects(el)[2]!)).to.have.length(11);
    await choose(el, 2, '镇雄县');
    await choose(el, 3, '泼机镇');
    await choose(el, 4, '泼机村民委员会');
    expect(changes.map((e) => e.value)).to.deep.equal(['53', '5306', '530627', '530627102', '530627102201']);
    const last = changes[4]!;
    expect(last).to.be.instanceOf(GualianChangeEvent);
    expect(last.path.map((d) => d.code)).to.deep.equal(['53', '5306', '530627', '530627102', '530627102201']);
    expect(last.path.map((d) => d.name)).to.deep.equal(['云南省', '昭通市', '镇雄县', '泼机镇', '泼机村民委员会']);
    expect(el.value).to.equal('530627102201');
    expect(el.shadowRoot!.querySelector('[part="summary"]')!.textContent).to.equal('已选：云南省 / 昭通市 / 镇雄县 / 泼机镇 / 泼机村民委员会');
  });

  it('changing a higher level clears the levels below it', async () => {
    const el = await mount('gualian-region-picker', { src: ZHAOTONG, value: '530627102201' });
    await ready(el);
    await waitUntil(() => selects(el)[4]?.value === '530627102201', 'the cascade filled');
    const changes = record(el, 'gualian-change');
    await choose(el, 2, '昭阳区');
    expect(el.value).to.equal('530602');
    expect(changes[0]!.value).to.equal('530602');
    expect(selects(el)[3]!.value).to.equal('');
    expect(selects(el)[4]!.disabled).to.equal(true);
  });

  it('fills every select when value is set, fetching the province chunk, without firing a change', async () => {
    const { store, fetched } = countingStore(INDEX);
    const el = await mount('gualian-region-picker', {}, { store });
    await ready(el);
    const changes = record(el, 'gualian-change');
    expect(fetched).to.deep.equal(['/site/data/2023/index.json']);
    el.value = '530627102201';
    await waitUntil(() => selects(el).map((s) => s.value).join() === '53,5306,530627,530627102,530627102201', 'the cascade filled', { timeout: 60_000 });
    expect(fetched).to.deep.equal(['/site/data/2023/index.json', '/site/data/2023/53.json']);
    expect(selects(el).map((s) => s.selectedOptions[0]!.textContent!.trim())).to.deep.equal(['云南省', '昭通市', '镇雄县', '泼机镇', '泼机村民委员会']);
    expect(changes).to.have.length(0);
    // The 12-digit padded form of a county code is accepted too.
    el.value = '530602000000';
    await waitUntil(() => el.value === '530602', 'the county chosen');
    expect(selects(el).map((s) => s.value)).to.deep.equal(['53', '5306', '530602', '', '']);
  });

  it('when the province chunk fails to load, says so once and fills what is known', async () => {
    const fetched: string[] = [];
    const store = createDivisionStore(INDEX, {
      fetch: (u) => {
        fetched.push(new URL(u).pathname);
        return u.endsWith('/53.json') ? Promise.resolve({ ok: false, status: 503, json: async () => null }) : fetch(u);
      },
    });
    const el = await mount('gualian-region-picker', { value: '530627102201' }, { store });
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]') !== null, 'the failure shown', { timeout: 30_000 });
    await waitUntil(() => el.value === '530627', 'the known part filled');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.include('加载失败').and.include('503');
    expect(selects(el).map((s) => s.value)).to.deep.equal(['53', '5306', '530627', '', '']);
    await el.updateComplete;
    expect(fetched.filter((f) => f.endsWith('/53.json'))).to.have.length(1);
    expect(selects(el)[3]!.options[0]!.textContent, 'not stuck on loading').to.equal('请选择');
  });

  it('fills the nearest known ancestor for a code missing from the data, and clears for a code that is no code', async () => {
    const el = await mount('gualian-region-picker', { src: ZHAOTONG });
    await ready(el);
    el.value = '530627100201'; // no such village or township in the 2023 edition
    await el.updateComplete;
    expect(el.value).to.equal('530627');
    expect(selects(el).map((s) => s.value)).to.deep.equal(['53', '5306', '530627', '', '']);
    el.value = 'not-a-code';
    await el.updateComplete;
    expect(el.value).to.equal(null);
    expect(selects(el)[0]!.value).to.equal('');
  });

  it('stops at depth="county" and then never fetches a province chunk', async () => {
    const { store, fetched } = countingStore(INDEX);
    const el = await mount('gualian-region-picker', { depth: 'county' }, { store });
    await ready(el);
    expect(labels(el)).to.deep.equal(['省级', '地级', '县级']);
    await choose(el, 0, '云南省');
    await choose(el, 1, '昭通市');
    await choose(el, 2, '镇雄县');
    expect(el.value).to.equal('530627');
    expect(selects(el)).to.have.length(3);
    el.value = '530627102201';
    await el.updateComplete;
    expect(el.value, 'a deeper value is cut to the county').to.equal('530627');
    expect(fetched).to.deep.equal(['/site/data/2023/index.json']);
  });

  it('starts below root="5306": the counties of 昭通市 first', async () => {
    const el = await mount('gualian-region-picker', { src: INDEX, root: '5306' });
    await ready(el);
    expect(labels(el)).to.deep.equal(['县级', '乡级', '村级']);
    expect(optionNames(selects(el)[0]!)).to.deep.equal(['昭阳区', '鲁甸县', '巧家县', '盐津县', '大关县', '永善县', '绥江县', '镇雄县', '彝良县', '威信县', '水富市']);
    const changes = record(el, 'gualian-change');
    await choose(el, 0, '镇雄县');
    await choose(el, 1, '泼机镇');
    expect(changes[1]!.value).to.equal('530627102');
    expect(changes[1]!.path.map((d) => d.name)).to.deep.equal(['云南省', '昭通市', '镇雄县', '泼机镇']);
    el.value = '530102'; // 五华区, outside the root
    await el.updateComplete;
    expect(el.value).to.equal(null);
  });

  it('searches by name fragment and shows each result’s full path', async () => {
    const el = await mount('gualian-region-picker', { src: ZHAOTONG });
    await ready(el);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#search')!;
    input.focus();
    await sendKeys({ type: '泼机' });
    await el.updateComplete;
    const results = [...el.shadowRoot!.querySelectorAll('[role="option"]')].map((o) => o.textContent!.trim());
    expect(results[0]).to.equal('云南省 / 昭通市 / 镇雄县 / 泼机镇');
    expect(results).to.include('云南省 / 昭通市 / 镇雄县 / 泼机镇 / 泼机村民委员会');
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    expect(input.getAttribute('aria-activedescendant')).to.equal('result-0');
    const changes = record(el, 'gualian-change');
    const village = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')].find((o) => o.textContent!.endsWith('泼机村民委员会'))!;
    village.click();
    await el.updateComplete;
    expect(changes[0]!.value).to.equal('530627102201');
    expect(selects(el).map((s) => s.value)).to.deep.equal(['53', '5306', '530627', '530627102', '530627102201']);
    expect(el.shadowRoot!.querySelectorAll('[role="option"]')).to.have.length(0);
  });

  it('searches what is loaded and offers to load every chunk for a search of the whole country', async () => {
    // Its own URL: widgets naming the same pack share a store, and earlier tests loaded Yunnan.
    const el = await mount('gualian-region-picker', { src: `${INDEX}?fresh` });
    await ready(el);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#search')!;
    input.focus();
    await sendKeys({ type: '泼机' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('[role="option"]')).to.have.length(0);
    const loadAll = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="load-all"]')!;
    expect(loadAll.textContent).to.equal('搜索全部地区（加载全部数据）');
    loadAll.click();
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[role="option"]').length > 0, 'results after loading every chunk', { timeout: 120_000 });
    const results = [...el.shadowRoot!.querySelectorAll('[role="option"]')].map((o) => o.textContent!.trim());
    expect(results).to.include('云南省 / 昭通市 / 镇雄县 / 泼机镇');
    expect(el.shadowRoot!.querySelector('[part="load-all"]')).to.equal(null);
  });

  it('with collapse-placeholders, shows the districts of 北京市 and the county-level cities of 海南省 directly', async () => {
    const plain = await mount('gualian-region-picker', { src: INDEX });
    await ready(plain);
    await choose(plain, 0, '北京市');
    expect(optionNames(selects(plain)[1]!)).to.deep.equal(['市辖区']);

    const el = await mount('gualian-region-picker', { src: INDEX, 'collapse-placeholders': true });
    await ready(el);
    const changes = record(el, 'gualian-change');
    await choose(el, 0, '北京市');
    expect(labels(el)).to.deep.equal(['省级', '县级', '乡级', '村级']);
    expect(optionNames(selects(el)[1]!)).to.include.members(['东城区', '西城区', '朝阳区']);
    await choose(el, 1, '朝阳区');
    expect(changes[1]!.value).to.equal('110105');
    expect(changes[1]!.path.map((d) => d.name), 'the event keeps the real path').to.deep.equal(['北京市', '市辖区', '朝阳区']);
    expect(el.shadowRoot!.querySelector('[part="summary"]')!.textContent).to.equal('已选：北京市 / 朝阳区');

    await choose(el, 0, '海南省');
    const hainan = optionNames(selects(el)[1]!);
    expect(hainan).to.include.members(['海口市', '三亚市', '儋州市', '五指山市', '琼海市']);
    expect(hainan).to.not.include('省直辖县级行政区划');
    await choose(el, 1, '儋州市');
    // 儋州市 has no counties: its townships follow directly, without the copy 460400.
    await waitUntil(() => selects(el)[2] !== undefined && optionNames(selects(el)[2]!).includes('那大镇'), '儋州’s towns', { timeout: 60_000 });
    expect(labels(el)[2]).to.equal('乡级');
  });
});
