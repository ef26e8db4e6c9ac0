import { expect } from 'chai';
import { readVisits } from '../src/io/sheets.js';
import { parseTimestamp } from '../src/io/cells.js';

describe('visits sheets: who recorded a visit, and when', () => {
  it('reads 录入时间 and 录入人 as recordedAt (China time unless an offset is given) and recordedBy', async () => {
    const csv = [
      '编号,干部编号,村代码,日期,时长,入户数,工作内容,录入时间,录入人',
      'V1,C1,530602001001,2024-03-01,90,3,普法送法,2024-12-28 17:00,张三',
      'V2,C1,530602001001,2024-03-02,90,3,普法送法,2024年3月2日 8:05,李四',
      'V3,C1,530602001001,2024-03-03,90,3,普法送法,2024-02-30 17:00,张三',
      'V4,C1,530602001001,2024-03-04,90,3,普法送法,,',
    ].join('\n');
    const r = await readVisits(csv, { source: 'v.csv', mode: 'lenient' });
    expect(r.rows).to.equal(4);
    expect(r.records.map((v) => [v.id, v.recordedAt, v.recordedBy])).to.deep.equal([
      ['V1', '2024-12-28T17:00:00+08:00', '张三'],
      ['V2', '2024-03-02T08:05:00+08:00', '李四'],
      ['V4', undefined, undefined],
    ]);
    expect(r.issues.map((i) => [i.line, i.field, i.value])).to.deep.equal([[4, 'recordedAt', '2024-02-30 17:00']]);
  });

  it('takes ISO timestamps as they are and Excel serials with a time of day; refuses what is not a moment', () => {
    expect(parseTimestamp('2024-03-05T06:30:00Z')).to.equal('2024-03-05T06:30:00Z');
    expect(parseTimestamp(45356.5)).to.equal('2024-03-05T12:00:00+08:00');
    expect(parseTimestamp(new Date(Date.UTC(2024, 2, 5, 9, 15)))).to.equal('2024-03-05T09:15:00+08:00');
    for (const bad of ['2024-03-05 25:00', '2024-03-05 14:30 下午', 'yesterday', {}, null]) expect(parseTimestamp(bad), String(bad)).to.equal(null);
  });
});
