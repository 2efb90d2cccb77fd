/** A JSON array read one element at a time (src/io/json-array-splitter.ts), wherever the chunks are cut. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JsonArraySplitter, JsonArraySyntaxError, type JsonElementText } from '../../src/io/json-array-splitter.js';

function split(text: string, cuts: number[] = []): JsonElementText[] {
  const splitter = new JsonArraySplitter();
  const out: JsonElementText[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    out.push(...splitter.push(text.slice(from, cut)));
    from = cut;
  }
  out.push(...splitter.push(text.slice(from)));
  splitter.end();
  return out;
}

const failure = (text: string) => {
  try {
    split(text);
  } catch (err) {
    return err instanceof JsonArraySyntaxError ? `${err.line}: ${err.message}` : String(err);
  }
  return 'no error';
};

describe('JsonArraySplitter', () => {
  it('gives each element its text and the line it starts on', () => {
    const text = '\ufeff[\n  {"id": "a", "t": "x, ] } \\" \\\\"},\n  {"id": "b",\n   "n": [1, {"c": 2}]},\n  3, "s", null\n]\n';
    const elements = split(text);
    expect(elements.map((e) => JSON.parse(e.text))).toEqual([{ id: 'a', t: 'x, ] } " \\' }, { id: 'b', n: [1, { c: 2 }] }, 3, 's', null]);
    expect(elements.map((e) => [e.index, e.line])).toEqual([[0, 2], [1, 3], [2, 5], [3, 5], [4, 5]]);
  });

  it('reads an empty array as no elements', () => {
    expect(split(' [ ] ')).toEqual([]);
  });

  it('gives the same elements wherever the text is cut', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 4 }), fc.boolean(), (values, cuts, pretty) => {
        const text = JSON.stringify(values, null, pretty ? 2 : 0);
        const whole = split(text);
        expect(whole.map((e) => JSON.parse(e.text))).toEqual(JSON.parse(text));
        expect(split(text, cuts.map((c) => c % (text.length + 1)))).toEqual(whole);
      }),
    );
  });

  it('names the line of a structural error', () => {
    expect(failure('{"id": 1}')).toBe('1: expected "[" to open the array');
    expect(failure('[\n{"a": 1},\n{"b": 2}\n')).toBe('3: the array is not closed with "]" (the file ends early)');
    expect(failure('[{"a": 1}]\n\n{"b": 2}')).toBe('3: unexpected text after the closing "]"');
    expect(failure('[{"a": 1},\n]')).toBe('2: expected an array element, got "]"');
    expect(failure('[\n1}]')).toBe('2: unexpected "}"');
  });
});
