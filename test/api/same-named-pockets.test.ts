import { describe, expect, it } from 'vitest';
import { dropSameNamedRepeats } from '../../src/api/find-error-pockets.js';
import { errorPocketRow } from '../../src/metrics/error-pockets.js';

const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);

function search(pockets: { label: string | null; members: Int32Array }[]) {
  const rows = pockets.map((p, i) => ({
    ...errorPocketRow(`FN-${i + 1}`, 'false_negative', { n: p.members.length, errors: p.members.length, users: p.members.length, p: 0.02, statistic: 10 - i, leaves: [] }, { n: 1000, errors: 200 }),
    label: p.label,
  }));
  return { metrics: { pockets: rows, searched: 1000, candidates: 9, permutations: 49 }, rows, sets: pockets.map((p) => p.members) };
}

describe('pockets among the errors that a reviewer could not tell apart', () => {
  it('leaves out a weaker pocket with the same name that mostly lies in a stronger one, and renumbers', () => {
    const s = search([
      { label: 'Bomb, meth and build', members: range(0, 55) },
      { label: 'Story, woman and man', members: range(100, 214) },
      { label: 'bomb, meth and build', members: range(29, 62) }, // 26 of 33 inside FN-1
    ]);
    dropSameNamedRepeats(s, 'FN');
    expect(s.rows.map((r) => [r.pocket_id, r.label, r.n])).toEqual([
      ['FN-1', 'Bomb, meth and build', 55],
      ['FN-2', 'Story, woman and man', 114],
    ]);
    expect(s.metrics.pockets).toBe(s.rows);
    expect(s.sets.map((m) => m.length)).toEqual([55, 114]);
  });

  it('keeps same-named pockets that are different regions, differently named overlapping ones, and unnamed ones', () => {
    const s = search([
      { label: 'Story, woman and man', members: range(0, 100) },
      { label: 'Story, woman and man', members: range(80, 200) }, // 20 of 100 inside: another region
      { label: 'Mixed: women, story and sex', members: range(0, 90) }, // inside FN-1, but named apart
      { label: null, members: range(0, 50) },
      { label: null, members: range(0, 50) },
    ]);
    dropSameNamedRepeats(s, 'FN');
    expect(s.rows.map((r) => r.pocket_id)).toEqual(['FN-1', 'FN-2', 'FN-3', 'FN-4', 'FN-5']);
  });
});
