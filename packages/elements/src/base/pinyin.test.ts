import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import PinyinMatch from 'pinyin-match';
import type { Hierarchy } from '@gualian/core';
import { edition } from '../../../../tests/fixtures/data.js';
import '../region-picker/define.js';
import '../hierarchy-tree/define.js';
import { hasLatin, loadPinyin, normalizeQuery, PINYIN_RANKS, pinyinForTests, pinyinState, searchDivisions, type PinyinMatcher } from './pinyin.js';
import { mount, ready, record, unmountAll } from './testing/mount.js';
import type { GualianRegionPicker } from '../region-picker/region-picker.js';
import type { GualianHierarchyTree } from '../hierarchy-tree/hierarchy-tree.js';

const ZHAOTONG = '/site/data/2023/5306.json';

/** The pinyin data's module as the test server serves it (the chunk of the built bundle is named after it too). */
const dictionaryFetched = () => performance.getEntriesByType('resource').filter((e) => e.name.includes('simplified_dict')).length;

const search = (el: HTMLElement) => el.shadowRoot!.querySelector<HTMLInputElement>('#search')!;
const status = (el: HTMLElement) => el.shadowRoot!.querySelector('.search [role="status"]')!.textContent!;
const options = (el: GualianRegionPicker) => [...el.shadowRoot!.querySelectorAll('[role="option"]')].map((o) => o.textContent!.trim());
const marks = (el: HTMLElement) => [...el.shadowRoot!.querySelectorAll('mark')].map((m) => m.textContent);

async function type(el: HTMLElement, text: string): Promise<void> {
  const input = search(el);
  input.focus();
  input.select();
  await sendKeys({ press: 'Backspace' });
  await sendKeys({ type: text });
}

// First, before anything in this page asked for pinyin.
// Room for every resource entry (the browser keeps 250 by default), so a fetch is never missed.
performance.setResourceTimingBufferSize(100_000);

describe('pinyin data: loaded only when a query holds Latin letters', function () {
  this.timeout(120_000);
  afterEach(unmountAll);

  it('a search in characters does not fetch the pinyin data; the first query with a letter does, once', async () => {
    const el = await mount('gualian-region-picker', { src: ZHAOTONG, root: '5306' });
    await ready(el);
    await type(el, '镇雄');
    await el.updateComplete;
    expect(options(el)[0]).to.equal('云南省 / 昭通市 / 镇雄县');
    expect(status(el)).to.equal(`${options(el).length} 个结果`);
    expect(pinyinState()).to.equal('idle');
    expect(pinyinForTests.imports()).to.equal(0);
    expect(dictionaryFetched()).to.equal(0);

    await type(el, 'zhenxiong');
    await waitUntil(() => options(el)[0] === '云南省 / 昭通市 / 镇雄县', 'the pinyin match listed', { timeout: 60_000 });
    expect(pinyinState()).to.equal('ready');
    expect(pinyinForTests.imports()).to.equal(1);
    expect(dictionaryFetched()).to.equal(1);
    expect(status(el)).to.equal(`${options(el).length} 个结果（含拼音匹配）`);
    expect(marks(el)[0]).to.equal('镇雄');

    await type(el, 'zx');
    await el.updateComplete;
    expect(options(el)).to.include('云南省 / 昭通市 / 镇雄县');
    expect(pinyinForTests.imports(), 'asked for once').to.equal(1);
  });
});

