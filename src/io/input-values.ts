/** Parsing of the small value grammars input files use (booleans, scores, ids). */
import { inputError, type ErrorLocation } from '../errors.js';
import { jsonPreview } from '../json-text.js';

/**
 * A plain decimal number: optional sign, digits with an optional fraction (or a fraction alone), an
 * optional exponent. No hex, binary or octal prefixes, no `_` separators, no `Infinity` or `NaN`.
 */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const TRUE_WORDS = new Set(['true', 'yes']);
const FALSE_WORDS = new Set(['false', 'no']);

/**
 * Parse a decimal number written as text, or return null when it is not one (surrounding spaces are allowed).
 * @example parseDecimal('1e-3') // 0.001
 * @example parseDecimal('0x10') // null
 */
export function parseDecimal(raw: string): number | null {
  const value = raw.trim();
  if (!DECIMAL.test(value)) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/**
 * Parse a flag or label cell: 1/0 (also written 1.0/0.0), true/false or yes/no in any case. An empty cell is
 * null (the caller decides whether that is allowed); a cell of only spaces is an error, like any other value.
 * @example parseBooleanCell('TRUE', where) // true
 * @example parseBooleanCell('0.0', where) // false
 */
export function parseBooleanCell(raw: string | undefined, where: ErrorLocation): boolean | null {
  if (raw === undefined || raw === '') return null;
  if (raw === '1') return true;
  if (raw === '0') return false;
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  const number = parseDecimal(word);
  if (number === 1) return true;
  if (number === 0) return false;
  throw inputError(`expected 0/1, true/false or yes/no, got ${JSON.stringify(truncate(raw))}`, where);
}

/**
 * Parse a score cell by the strict decimal grammar of `parseDecimal`. An empty cell is null (no score);
 * anything else that is not a finite decimal number is an error.
 * @example parseScoreCell('.5', where) // 0.5
 * @example parseScoreCell('Infinity', where) // throws 'expected a number, got "Infinity"'
 */
export function parseScoreCell(raw: string | undefined, where: ErrorLocation): number | null {
  if (raw === undefined || raw === '') return null;
  const number = parseDecimal(raw);
  if (number === null) throw inputError(`expected a number, got ${JSON.stringify(truncate(raw))}`, where);
  return number;
}

/** An id is a non-empty string or a finite number (numbers are kept in their decimal spelling). */
export function parseId(raw: unknown, where: ErrorLocation): string {
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw === 'bigint') return String(raw);
  if (typeof raw === 'string' && raw.trim() !== '') return raw.trim();
  if (raw === undefined || raw === null || raw === '') throw inputError('missing id', where);
  throw inputError(`id must be a non-empty string or number, got ${jsonPreview(raw)}`, where);
}

export function truncate(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
