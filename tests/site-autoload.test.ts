/**
 * The script-tag bundle as a portal uses it: the built assets/gualian-elements.js on the
 * example portal page, under the strict policy. It must load only the widgets the page shows,
 * and load another widget's code when a script adds that widget's tag later.
 */
import { expect } from 'chai';
import { open, openPage, waitFor, deepText } from './support/site-frame.js';
import { WIDGET_LOADERS } from '../packages/elements/src/autoload.js';

/** The bundle chunks the frame fetched, by name without the hash (`region-picker`, `lit-element`…). */
function chunksLoaded(win: Window): string[] {
  return win.performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((url) => url.includes('/assets/bundle-chunks/'))
    .map((url) => url.replace(/^.*\//, '').replace(/-[\w-]{8}\.js$/, ''));
}

describe('script-tag bundle: widgets load when their tags appear', function () {
  this.timeout(120_000);
  afterEach(() => {
    for (const close of open.splice(0)) close();
  });

  it('the portal page loads the two widgets it shows and no other', async () => {
    const p = await openPage('examples/portal.html');
    const picker = p.doc.querySelector('gualian-region-picker')!;
    const tree = p.doc.querySelector('gualian-hierarchy-tree')!;
    await waitFor('both widgets defined', () => p.win.customElements.get('gualian-region-picker') && p.win.customElements.get('gualian-hierarchy-tree'));
    // root="5306": the picker's first select offers Zhaotong's counties, from the real pack.
    await waitFor('Zhaotong’s counties in the picker', () => [...(picker.shadowRoot?.querySelector('select')?.options ?? [])].some((o) => o.textContent?.includes('昭阳区')));
    expect(tree.shadowRoot, 'the tree upgraded').to.not.equal(null);
    const chunks = chunksLoaded(p.win);
    expect(chunks).to.include.members(['region-picker', 'hierarchy-tree']);
    const widgets = Object.keys(WIDGET_LOADERS).map((tag) => tag.replace(/^gualian-/, ''));
    const others = widgets.filter((w) => w !== 'region-picker' && w !== 'hierarchy-tree');
    expect(others.length).to.be.greaterThan(5);
    expect(chunks.filter((c) => others.includes(c)), 'chunks of widgets the page does not show').to.deep.equal([]);
    for (const tag of Object.keys(WIDGET_LOADERS)) if (!['gualian-region-picker', 'gualian-hierarchy-tree'].includes(tag)) expect(p.win.customElements.get(tag), tag).to.equal(undefined);
    expect(p.violations).to.deep.equal([]);
    expect(p.errors).to.deep.equal([]);
  });

  it('a tag added by a script later is defined, with properties set before it was kept', async () => {
    const p = await openPage('examples/portal.html');
    await waitFor('the picker defined', () => p.win.customElements.get('gualian-region-picker'));
    expect(p.win.customElements.get('gualian-visit-log')).to.equal(undefined);
    // Inside a new subtree, as a server-rendered fragment swapped in would be.
    const box = p.doc.createElement('section');
    const log = p.doc.createElement('gualian-visit-log') as HTMLElement & { year?: number };
    log.year = 2023;
    log.setAttribute('lang', 'en');
    box.append(log);
    p.doc.body.append(box);
    await waitFor('<gualian-visit-log> defined', () => p.win.customElements.get('gualian-visit-log'), 60_000);
    await waitFor('its shadow root rendered', () => log.shadowRoot && deepText(log).trim().length > 0);
    expect(log.year, 'the property set before the upgrade').to.equal(2023);
    expect(chunksLoaded(p.win)).to.include('visit-log');
    expect(p.violations).to.deep.equal([]);
    expect(p.errors).to.deep.equal([]);
  });
});
