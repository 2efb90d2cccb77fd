/** The value grammars of input cells (src/io/input-values.ts): strict decimal scores, flags and labels. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MisfireError } from '../../src/errors.js';
import { parseBooleanCell, parseDecimal, parseScoreCell } from '../../src/io/input-values.js';

const where = { file: 'v.csv', line: 3, field: 'score' };
const failure = (run: () => unknown): string => {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(MisfireError);
    return (err as MisfireError).message;
  }
  return 'no error';
};

describe('scores: a strict decimal grammar', () => {
  it('accepts plain decimals with a sign, a leading dot or an exponent', () => {
    const cases: [string, number][] = [['1', 1], ['-0.5', -0.5], ['.5', 0.5], ['1e-3', 0.001], ['+2', 2], ['0.91', 0.91], ['1.', 1], ['3E2', 300], [' 0.25 ', 0.25]];
    for (const [raw, value] of cases) expect(parseScoreCell(raw, where), raw).toBe(value);
  });

  it('rejects what Number() would take but a score file never means, naming the cell', () => {
    for (const raw of ['0x10', '0b1', '0o7', 'Infinity', '-Infinity', 'NaN', '1_000', ' ', '1e', 'e3', '.', '1e999', '1,5', '--1', '0.5.1', 'high']) {
      expect(failure(() => parseScoreCell(raw, where)), raw).toBe(`v.csv:3, field "score": expected a number, got ${JSON.stringify(raw)}`);
    }
  });

  it('reads an empty cell as no score', () => {
    expect(parseScoreCell('', where)).toBeNull();
    expect(parseScoreCell(undefined, where)).toBeNull();
  });

  it('agrees with Number() on every finite double written the way JavaScript writes it', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => parseDecimal(String(x)) === x));
  });
});

describe('flags and labels: 1/0, 1.0/0.0, true/false, yes/no in any case', () => {
  it('accepts what pandas, spreadsheets and people write', () => {
    for (const raw of ['1', '1.0', '1.00', 'true', 'TRUE', 'True', 'yes', 'YES', ' yes ']) expect(parseBooleanCell(raw, where), raw).toBe(true);
    for (const raw of ['0', '0.0', '-0', 'false', 'FALSE', 'False', 'no', 'No']) expect(parseBooleanCell(raw, where), raw).toBe(false);
  });

  it('reads an empty cell as unknown and rejects anything else, a cell of spaces included', () => {
    expect(parseBooleanCell('', where)).toBeNull();
    for (const raw of ['2', '0.5', 'maybe', 'y', 't', ' ', '0x1', 'nan']) {
      expect(failure(() => parseBooleanCell(raw, { ...where, field: 'flagged' })), raw).toBe(
        `v.csv:3, field "flagged": expected 0/1, true/false or yes/no, got ${JSON.stringify(raw)}`,
      );
    }
  });
});
