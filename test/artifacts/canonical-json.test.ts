import { describe, expect, it } from 'vitest';
import { csvLine, toJson } from '../../src/artifacts/canonical-json.js';

describe('toJson', () => {
  it('round-trips through JSON.parse, with null for non-finite numbers and arrays for typed arrays', () => {
    const value = { a: 1, b: [1, 2.5, null], c: { d: 'x"y', e: [] }, f: NaN, g: new Int32Array([3, 4]), h: [{ i: Infinity }], u: undefined };
    expect(JSON.parse(toJson(value))).toEqual({ a: 1, b: [1, 2.5, null], c: { d: 'x"y', e: [] }, f: null, g: [3, 4], h: [{ i: null }] });
  });

  it('keeps arrays of primitives on one line and ends with a newline', () => {
    expect(toJson({ ci: [0.1, 0.2], rows: [{ n: 1 }] })).toBe('{\n  "ci": [0.1, 0.2],\n  "rows": [\n    {\n      "n": 1\n    }\n  ]\n}\n');
  });
});

describe('csvLine', () => {
  it('quotes cells with commas, quotes and newlines (RFC 4180)', () => {
    expect(csvLine(['a,b', 'say "hi"', 'plain', null, 3])).toBe('"a,b","say ""hi""",plain,,3\n');
  });
});
