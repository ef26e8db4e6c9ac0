import { expect } from '@open-wc/testing';
import { checkDraft, emptyDraft, newVisitId } from './entry.js';

const context = { id: 'C000001-20240305-00000000', cadreId: 'C000001', year: 2024 };
const good = { ...emptyDraft('530627102201'), date: '2024-03-05', minutes: '90', households: '0', activities: ['law-class' as const], notes: '  走访了 3 户  ' };

describe('visit-log form check', () => {
  it('turns a good draft into a visit: numbers parsed, notes trimmed', () => {
    const result = checkDraft(good, context);
    expect(result).to.deep.equal({
      ok: true,
      visit: { id: context.id, cadreId: 'C000001', villageCode: '530627102201', date: '2024-03-05', minutes: 90, households: 0, activities: ['law-class'], notes: '走访了 3 户' },
    });
    const blank = checkDraft({ ...good, notes: '   ' }, context);
    expect(blank.ok && 'notes' in blank.visit).to.equal(false);
  });

  it('puts each problem on its field: empty numbers are missing (not 0), fractions, bounds, dates, village, activities', () => {
    const result = checkDraft({ villageCode: '', date: '2024-02-30', minutes: '1441', households: '', activities: [], notes: '' }, context);
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.errors).to.deep.equal({
      villageCode: { key: 'ui.visitLog.error.village' },
      date: { key: 'ui.visitLog.error.date' },
      minutes: { key: 'ui.visitLog.error.minutesMax', values: { max: 1440 } },
      households: { key: 'ui.visitLog.error.wholeNumber' },
      activities: { key: 'ui.visitLog.error.activities' },
    });
    const fractions = checkDraft({ ...good, minutes: '1.5', households: '-1' }, context);
    expect(fractions.ok ? null : fractions.errors).to.deep.equal({ minutes: { key: 'ui.visitLog.error.wholeNumber' }, households: { key: 'ui.visitLog.error.negative' } });
    const otherYear = checkDraft({ ...good, date: '2025-01-01' }, context);
    expect(otherYear.ok ? null : otherYear.errors).to.deep.equal({ date: { key: 'ui.visitLog.error.dateYear', values: { year: 2024 } } });
  });

  it('makes ids the roster does not have yet', () => {
    const taken = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const id = newVisitId('C000001', '2024-03-05', (x) => taken.has(x));
      expect(id).to.match(/^C000001-20240305-[0-9a-f]{8}$/);
      expect(taken.has(id)).to.equal(false);
      taken.add(id);
    }
  });
});
