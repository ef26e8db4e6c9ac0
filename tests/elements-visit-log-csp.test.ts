/**
 * <gualian-visit-log> under the strict Content-Security-Policy old portals are asked to serve:
 * tests/csp/visit-log.html gets the policy header from the test server and shows the real
 * Zhaotong roster in an iframe. Recording a visit, exporting the workbook (write-excel-file loaded
 * on the click, which must need no eval) and printing must report no violation.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { openCspPage, type CspWindow as BaseCspWindow } from './support/csp-frame.js';
import { sendKeys } from '@web/test-runner-commands';
import type { Roster } from '../packages/core/src/pairing/index.js';
import type { GualianVisitLog } from '../packages/elements/src/visit-log/visit-log.js';
import { LEDGER_SHEET, XLSX_TYPE } from '../packages/elements/src/visit-log/xlsx.js';
import { readXlsx } from '../packages/elements/src/visit-log/testing/read-xlsx.js';

type CspWindow = BaseCspWindow & { __gualianReady?: Promise<void>; __roster?: Roster; __cadre?: string };

const open = (path: string) => openCspPage(path, 1100);

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('gualian-visit-log under a strict CSP (no inline script, no style attributes, no eval)', function () {
  this.timeout(120_000);
  let frame: HTMLIFrameElement;
  let win: CspWindow;
  let log: GualianVisitLog;
  let large: GualianVisitLog;
  const $ = <T extends Element = HTMLElement>(selector: string) => log.shadowRoot!.querySelector<T & Element>(selector)!;

  before(async () => {
    frame = await open('/tests/csp/visit-log.html');
    win = frame.contentWindow as CspWindow;
    await waitUntil(() => win.__gualianReady !== undefined, 'the page module ran', { timeout: 30_000 });
    await win.__gualianReady;
    log = frame.contentDocument!.querySelector<GualianVisitLog>('#log')!;
    large = frame.contentDocument!.querySelector<GualianVisitLog>('#large')!;
  });

  after(() => frame.remove());

  it('is served with the policy, which forbids eval in the page', async () => {
    const res = await fetch('/tests/csp/visit-log.html');
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).to.include("script-src 'self'").and.include("style-src-attr 'none'").and.include("connect-src 'self'");
    expect(policy).to.not.include('unsafe-eval');
    // The policy is live in the frame: Function() is refused (and reported, then forgotten here).
    expect(() => new win.Function('return 1')).to.throw();
    await waitUntil(() => win.__cspViolations!.some((v) => v.startsWith('script-src')), 'the eval attempt reported');
    win.__cspViolations!.length = 0;
  });

  it('shows the real ledger, calendar and form with no violation', async () => {
    await waitUntil(() => log.shadowRoot!.querySelectorAll('td[data-day]').length === 366, 'the calendar drawn');
    expect(log.shadowRoot!.querySelectorAll('table.ledger tbody tr').length).to.be.within(1, 2);
    expect(text(log.shadowRoot!.querySelector('[part="facts"]'))).to.include('云南省 / 昭通市');
    expect(text(large.shadowRoot!.querySelector('[part="title"]'))).to.include('Work ledger of');
    expect(large.shadowRoot!.querySelector('form')).to.equal(null);
    expect(win.__cspViolations).to.deep.equal([]);
  });

  it('records a visit through the form with no violation', async () => {
    const roster = win.__roster!;
    const before = roster.visitCount;
    const date = $<HTMLInputElement>('#date');
    date.value = '2024-09-09';
    date.dispatchEvent(new Event('input', { bubbles: true }));
    $<HTMLInputElement>('#minutes').focus();
    await sendKeys({ type: '120' });
    $<HTMLInputElement>('#households').focus();
    await sendKeys({ type: '4' });
    $<HTMLInputElement>('input[value="risk-assessment"]').focus();
    await sendKeys({ press: 'Space' });
    $<HTMLButtonElement>('button[type="submit"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => roster.visitCount === before + 1, 'the visit added');
    await log.updateComplete;
    expect($('td[data-day="2024-09-09"]').getAttribute('aria-label')).to.match(/走访 [1-9] 次$/);
    expect(win.__cspViolations).to.deep.equal([]);
  });

  it('exports the workbook (the spreadsheet library fetched on the click) with no violation; the bytes read back', async () => {
    const blobs: Blob[] = [];
    const create = win.URL.createObjectURL;
    win.URL.createObjectURL = (obj: Blob | MediaSource) => {
      if (obj instanceof win.Blob) blobs.push(obj);
      return create.call(win.URL, obj);
    };
    const cancel = (e: Event) => {
      if ((e.target as Element).localName === 'a') e.preventDefault();
    };
    log.shadowRoot!.addEventListener('click', cancel, true);
    const fetchedLibrary = () => win.performance.getEntriesByType('resource').some((r) => r.name.includes('/write-excel-file/'));
    expect(fetchedLibrary(), 'the spreadsheet library is not fetched before the click').to.equal(false);
    try {
      $<HTMLButtonElement>('[part="export"]').focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => blobs.length === 1 || text($('[part="actions"] [role="status"]')).startsWith('导出失败'), 'the workbook built', { timeout: 60_000 });
    } finally {
      win.URL.createObjectURL = create;
      log.shadowRoot!.removeEventListener('click', cancel, true);
    }
    expect(fetchedLibrary(), 'the spreadsheet library fetched on the click').to.equal(true);
    expect(text($('[part="actions"] [role="status"]'))).to.match(/^已生成 台账-C\d{6}-.+-2024\.xlsx$/);
    expect(blobs[0]!.type).to.equal(XLSX_TYPE);
    const rows = (await readXlsx(blobs[0]!)).get(LEDGER_SHEET)!;
    const dates = rows.slice(1).flatMap((row) => (row[1] instanceof Date ? [row[1].toISOString().slice(0, 10)] : []));
    expect(dates).to.include('2024-09-09');
    expect(win.__cspViolations).to.deep.equal([]);
  });

  it('prints (a constructed A4 sheet adopted by the document) with no violation', async () => {
    const print = win.print;
    let marked = false;
    win.print = () => {
      marked = log.hasAttribute('data-gualian-printing') && frame.contentDocument!.adoptedStyleSheets.length > 0;
    };
    try {
      log.print();
    } finally {
      win.print = print;
    }
    win.dispatchEvent(new Event('afterprint'));
    expect(marked).to.equal(true);
    expect(log.hasAttribute('data-gualian-printing')).to.equal(false);
    expect(win.__cspViolations).to.deep.equal([]);
  });
});