describe('pinyin matching over the real names of 昭通市 (2023)', function () {
  this.timeout(120_000);
  let h: Hierarchy;
  let matcher: PinyinMatcher;
  before(async () => {
    h = (await edition('2023')).subtree('5306');
    matcher = (await loadPinyin())!;
  });
  const names = (query: string, limit = 20) => searchDivisions(h, query, { limit }, matcher).map((hit) => h.nameAt(hit.row));
  const first = (query: string) => {
    const [hit] = searchDivisions(h, query, { limit: 1 }, matcher);
    return hit === undefined ? null : { code: h.codeAt(hit.row), marked: h.nameAt(hit.row).slice(hit.start, hit.end) };
  };

  it('full pinyin, initials, mixed case, spaces, apostrophes and tone marks find 昭通市', () => {
    for (const query of ['zhaotong', 'ZhaoTong', 'zhao tong', "zhao'tong", 'Zhāo Tōng', 'ｚｈａｏｔｏｎｇ']) expect(first(query), query).to.deep.equal({ code: '5306', marked: '昭通' });
    expect(first('zhaotongshi')).to.deep.equal({ code: '5306', marked: '昭通市' });
    expect(matcher.forQuery('zt')('昭通市')).to.deep.equal({ start: 0, end: 2, rank: 'initials' });
    expect(matcher.forQuery('zhaotong')('昭通市')).to.deep.equal({ start: 0, end: 2, rank: 'prefix' });
    expect(matcher.forQuery('zhaotongshi')('昭通市')).to.deep.equal({ start: 0, end: 3, rank: 'exact' });
    expect(names('zt')).to.include('昭通市');
  });

  it('finds 镇雄县 by zhenx, zx and 镇x, and 乌峰街道 by wufeng', () => {
    // zhenx is also 振兴 (zhen xing): both start their names; the county comes before 大关县's
    // 振兴社区, though the community has the smaller code.
    const zhenx = searchDivisions(h, 'zhenx', { limit: 20 }, matcher).map((hit) => [h.codeAt(hit.row), h.nameAt(hit.row).slice(hit.start, hit.end)]);
    expect(zhenx).to.deep.include.members([['530627', '镇雄'], ['530624105001', '振兴']]);
    expect(zhenx.findIndex(([code]) => code === '530627')).to.equal(0);
    expect(first('zhenx')).to.deep.equal({ code: '530627', marked: '镇雄' });
    expect(first('zhenxiong')).to.deep.equal({ code: '530627', marked: '镇雄' });
    expect(first('镇x')).to.deep.equal({ code: '530627', marked: '镇雄' });
    expect(first('昭t')).to.deep.equal({ code: '5306', marked: '昭通' });
    expect(first('zhenxiongxian')).to.deep.equal({ code: '530627', marked: '镇雄县' });
    expect(names('zx', 200)).to.include('镇雄县');
    expect(first('wufeng')).to.deep.equal({ code: '530627001', marked: '乌峰' });
  });

  it('accepts every reading of a polyphonic character: 乐 le/yue, 长 chang/zhang', () => {
    // 乐居镇 (530602107) and 长安镇 (530629105) are real townships of 昭通市.
    for (const query of ['leju', 'yueju', 'lj', 'yj']) expect(names(query, 200), query).to.include('乐居镇');
    for (const query of ['changan', 'zhangan', "chang'an"]) expect(names(query, 200), query).to.include('长安镇');
    expect(first('yuejuzhen')).to.deep.equal({ code: '530602107', marked: '乐居镇' });
    expect(first('zhanganzhen')).to.deep.equal({ code: '530629105', marked: '长安镇' });
    // And a village: 长寨村 of 昭阳区.
    for (const query of ['changzhai', 'zhangzhai']) expect(names(query, 200), query).to.include('长寨村村民委员会');
  });

  it('ranks characters first, then pinyin: whole name, start of the name, initials, inside; each by level, then in code order', () => {
    const hits = searchDivisions(h, 'zt', { limit: 2000 }, matcher);
    const tests = matcher.forQuery('zt');
    const ranks = hits.map((hit) => PINYIN_RANKS.indexOf(tests(h.nameAt(hit.row))!.rank));
    expect(new Set(ranks).size, 'several ranks among the hits').to.be.greaterThan(1);
    for (let k = 1; k < hits.length; k++) {
      expect(ranks[k]!, `rank of hit ${k}`).to.be.at.least(ranks[k - 1]!);
      if (ranks[k] !== ranks[k - 1]) continue;
      const [level, previous] = [h.levelAt(hits[k]!.row), h.levelAt(hits[k - 1]!.row)];
      expect(level, `level order within a rank at ${k}`).to.be.at.least(previous);
      if (level === previous) expect(hits[k]!.row, `code order within a level at ${k}`).to.be.greaterThan(hits[k - 1]!.row);
    }
    // A query in characters is answered as Hierarchy.search answers it.
    const chars = searchDivisions(h, '镇雄', { limit: 50 }, matcher);
    expect(chars.map((hit) => h.codeAt(hit.row))).to.deep.equal(h.search('镇雄', { limit: 50 }).map((d) => d.code));
    expect(chars.every((hit) => !hit.byPinyin)).to.equal(true);
  });

  it('finds every name that pinyin-match’s own match finds, at the same place', () => {
    for (const query of ['zt', 'zhaotong', 'zhenx', 'wufeng', 'lj']) {
      const test = matcher.forQuery(query);
      let found = 0;
      for (let row = 0; row < h.size; row++) {
        const theirs = PinyinMatch.match(h.nameAt(row), query);
        if (theirs === false) continue;
        found++;
        const ours = test(h.nameAt(row));
        expect(ours, `${query} in ${h.nameAt(row)}`).to.not.equal(null);
        expect(ours!.start, `${query} in ${h.nameAt(row)}`).to.equal(theirs[0]);
      }
      expect(found, `names pinyin-match finds for ${query}`).to.be.greaterThan(0);
    }
  });

  it('normalizes queries and tells Latin from characters', () => {
    expect(normalizeQuery("Xi'an")).to.equal('xian');
    expect(normalizeQuery(' Zhāo  Tōng ')).to.equal('zhaotong');
    expect(normalizeQuery('Lǜ')).to.equal('lv');
    expect(hasLatin('昭t')).to.equal(true);
    expect(hasLatin('ｚｔ')).to.equal(true);
    expect(hasLatin('昭通 123')).to.equal(false);
    expect(matcher.forQuery('')('昭通市')).to.equal(null);
    expect(matcher.forQuery('zt')('')).to.equal(null);
  });
});

