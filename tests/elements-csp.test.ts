/**
 * The widgets under the strict Content-Security-Policy old portals are asked to serve: the page
 * tests/csp/widgets.html gets the policy header from the test server and loads the widgets with
 * real division packs in an iframe; no violation may be reported, and real names must show.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { openCspPage, type CspWindow as BaseCspWindow, expectStyleAttributeReported } from './support/csp-frame.js';
import { sendKeys } from '@web/test-runner-commands';

type CspWindow = BaseCspWindow & { __gualianReady?: Promise<void> };

const open = (path: string) => openCspPage(path, 1000);

const text = (el: Element | null) => (el?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');

describe('widgets under a strict CSP (no inline script, no style attributes, no eval)', function () {
  this.timeout(120_000);
  let frame: HTMLIFrameElement;
  let win: CspWindow;
  let doc: Document;

  before(async () => {
    frame = await open('/tests/csp/widgets.html');
    win = frame.contentWindow as CspWindow;
    doc = frame.contentDocument!;
    await waitUntil(() => win.__gualianReady !== undefined, 'the page module ran', { timeout: 30_000 });
    await win.__gualianReady;
  });

  after(() => frame.remove());

  it('is served with the policy', async () => {
    const res = await fetch('/tests/csp/widgets.html');
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).to.include("script-src 'self'");
    expect(policy).to.include("style-src-attr 'none'");
  });

  it('renders real divisions with no violation', async () => {
    const picker = doc.querySelector('#picker')!;
    const tree = doc.querySelector('#tree')!;
    const national = doc.querySelector('#national')!;
    const large = doc.querySelector('#large')!;
    await waitUntil(() => text(picker).includes('泼机村民委员会'), 'the picker filled down to the village (Yunnan’s chunk fetched)', { timeout: 60_000 });
    await waitUntil(() => text(tree).includes('镇雄县') && text(tree).includes('昭通市'), 'the tree shows 昭通市 and its counties', { timeout: 60_000 });
    // Virtualised: only the provinces near the iframe's viewport are rendered.
    await waitUntil(() => text(national).includes('北京市'), 'the national tree shows the provinces', { timeout: 60_000 });
    await waitUntil(() => text(large).includes('Township'), 'the English large-text picker', { timeout: 60_000 });
    expect(text(picker)).to.include('云南省 / 昭通市 / 镇雄县 / 泼机镇 / 泼机村民委员会');
    expect(tree.shadowRoot!.querySelector('[part~="badge-ok"]')?.textContent).to.equal('3');
    expect(win.__cspViolations).to.deep.equal([]);
  });

  it('stays free of violations while the widgets are used (the virtualizer positions rows through CSSOM)', async () => {
    const national = doc.querySelector('#national')!;
    const focused = () => national.shadowRoot!.activeElement?.textContent ?? '';
    national.shadowRoot!.querySelector<HTMLElement>('[role="treeitem"]')!.focus();
    await sendKeys({ press: 'End' });
    await waitUntil(() => focused().includes('新疆维吾尔自治区'), 'the last province focused');
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => text(national).includes('乌鲁木齐市'), 'Xinjiang expanded');
    const input = national.shadowRoot!.querySelector<HTMLInputElement>('#search')!;
    input.focus();
    await sendKeys({ type: '镇雄' });
    await waitUntil(() => national.shadowRoot!.querySelector('[part~="current-match"] mark')?.textContent === '镇雄', 'search reveals the first match', { timeout: 60_000 });
    const rows = national.shadowRoot!.querySelectorAll<HTMLElement>('[role="treeitem"]');
    expect(rows.length).to.be.greaterThan(0);
    // Positions come from CSSOM (`element.style.transform`), which the policy allows; the rows carry no parsed style attribute.
    expect(rows[0]!.style.transform).to.match(/^translate/);
    expect(win.__cspViolations).to.deep.equal([]);
  });

  it('would notice a violation: a parsed style attribute is reported (the listener and policy are live)', () => expectStyleAttributeReported(win));
});
