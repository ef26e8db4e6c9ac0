import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every source file of the core below `dir`, the command line (which runs only in Node) aside. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'cli' ? [] : sources(p);
    return d.name.endsWith('.ts') ? [p] : [];
  });
}

describe('the core loads in browsers unchanged', () => {
  it('imports no node: module outside the command line (SHA-256 comes from the running Node at run time)', () => {
    const files = sources(join(process.cwd(), 'packages/core/src'));
    expect(files.length).to.be.greaterThan(50);
    const offenders = files.filter((f) => {
      // Comments (TSDoc examples) may show Node code; only statements count.
      const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      return /from\s+['"]node:|import\(\s*['"]node:|require\(\s*['"]node:/.test(code);
    });
    expect(offenders.map((f) => relative(process.cwd(), f))).to.deep.equal([]);
  });
});