describe('pinyin search in the widgets', function () {
  this.timeout(120_000);
  afterEach(unmountAll);

  it('the region picker takes zhaotong, marks 昭通, and keeps its keyboard flow', async () => {
    const el = await mount('gualian-region-picker', { src: ZHAOTONG });
    await ready(el);
    const changes = record(el, 'gualian-change');
    await type(el, 'zhaotong');
    await waitUntil(() => options(el).length > 0, 'results');
    expect(options(el)[0]).to.equal('云南省 / 昭通市');
    expect(marks(el)[0]).to.equal('昭通');
    expect(search(el).getAttribute('aria-activedescendant')).to.equal('result-0');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => changes.length === 1, 'a change');
    expect(changes[0]!.value).to.equal('5306');
  });

  it('the region picker speaks of pinyin matches in English', async () => {
    const el = await mount('gualian-region-picker', { src: ZHAOTONG, root: '5306', lang: 'en' });
    await ready(el);
    await type(el, 'wufeng');
    await waitUntil(() => options(el).length > 0, 'results');
    expect(options(el)[0]).to.equal('云南省 / 昭通市 / 镇雄县 / 乌峰街道');
    expect(status(el)).to.equal(`${options(el).length} results (including pinyin matches)`);
  });

  it('the hierarchy tree goes to 镇雄县 for zhenxiong, marks 镇雄 and says the matches include pinyin', async () => {
    const el: GualianHierarchyTree = await mount('gualian-hierarchy-tree', { src: ZHAOTONG, root: '5306' });
    await ready(el);
    await type(el, 'zhenxiong');
    const current = () => el.shadowRoot!.querySelector('[part~="current-match"]');
    await waitUntil(() => current() !== null, 'the first match on screen');
    expect(current()!.querySelector('[part="name"]')!.textContent).to.equal('镇雄县');
    expect(current()!.querySelector('mark')!.textContent).to.equal('镇雄');
    expect(status(el)).to.match(/^第 1 个，共 \d+ 个（含拼音匹配）$/);
  });
});

describe('when the pinyin data cannot be fetched', function () {
  this.timeout(120_000);
  afterEach(unmountAll);
  after(() => pinyinForTests.useImporter());

  it('the widgets search by characters, say so as text in their language, and never throw', async () => {
    // A portal that copied the bundle without bundle-chunks/: the chunk's URL answers 404.
    const missing = '/bundle-chunks/no-such-chunk.js';
    pinyinForTests.useImporter(() => import(/* @vite-ignore */ missing));
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent | PromiseRejectionEvent) => errors.push('reason' in e ? e.reason : e.error);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
    try {
      const picker = await mount('gualian-region-picker', { src: ZHAOTONG, root: '5306' });
      await ready(picker);
      await type(picker, 'zhaotong');
      await waitUntil(() => pinyinState() === 'failed', 'the import failed', { timeout: 30_000 });
      await picker.updateComplete;
      expect(status(picker)).to.equal('没有匹配的地名 · 拼音数据未能加载，只按汉字搜索');
      expect(options(picker)).to.have.length(0);
      await type(picker, '镇雄');
      await picker.updateComplete;
      expect(options(picker)[0]).to.equal('云南省 / 昭通市 / 镇雄县');
      expect(status(picker)).to.equal(`${options(picker).length} 个结果`);

      const tree = await mount('gualian-hierarchy-tree', { src: ZHAOTONG, root: '5306', lang: 'en' });
      await ready(tree);
      await type(tree, 'zhenx');
      await tree.updateComplete;
      expect(status(tree)).to.equal('No matching place · Pinyin data could not be loaded; searching by characters only');
      expect(pinyinForTests.imports(), 'not asked for again').to.equal(1);
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onError);
    }
  });
});

describe('while the pinyin data is on its way', function () {
  this.timeout(120_000);
  afterEach(unmountAll);
  after(() => pinyinForTests.useImporter());

  it('the widget says it is loading it, then shows the matches', async () => {
    let release = () => {};
    const arrived = new Promise<void>((resolve) => (release = resolve));
    // The real data, held back until the status has been read.
    pinyinForTests.useImporter(async () => {
      await arrived;
      return (await import('pinyin-match/src/simplified_dict.js')).dict;
    });
    const tree: GualianHierarchyTree = await mount('gualian-hierarchy-tree', { src: ZHAOTONG, root: '5306' });
    await ready(tree);
    await type(tree, 'wufeng');
    await tree.updateComplete;
    expect(pinyinState()).to.equal('loading');
    expect(status(tree)).to.equal('正在加载拼音数据…');
    release();
    await waitUntil(() => tree.shadowRoot!.querySelector('[part~="current-match"]') !== null, 'the first match on screen');
    expect(status(tree)).to.match(/^第 1 个，共 \d+ 个（含拼音匹配）$/);
    expect(tree.shadowRoot!.querySelector('[part~="current-match"] mark')!.textContent).to.equal('乌峰');
  });
});
