import { expect } from 'chai';
import { createDivisionStore, toDivisionPack } from '../src/index.js';
import { edition } from '../../../tests/fixtures/data.js';

describe('division store: lazy loading by province', function () {
  this.timeout(180_000);

  /** Packs made from the real data, as scripts/build-data.ts writes them, served from memory. */
  async function servePacks() {
    const h = await edition('2023');
    const provinces = h.roots().map((p) => p.code);
    const files = new Map<string, unknown>();
    files.set('https://portal.example/data/index.json', toDivisionPack(h, { maxLevel: 'county', chunks: Object.fromEntries(provinces.map((p) => [p, `${p}.json`])) }));
    for (const p of provinces) files.set(`https://portal.example/data/${p}.json`, toDivisionPack(h, { scope: p }));
    const requested: string[] = [];
    const fetch = async (url: string) => {
      requested.push(url);
      const body = files.get(url);
      return { ok: body !== undefined, status: body === undefined ? 404 : 200, json: async () => JSON.parse(JSON.stringify(body)) };
    };
    return { h, fetch, requested };
  }

  it('loads the top levels first and a province’s villages only when asked', async () => {
    const { fetch, requested } = await servePacks();
    const store = createDivisionStore('https://portal.example/data/index.json', { fetch });
    const changes: number[] = [];
    store.subscribe(() => changes.push(store.snapshot().hierarchy?.size ?? 0));
    await store.ensure('11');
    expect(requested).to.deep.equal(['https://portal.example/data/index.json', 'https://portal.example/data/11.json']);
    let h = store.snapshot().hierarchy!;
    expect(h.countsByLevel().county).to.equal(2978);
    expect(h.has('530627')).to.equal(true);
    expect(h.countsByLevel('5306').village).to.equal(0);
    expect(store.snapshot().pending.has('53')).to.equal(true);
    await store.ensure('530627');
    h = store.snapshot().hierarchy!;
    expect(h.countsByLevel('5306')).to.include({ county: 11, township: 150, village: 1402 });
    expect(store.snapshot().pending.has('53')).to.equal(false);
    expect(changes.length).to.be.greaterThan(2);
  });

  it('loads every province at once for a national search, equal to the whole data', async () => {
    const { h, fetch } = await servePacks();
    const store = createDivisionStore('https://portal.example/data/index.json', { fetch });
    await store.ensureAll();
    const all = store.snapshot().hierarchy!;
    expect(all.size).to.equal(h.size);
    expect(all.countsByLevel()).to.deep.equal(h.countsByLevel());
    expect(all.search('北闸社区').map((d) => d.code)).to.deep.equal(h.search('北闸社区').map((d) => d.code));
  });

  it('reports a failed fetch as an error, not a crash', async () => {
    const store = createDivisionStore('https://portal.example/missing.json', { fetch: async () => ({ ok: false, status: 404, json: async () => null }) });
    await store.ensure('53');
    expect(store.snapshot().error?.message).to.contain('HTTP 404');
    expect(store.snapshot().hierarchy).to.equal(null);
  });
});
