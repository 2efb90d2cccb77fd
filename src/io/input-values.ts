/** Parsing of the small value grammars input files use (booleans, scores, ids). */
import { inputError, type ErrorLocation } from '../errors.js';
import { jsonPreview } from '../json-text.js';

const TRUE_VALUES = new Set(['1', 'true']);
const FALSE_VALUES = new Set(['0', 'false']);

/**
 * Parse a 0/1/true/false cell. Empty → null (the caller decides whether that is allowed).
 * @example parseBooleanCell('TRUE', where) // true
 */
export function parseBooleanCell(raw: string | undefined, where: ErrorLocation): boolean | null {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '') return null;
  if (TRUE_VALUES.has(value)) return true;
  if (FALSE_VALUES.has(value)) return false;
  throw inputError(`expected 0, 1, true or false, got ${JSON.stringify(truncate(raw ?? ''))}`, where);
}

/** Parse a numeric cell; empty → null; anything non-finite is an error. */
export function parseScoreCell(raw: string | undefined, where: ErrorLocation): number | null {
  const value = (raw ?? '').trim();
  if (value === '') return null;
  const number = Number(value);
  if (!Number.isFinite(number)) {
    throw inputError(`expected a number, got ${JSON.stringify(truncate(value))}`, where);
  }
  return number;
}

/** An id is a non-empty string or a finite number (numbers are kept in their decimal spelling). */
export function parseId(raw: unknown, where: ErrorLocation): string {
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw === 'string' && raw.trim() !== '') return raw.trim();
  if (raw === undefined || raw === null || raw === '') throw inputError('missing id', where);
  throw inputError(`id must be a non-empty string or number, got ${jsonPreview(raw)}`, where);
}

export function truncate(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
