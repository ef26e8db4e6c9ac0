/**
 * Real assessment data for the widgets' tests, once per test file: the Zhaotong hierarchy of the
 * 2023 NBS codes, the seeded demo roster with its planted faults (so vetoes fire), the example
 * rubric, the year's facts and every cadre's scores.
 */
import { type Hierarchy } from '@gualian/core';
import { Roster } from '@gualian/core/pairing';
import { computeFacts, EXAMPLE_CADRE_RUBRIC, period, scoreAll, type Reviewer, type Scores } from '@gualian/core/assessment';
import { generateRoster, type GeneratedRoster } from '@gualian/core/demo';
import { edition } from '../../../../../tests/fixtures/data.js';

export interface AssessmentFixture {
  h: Hierarchy;
  generated: GeneratedRoster;
  roster: Roster;
  scores: Scores;
  /** Cadre id → name, from the roster. */
  names: Map<string, string>;
  /** Rows of the scores: a cadre vetoed for nominal pairing (no visit at all), and one not vetoed. */
  rows: { vetoed: number; plain: number };
}

let fixture: Promise<AssessmentFixture> | null = null;

/**
 * The fixture, computed once.
 * @example
 * const { scores, h } = await zhaotongScores();
 */
export function zhaotongScores(): Promise<AssessmentFixture> {
  fixture ??= (async () => {
    const h = (await edition('2023')).subtree('5306');
    const generated = generateRoster(h, { scope: '5306', year: 2024, seed: 7, faults: true });
    const roster = Roster.from(h, generated);
    const facts = computeFacts(roster, period('year', 2024), { rubric: EXAMPLE_CADRE_RUBRIC });
    const scores = scoreAll(EXAMPLE_CADRE_RUBRIC, facts);
    const names = new Map(generated.cadres.map((c) => [c.id, c.name]));
    const vetoedRow = scores.vetoed.indexOf(1);
    const plainRow = scores.vetoed.indexOf(0);
    return { h, generated, roster, scores, names, rows: { vetoed: vetoedRow, plain: plainRow } };
  })();
  return fixture;
}

/** The village, township, county and city reviewers answering for a place. */
export function team(h: Hierarchy, place: string): Record<'village' | 'township' | 'county' | 'city', Reviewer> {
  const township = h.parentOf(place)!.code;
  const county = h.parentOf(township)!.code;
  return {
    village: { id: 'V01', name: '村级审核员', level: 'village', scope: place },
    township: { id: 'T01', name: '乡镇政法委员', level: 'township', scope: township },
    county: { id: 'X01', name: '县委政法委', level: 'county', scope: county },
    city: { id: 'S01', name: '市委政法委', level: 'city', scope: h.parentOf(county)!.code },
  };
}
