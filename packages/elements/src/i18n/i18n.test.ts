// The widgets' zh-Hant and en labels are separate modules, loaded the first time a widget speaks
// the language (the script-tag bundle carries them as lazy chunks). This file imports neither
// up front, so what it sees is what a page sees.
import { expect } from '@open-wc/testing';
import { Hierarchy } from '@gualian/core';
import '../region-picker/define.js';
import type { GualianRegionPicker } from '../region-picker/region-picker.js';
import { mount, shownText, unmountAll } from '../base/testing/mount.js';
import { uiMessagesLoaded } from './index.js';

const fetched = (lang: string) => performance.getEntriesByType('resource').filter((e) => new RegExp(`/i18n/ui\\.${lang}\\.(ts|js)`).test(new URL(e.name).pathname)).length;

const hierarchy = () => Hierarchy.fromDivisions([{ code: '53', name: '云南省' }, { code: '5306', name: '昭通市' }], 'test');

// ui.search and ui.choose in each language.
const SEARCH = { 'zh-Hans': '搜索地名', 'zh-Hant': '搜尋地名', en: 'Search places' } as const;
const CHOOSE = { 'zh-Hans': '请选择', 'zh-Hant': '請選擇', en: 'Choose' } as const;

// Room for every resource entry (the browser keeps 250 by default), so a fetch is never missed.
performance.setResourceTimingBufferSize(100_000);

describe('lazily loaded labels (zh-Hant, en)', function () {
  this.timeout(60_000);
  afterEach(unmountAll);

  it('has zh-Hans from the start and neither zh-Hant nor en before a widget speaks them', async () => {
    const el = await mount('gualian-region-picker', {}, { hierarchy: hierarchy() });
    expect(el.resolvedLang).to.equal('zh-Hans');
    expect(shownText(el)).to.include(SEARCH['zh-Hans']).and.include(CHOOSE['zh-Hans']);
    expect(uiMessagesLoaded('zh-Hans')).to.equal(true);
    expect(uiMessagesLoaded('zh-Hant')).to.equal(false);
    expect(uiMessagesLoaded('en')).to.equal(false);
    expect(fetched('zh-Hant') + fetched('en')).to.equal(0);
  });

  it('draws an English widget in English from its first render, once the en chunk has arrived', async () => {
    const box = document.createElement('div');
    box.lang = 'en';
    const el = document.createElement('gualian-region-picker') as GualianRegionPicker;
    el.hierarchy = hierarchy();
    box.append(el);
    document.body.append(box);
    try {
      // Every state of the shadow root between connection and the first completed update.
      const seen: string[] = [];
      const observer = new MutationObserver(() => seen.push(shownText(el)));
      observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
      await el.updateComplete;
      observer.disconnect();
      expect(uiMessagesLoaded('en')).to.equal(true);
      expect(fetched('en')).to.equal(1);
      expect(shownText(el)).to.include(SEARCH.en).and.include(CHOOSE.en);
      expect(seen.length, 'the first render was observed').to.be.greaterThan(0);
      for (const text of seen) expect(text, 'no zh-Hans label drawn on the way').to.not.include(SEARCH['zh-Hans']).and.not.include(CHOOSE['zh-Hans']);
      // A second English widget uses the chunk already there.
      const other = await mount('gualian-region-picker', {}, { hierarchy: hierarchy() }, { lang: 'en-GB' });
      expect(shownText(other)).to.include(SEARCH.en);
      expect(fetched('en')).to.equal(1);
    } finally {
      box.remove();
    }
  });

  it('re-renders a zh-Hans widget in zh-Hant when its lang changes and the chunk arrives', async () => {
    const el = await mount('gualian-region-picker', { lang: 'zh-Hans' }, { hierarchy: hierarchy() });
    expect(shownText(el)).to.include(SEARCH['zh-Hans']);
    expect(uiMessagesLoaded('zh-Hant')).to.equal(false);
    el.setAttribute('lang', 'zh-TW');
    expect(el.resolvedLang).to.equal('zh-Hant');
    await el.updateComplete;
    expect(uiMessagesLoaded('zh-Hant')).to.equal(true);
    expect(fetched('zh-Hant')).to.equal(1);
    expect(shownText(el)).to.include(SEARCH['zh-Hant']).and.include(CHOOSE['zh-Hant']).and.not.include(SEARCH['zh-Hans']);
    // And back, with nothing more to load.
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    expect(shownText(el)).to.include(SEARCH.en).and.not.include(SEARCH['zh-Hant']);
    el.setAttribute('lang', 'zh-CN');
    await el.updateComplete;
    expect(shownText(el)).to.include(SEARCH['zh-Hans']);
    expect(fetched('zh-Hant') + fetched('en')).to.equal(2);
  });
});
