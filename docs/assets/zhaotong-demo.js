// The demo data every widget page starts from: Zhaotong's real 2023 divisions (the site's division
// pack) and a 2024-style roster from the core's seeded demo generator, with its faults planted.
// The generator is a browser build the site build writes next to gualian-core.js; a page whose
// build lacks it is told through `onMissing`, and gets null.
import { fromDivisionPack } from './gualian-core.js';

/** Zhaotong and its generated roster for `year`, or null when the demo generator is missing. */
export async function zhaotongDemo(year, onMissing) {
  let generateRoster;
  try {
    ({ generateRoster } = await import('./gualian-core-demo.js'));
  } catch (error) {
    onMissing(error);
    return null;
  }
  const res = await fetch(new URL('../data/2023/5306.json', import.meta.url));
  if (!res.ok) throw new Error(`5306.json: HTTP ${res.status}`);
  const zhaotong = fromDivisionPack(await res.json());
  return { zhaotong, demo: generateRoster(zhaotong, { scope: '5306', year, seed: 7, faults: true }) };
}
