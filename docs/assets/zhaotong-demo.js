// The demo data every widget page starts from: Zhaotong's real 2023 divisions (the site's division
// pack) and, from the core's seeded demo generators, a 2024-style roster with its faults planted
// or a year of dispute cases and 12345 work orders. The generators are a browser build the site
// build writes next to gualian-core.js; a page whose build lacks it is told through `onMissing`,
// and gets null.
import { fromDivisionPack } from './gualian-core.js';

/** Zhaotong's hierarchy and the demo generators, or null (after `onMissing`) without them. */
async function load(onMissing) {
  let generators;
  try {
    generators = await import('./gualian-core-demo.js');
  } catch (error) {
    onMissing(error);
    return null;
  }
  const res = await fetch(new URL('../data/2023/5306.json', import.meta.url));
  if (!res.ok) throw new Error(`5306.json: HTTP ${res.status}`);
  return { zhaotong: fromDivisionPack(await res.json()), generators };
}

/** Zhaotong and its generated roster for `year`, or null when the demo generator is missing. */
export async function zhaotongDemo(year, onMissing) {
  const loaded = await load(onMissing);
  if (!loaded) return null;
  const { zhaotong, generators } = loaded;
  return { zhaotong, demo: generators.generateRoster(zhaotong, { scope: '5306', year, seed: 7, faults: true }) };
}

/**
 * Zhaotong and a generated year of dispute cases and 12345 work orders (seed 7, 8 cases per
 * village), or null when the demo generator is missing. `cases.events` and
 * `cases.workOrderEvents` are in time order, ready for `replayRecord` / `replayWorkOrders` of
 * assets/gualian-core-disputes.js.
 */
export async function zhaotongCases(year, onMissing) {
  const loaded = await load(onMissing);
  if (!loaded) return null;
  const { zhaotong, generators } = loaded;
  return { zhaotong, cases: generators.generateCases(zhaotong, { scope: '5306', year, seed: 7 }) };
}

/** A demo's status line: `say(zh, en)` writes the zh-Hans sentence and its English, as text. */
export function statusLine(element) {
  return (zh, en) => {
    if (!element) return;
    const english = document.createElement('span');
    english.lang = 'en';
    english.textContent = en;
    element.replaceChildren(`${zh} `, english);
  };
}
