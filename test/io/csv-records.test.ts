/** The CSV tokenizer behind every CSV reader (src/io/csv-records.ts), with csv-parse as the oracle. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { CsvSyntaxError, CsvTokenizer, type CsvRecord } from '../../src/io/csv-records.js';

function tokenize(text: string, cuts: number[] = []): CsvRecord[] {
  const tokenizer = new CsvTokenizer();
  const out: CsvRecord[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    out.push(...tokenizer.push(text.slice(from, cut)));
    from = cut;
  }
  out.push(...tokenizer.push(text.slice(from)), ...tokenizer.end());
  return out;
}

const fields = (records: CsvRecord[]) => records.map((r) => r.fields);

describe('CsvTokenizer', () => {
  it('reads plain, quoted and escaped fields, CRLF, a BOM, and skips empty lines', () => {
    const text = '\ufeffid,text\r\nc1,hello\n\nc2,"a, ""quoted"" one"\r\nc3,"two\nlines"\nc4,\n';
    const records = tokenize(text);
    expect(fields(records)).toEqual([['id', 'text'], ['c1', 'hello'], ['c2', 'a, "quoted" one'], ['c3', 'two\nlines'], ['c4', '']]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4, 5, 7]);
  });

  it('reads a last record without a final newline', () => {
    expect(fields(tokenize('a,b\n1,2'))).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('gives the same records wherever the input is cut into chunks', () => {
    const text = 'id,text\nc1,"x, ""y""\r\nz"\r\nc2,plain\n\nc3,""""\n';
    const whole = tokenize(text);
    expect(fields(whole)).toEqual([['id', 'text'], ['c1', 'x, "y"\r\nz'], ['c2', 'plain'], ['c3', '"']]);
    for (let i = 0; i <= text.length; i++) for (let j = i; j <= text.length; j += 3) expect(tokenize(text, [i, j])).toEqual(whole);
  });

  it('rejects malformed quoting with the line of the problem', () => {
    const failure = (text: string) => {
      try {
        tokenize(text);
      } catch (err) {
        return err instanceof CsvSyntaxError ? { message: err.message, line: err.line, field: err.fieldIndex } : err;
      }
      return null;
    };
    expect(failure('a,b\n1,x"y\n')).toEqual({ message: 'quote inside an unquoted field', line: 2, field: 1 });
    expect(failure('a,b\n"1"x,2\n')).toEqual({ message: 'unexpected text after a closing quote', line: 2, field: 0 });
    expect(failure('a,b\n1,"open\n')).toEqual({ message: 'quote not closed', line: 2, field: 1 });
  });

  it('agrees with csv-parse on arbitrary well-formed files', () => {
    const field = fc.string({ maxLength: 12, unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r', 'é', '😀') });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }), fc.boolean(), (rows, crlf) => {
        const quote = (f: string) => (/[",\r\n]/.test(f) || f === '' ? `"${f.replaceAll('"', '""')}"` : f);
        const text = rows.map((r) => r.map(quote).join(',')).join(crlf ? '\r\n' : '\n');
        const expected = parse(text, { bom: true, relax_quotes: false, skip_empty_lines: true }) as string[][];
        expect(fields(tokenize(text, [Math.floor(text.length / 2)]))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
