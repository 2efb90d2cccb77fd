/**
 * Small validators for parsed JSON. A `Shape<T>` checks that a value has type T and returns it unchanged
 * (same object, same key order), so a document read back renders exactly as the one written. Shapes of an
 * interface must name every key of it (`objectOf`), so a field added to a type cannot go unchecked.
 * A mismatch throws `ShapeMismatch` with the path of the field, e.g. `classifiers[2].clusters[5].fpr`.
 */

/** Checks `value` and returns it typed, or throws `ShapeMismatch`. */
export type Shape<T> = (value: unknown) => T;

/** A checker for every key of T. */
export type FieldShapes<T> = { [K in keyof T]-?: Shape<T[K]> };

export class ShapeMismatch extends Error {
  constructor(
    readonly expected: string,
    readonly got: unknown,
    /** Keys and indices from the document's root to the field. */
    readonly path: (string | number)[] = [],
  ) {
    super(`expected ${expected}, ${describeGot(got)}`);
  }

  /** The path as written in messages: `classifiers[2].clusters[5].fpr`. */
  get field(): string {
    return this.path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
  }
}

function describeGot(value: unknown): string {
  if (value === undefined) return 'but it is missing';
  if (Array.isArray(value)) return 'got a list';
  if (value !== null && typeof value === 'object') return 'got an object';
  const text = JSON.stringify(value);
  return `got ${text.length > 40 ? `${text.slice(0, 37)}...` : text}`;
}

/** Run `check` on a part of a larger value; a mismatch inside gets `key` put in front of its path. */
function at<T>(key: string | number, check: Shape<T>, value: unknown): T {
  try {
    return check(value);
  } catch (err) {
    if (err instanceof ShapeMismatch) err.path.unshift(key);
    throw err;
  }
}

const primitive = <T>(expected: string, test: (value: unknown) => boolean): Shape<T> => (value) => {
  if (!test(value)) throw new ShapeMismatch(expected, value);
  return value as T;
};

export const aNumber: Shape<number> = primitive('a number', (v) => typeof v === 'number' && Number.isFinite(v));
export const aWholeNumber: Shape<number> = primitive('a whole number', (v) => Number.isInteger(v) && (v as number) >= 0);
export const aString: Shape<string> = primitive('a string', (v) => typeof v === 'string');
export const aBoolean: Shape<boolean> = primitive('true or false', (v) => typeof v === 'boolean');

/** Exactly one of `values` (a literal or a string union). */
export function oneOf<const V extends readonly (string | number | boolean | null)[]>(values: V): Shape<V[number]> {
  const expected = values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  return primitive(expected, (v) => values.includes(v as V[number]));
}

/** `check`, or null. */
export function orNull<T>(check: Shape<T>): Shape<T | null> {
  return (value) => {
    if (value === null) return null;
    try {
      return check(value);
    } catch (err) {
      if (err instanceof ShapeMismatch && err.path.length === 0) throw new ShapeMismatch(`${err.expected} or null`, value);
      throw err;
    }
  };
}

/** A list whose every item passes `item`. */
export function listOf<T>(item: Shape<T>): Shape<T[]> {
  return (value) => {
    if (!Array.isArray(value)) throw new ShapeMismatch('a list', value);
    for (let i = 0; i < value.length; i++) at(i, item, value[i]);
    return value as T[];
  };
}

/** A list of exactly two items, e.g. an interval [low, high]. */
export function pairOf<T>(item: Shape<T>): Shape<[T, T]> {
  return (value) => {
    if (!Array.isArray(value) || value.length !== 2) throw new ShapeMismatch('a pair [low, high]', value);
    at(0, item, value[0]);
    at(1, item, value[1]);
    return value as [T, T];
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object with a string key → `item` for each entry. */
export function recordOf<T>(item: Shape<T>): Shape<Record<string, T>> {
  return (value) => {
    if (!isPlainObject(value)) throw new ShapeMismatch('an object', value);
    for (const [key, v] of Object.entries(value)) at(key, item, v);
    return value as Record<string, T>;
  };
}

/**
 * An object whose fields pass their checkers (other keys are allowed and kept).
 * @example
 * const interval = objectOf<{ low: number; high: number }>({ low: aNumber, high: aNumber });
 * interval({ low: 0, high: 'x' }); // throws ShapeMismatch: field "high", expected a number, got "x"
 */
export function objectOf<T>(fields: FieldShapes<T>): Shape<T> {
  const entries = Object.entries(fields) as [string, Shape<unknown>][];
  return (value) => {
    if (!isPlainObject(value)) throw new ShapeMismatch('an object', value);
    for (const [key, check] of entries) at(key, check, value[key]);
    return value as T;
  };
}

/**
 * `check`, or no such key at all: for a field written only in some runs (and absent from files older than it).
 * @example objectOf<{ a?: number }>({ a: orAbsent(aNumber) })({}); // {}
 */
export function orAbsent<T>(check: Shape<T>): Shape<T | undefined> {
  return (value) => (value === undefined ? undefined : check(value));
}
