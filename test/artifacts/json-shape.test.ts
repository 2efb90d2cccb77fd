/** The JSON shape checkers: values pass through unchanged; a mismatch names the path and what was expected. */
import { describe, expect, it } from 'vitest';
import { aNumber, aString, aWholeNumber, listOf, objectOf, oneOf, orNull, pairOf, recordOf, ShapeMismatch, type Shape } from '../../src/artifacts/json-shape.js';

function mismatch(check: Shape<unknown>, value: unknown): { field: string; message: string } {
  try {
    check(value);
  } catch (err) {
    if (err instanceof ShapeMismatch) return { field: err.field, message: err.message };
    throw err;
  }
  throw new Error('no mismatch');
}

interface Cluster {
  id: string;
  rate: number | null;
  ci: [number, number] | null;
  kind: 'leaf' | 'parent';
}
const cluster = objectOf<Cluster>({ id: aString, rate: orNull(aNumber), ci: orNull(pairOf(aNumber)), kind: oneOf(['leaf', 'parent']) });
const doc = objectOf<{ clusters: Cluster[]; counts: Record<string, number> }>({ clusters: listOf(cluster), counts: recordOf(aWholeNumber) });

describe('json shapes', () => {
  it('returns the very value it checked, extra keys and key order included', () => {
    const value = { counts: { b: 1, a: 2 }, extra: true, clusters: [{ kind: 'leaf', id: 'L0-000', rate: null, ci: [0, 1] }] };
    expect(doc(value)).toBe(value);
    expect(Object.keys(doc(value))).toEqual(['counts', 'extra', 'clusters']);
  });

  it('names the path of a mismatch and what it expected', () => {
    const base = { id: 'L0-000', rate: 0.5, ci: null, kind: 'leaf' };
    expect(mismatch(doc, { counts: {}, clusters: [base, { ...base, rate: 'abc' }] })).toEqual({
      field: 'clusters[1].rate',
      message: 'expected a number or null, got "abc"',
    });
    expect(mismatch(doc, { counts: { x: 1.5 }, clusters: [] })).toEqual({ field: 'counts.x', message: 'expected a whole number, got 1.5' });
    expect(mismatch(doc, { counts: {}, clusters: [{ ...base, ci: [0, 'x'] }] }).field).toBe('clusters[0].ci[1]');
    expect(mismatch(doc, { counts: {}, clusters: [{ ...base, kind: 'root' }] }).message).toBe('expected one of "leaf", "parent", got "root"');
    expect(mismatch(doc, { clusters: [] })).toEqual({ field: 'counts', message: 'expected an object, but it is missing' });
    expect(mismatch(doc, [])).toEqual({ field: '', message: 'expected an object, got a list' });
    expect(mismatch(aNumber, 'x'.repeat(100)).message).toBe(`expected a number, got "${'x'.repeat(36)}...`);
  });
});
