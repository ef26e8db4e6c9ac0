// The peer: a bare @lit-labs/virtualizer flat list of every division's name.
import { html, render } from 'lit';
import '@lit-labs/virtualizer';
import { frames, loadCountry, report } from './common.ts';

report(async () => {
  const hierarchy = await loadCountry();
  const names: string[] = new Array(hierarchy.size);
  for (let i = 0; i < hierarchy.size; i++) names[i] = hierarchy.nameAt(i);
  await frames();
  const t0 = performance.now();
  const host = document.createElement('div');
  host.className = 'list';
  document.body.append(host);
  render(html`<lit-virtualizer scroller .items=${names} .renderItem=${(n: string) => html`<div class="row">${n}</div>`}></lit-virtualizer>`, host);
  const v = host.querySelector('lit-virtualizer') as HTMLElement & { layoutComplete?: Promise<void> };
  await v.layoutComplete;
  await frames();
  const firstPaint = performance.now() - t0;
  return { firstPaint, renderedRows: host.querySelectorAll('.row').length, divisions: names.length };
});
