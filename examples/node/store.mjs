// The division store the widgets use, driven from Node: it loads the national index (provinces
// to counties) and fetches a province's chunk only when asked. In a browser `fetch` is the
// global one and the URL is relative to the page; here it reads the files `npm run build` wrote.
//   node examples/node/store.mjs
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createDivisionStore } from '@gualian/core';

const fetchFile = async (url) => {
  const text = await readFile(fileURLToPath(url), 'utf8');
  return { ok: true, status: 200, json: async () => JSON.parse(text) };
};
const store = createDivisionStore(pathToFileURL('site/data/2023/index.json'), { fetch: fetchFile });
store.subscribe(() => {
  const { hierarchy, loading } = store.snapshot();
  console.log(`store: ${hierarchy?.size ?? 0} divisions, loading [${[...loading].join(',')}]`);
});

await store.ensure('5306'); // Yunnan's chunk (53.json) holds 5306's townships and villages
const { hierarchy, pending } = store.snapshot();
console.log(hierarchy.countsByLevel('5306').village); // 1402
console.log(pending.has('53'), pending.size); // false 30: the other provinces are not fetched
