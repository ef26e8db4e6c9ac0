// The script-tag bundle's autoloader knows every widget: each folder of packages/elements/src
// with a define.ts is in its table, under the tag that define.ts registers, loading that file.
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const SRC = 'packages/elements/src';

describe('script-tag bundle: the autoloader table', () => {
  it('lists every widget under the tag its define.ts registers', () => {
    const table = readFileSync(`${SRC}/autoload.ts`, 'utf8');
    const entries = [...table.matchAll(/'(gualian-[\w-]+)': \(\) => import\('\.\/([\w-]+)\/define\.js'\)/g)].map((m) => [m[1], m[2]]);
    const widgets = readdirSync(SRC, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(`${SRC}/${d.name}/define.ts`)).map((d) => d.name);
    expect(widgets.length).to.be.greaterThan(8);
    for (const widget of widgets) {
      const define = readFileSync(`${SRC}/${widget}/define.ts`, 'utf8');
      const registered = /customElements\.define\('([\w-]+)'/.exec(define)?.[1];
      expect(registered, `${widget}/define.ts names its tag`).to.be.a('string');
      expect(entries, `autoload.ts loads ${widget}`).to.deep.include([registered, widget]);
    }
    expect(entries.length, 'no entry without a widget').to.equal(widgets.length);
  });
});
