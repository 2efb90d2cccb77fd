/**
 * Splits a JSON array (`[ {...}, {...} ]`) fed in text chunks into the source text of each element, with
 * the line it starts on, so that a file of any size is parsed one element at a time. Only the structure
 * is checked here (brackets, commas, strings); each element's text goes to JSON.parse.
 */
export interface JsonElementText {
  /** 0-based position in the array. */
  index: number;
  /** 1-based line on which the element starts. */
  line: number;
  text: string;
}

/** A structural error: the message and the line it is on. */
export class JsonArraySyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'JsonArraySyntaxError';
  }
}

const enum State {
  Open,
  FirstElement,
  Element,
  InElement,
  AfterArray,
}

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const LF = 10;
const CR = 13;

const indexOrEnd = (text: string, search: string, from: number) => {
  const at = text.indexOf(search, from);
  return at < 0 ? text.length : at;
};

const isSpace = (c: number) => c === 32 || c === 9 || c === LF || c === CR;

export class JsonArraySplitter {
  private state = State.Open;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private pending = '';
  private elementLine = 0;
  private index = 0;
  /** Line at the end of the text pushed so far. */
  line = 1;

  push(text: string): JsonElementText[] {
    const out: JsonElementText[] = [];
    const n = text.length;
    let start = this.state === State.InElement ? 0 : -1;
    let nextQuote = -1;
    let nextBackslash = -1;
    let p = 0;
    while (p < n) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          p++;
          continue;
        }
        if (nextQuote < p) nextQuote = indexOrEnd(text, '"', p);
        if (nextBackslash < p) nextBackslash = indexOrEnd(text, '\\', p);
        const stop = Math.min(nextQuote, nextBackslash);
        if (stop >= n) {
          p = n;
          break;
        }
        if (text.charCodeAt(stop) === BACKSLASH) this.escaped = true;
        else this.inString = false;
        p = stop + 1;
        continue;
      }
      const c = text.charCodeAt(p);
      if (c === LF || (c === CR && text.charCodeAt(p + 1) !== LF)) this.line++;
      if (isSpace(c)) {
        p++;
        continue;
      }
      switch (this.state) {
        case State.Open:
          if (c === 0xfeff && this.line === 1) break;
          if (c !== OPEN_BRACKET) throw new JsonArraySyntaxError('expected "[" to open the array', this.line);
          this.state = State.FirstElement;
          break;
        case State.FirstElement:
        case State.Element:
          if (c === CLOSE_BRACKET && this.state === State.FirstElement) {
            this.state = State.AfterArray;
            break;
          }
          if (c === COMMA || c === CLOSE_BRACKET) throw new JsonArraySyntaxError(`expected an array element, got "${text[p]}"`, this.line);
          this.state = State.InElement;
          this.elementLine = this.line;
          start = p;
          p = this.scanValue(text, p, c);
          continue;
        case State.InElement:
          if (this.depth === 0 && (c === COMMA || c === CLOSE_BRACKET)) {
            out.push({ index: this.index++, line: this.elementLine, text: this.pending + text.slice(start, p) });
            this.pending = '';
            start = -1;
            this.state = c === COMMA ? State.Element : State.AfterArray;
            break;
          }
          p = this.scanValue(text, p, c);
          continue;
        case State.AfterArray:
          throw new JsonArraySyntaxError('unexpected text after the closing "]"', this.line);
      }
      p++;
    }
    if (this.state === State.InElement && start >= 0) this.pending += text.slice(start);
    return out;
  }

  /** Call once at the end: throws when the array was not closed. */
  end(): void {
    if (this.state === State.AfterArray) return;
    if (this.state === State.Open) throw new JsonArraySyntaxError('expected a JSON array', this.line);
    const line = this.state === State.InElement ? this.elementLine : this.line;
    throw new JsonArraySyntaxError('the array is not closed with "]" (the file ends early)', line);
  }

  /** Consume one structural character of an element value; returns the next position. */
  private scanValue(text: string, p: number, c: number): number {
    if (c === QUOTE) this.inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (this.depth === 0) throw new JsonArraySyntaxError(`unexpected "${text[p]}"`, this.line);
      this.depth--;
    }
    return p + 1;
  }
}
