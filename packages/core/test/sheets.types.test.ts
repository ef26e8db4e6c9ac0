/**
 * Type tests of `@gualian/core/sheets`: the record type follows the sheet asked for, and wrong
 * calls do not compile (`npx tsc` checks the `@ts-expect-error` lines; the test run checks the
 * values).
 */
import { expect } from 'chai';
import type { Cadre, Visit } from '../src/pairing/schema.js';
import { readSheet, readVisits, type SheetResult } from '../src/io/sheets.js';

describe('@gualian/core/sheets: types', () => {
  it('gives the record type of the sheet asked for', async () => {
    const visits: SheetResult<Visit> = await readVisits('干部编号,村代码,日期,时长,入户数,工作内容\nC1,530621100201,2024-03-01,90,3,\n');
    const minutes: number = visits.records[0]!.minutes;
    expect(minutes).to.equal(90);
    const cadres = await readSheet('cadres', '工号,姓名,单位,职级\nC1,张三,县法院,处级\n');
    const cadre: Cadre = cadres.records[0]!;
    expect(cadre.rank).to.equal('divisional');
    // @ts-expect-error a cadre has no minutes
    expect(cadres.records[0]!.minutes).to.equal(undefined);
    // @ts-expect-error there is no such sheet (and from plain JavaScript, a typed error)
    expect(await readSheet('households', '').catch((e: unknown) => (e as { code?: string }).code)).to.equal('value.enum');
    // @ts-expect-error modes are strict and lenient
    expect(await readVisits('', { mode: 'loose' }).catch((e: unknown) => (e as { code?: string }).code)).to.equal('value.enum');
    // @ts-expect-error encodings are named, not guessed
    await readVisits('', { encoding: 'latin1' }).catch(() => undefined);
  });
});
