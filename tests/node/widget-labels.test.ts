// Each widget carries its own labels (<widget>/messages.<lang>.ts, registered by the widget's
// module) and a page loads only the widgets it shows: so every `ui.*` key a widget's code can
// reach must be a shared label or one of a widget whose module that code also loads. Read from
// the sources: the static, non-type imports of each widget's define.ts, followed transitively.
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const SRC = 'packages/elements/src';
const keysIn = (file: string) => new Set([...readFileSync(file, 'utf8').matchAll(/^ {2}'(ui\.[^']+)':/gm)].map((m) => m[1]!));

/** The modules `entry` loads up front: its static imports of this package's sources, transitively. */
function graph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^import (?!type )(?:[^'";]*? from )?'(\.[^']+)';/gm)) visit(normalize(join(dirname(file), m[1]!.replace(/\.js$/, '.ts'))));
  };
  visit(entry);
  return seen;
}

describe('widget labels: every key a widget can show is loaded with it', () => {
  it('finds each ui.* key a widget’s modules use among the shared labels or those of a widget they load', () => {
    const shared = keysIn(`${SRC}/i18n/ui.zh-Hans.ts`);
    const widgets = readdirSync(SRC).filter((d) => existsSync(`${SRC}/${d}/define.ts`));
    expect(widgets.length).to.be.greaterThan(10);
    const problems: string[] = [];
    for (const widget of widgets) {
      const modules = graph(`${SRC}/${widget}/define.ts`);
      // Labels registered by a widget module in the graph (its messages.zh-Hans.ts, imported there).
      const loaded = new Set(shared);
      for (const m of modules) if (m.endsWith('/messages.zh-Hans.ts')) for (const k of keysIn(m)) loaded.add(k);
      for (const m of modules) {
        for (const [, key] of readFileSync(m, 'utf8').matchAll(/'(ui\.[A-Za-z0-9_.]+)'/g)) if (!loaded.has(key!)) problems.push(`${widget}: ${m} uses ${key}`);
      }
    }
    expect(problems).to.deep.equal([]);
  });
});
