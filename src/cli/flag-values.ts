/**
 * Coercions for flag values, one per kind of flag, so that every command checks its flags the same way
 * before any work: a single-valued flag given twice, a negated or dotted flag (`--no-out`, `--out.x`) and a
 * number that is not one are usage errors quoting what was typed. yargs calls these on the parsed values
 * (and on defaults); what they throw reaches the CLI's error reporting (exit 2).
 */
import type { Options } from 'yargs';
import { configError } from '../errors.js';

/** A decimal number as people type it: optional sign, digits with an optional fraction, optional exponent. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** How a value the user typed is quoted in a message. */
function quoted(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return value.map(quoted).join(', ');
  return String(value);
}

function onlyValue(flag: string, value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  if (value.length === 1) return value[0];
  throw configError(`${flag} was given ${value.length} times (${quoted(value)}): give it once`);
}

function asText(flag: string, value: unknown): string {
  if (value === '') throw configError(`${flag} is empty (an unset variable in a script?): give it a value`);
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') throw configError(`${flag} needs a value${value ? '' : ` (there is no --no-${flag.replace(/^-+/, '')})`}`);
  const sub = value && typeof value === 'object' ? Object.keys(value)[0] : undefined;
  throw configError(sub !== undefined ? `${flag} takes a value, not a sub-option (${flag}.${sub})` : `${flag} needs a value`);
}

/**
 * A flag that takes one text value.
 * @example oneText('--run')(['a', 'b']); // throws "--run was given 2 times ("a", "b"): give it once"
 */
export function oneText(flag: string): (value: unknown) => string {
  return (value) => asText(flag, onlyValue(flag, value));
}

/**
 * A flag that takes one text value where a repeat replaces the earlier value (said in its --help).
 * @example lastText('--out')(['reports/demo', 'reports/mine']); // 'reports/mine'
 */
export function lastText(flag: string): (value: unknown) => string {
  return (value) => asText(flag, Array.isArray(value) ? value[value.length - 1] : value);
}

/**
 * A repeatable flag: a list of text values.
 * @example textList('--verdicts')(['a.csv', 'b.csv']); // ['a.csv', 'b.csv']
 */
export function textList(flag: string): (value: unknown) => string[] {
  return (value) => (Array.isArray(value) ? value : [value]).map((item) => asText(flag, item));
}

/**
 * A repeatable flag whose values may each be a comma-separated list: every name, in order, trimmed.
 * @example commaList('--slice-by')(['channel,language', 'model']); // ['channel', 'language', 'model']
 */
export function commaList(flag: string): (value: unknown) => string[] {
  return (value) =>
    textList(flag)(value).flatMap((item) => {
      const names = item.split(',').map((name) => name.trim());
      if (names.some((name) => name === '')) throw configError(`${flag} has an empty name in ${quoted(item)}: separate names with single commas`);
      return names;
    });
}

/**
 * An on/off switch; repeating it is harmless, but a value or sub-option is not accepted.
 * @example oneSwitch('--demo')(true); // true
 */
export function oneSwitch(flag: string): (value: unknown) => boolean {
  return (value) => {
    const only = onlyValue(flag, value);
    if (typeof only !== 'boolean') throw configError(`${flag} is a switch and takes no value, got ${quoted(only)}`);
    return only;
  };
}

/**
 * A flag that takes one number, parsed from what was typed (never yargs' NaN).
 * @example oneNumber('--alpha')('abc'); // throws '--alpha must be a number, got "abc"'
 */
export function oneNumber(flag: string): (value: unknown) => number {
  return (value) => parseNumber(flag, asText(flag, onlyValue(flag, value)), 'a number');
}

/**
 * A flag that takes one whole number.
 * @example oneWholeNumber('--k')('2.5'); // throws '--k must be a whole number, got "2.5"'
 */
export function oneWholeNumber(flag: string): (value: unknown) => number {
  return (value) => {
    const text = asText(flag, onlyValue(flag, value));
    const number = parseNumber(flag, text, 'a whole number');
    if (!Number.isSafeInteger(number)) throw configError(`${flag} must be a whole number, got ${quoted(text)}`);
    return number;
  };
}

function parseNumber(flag: string, text: string, kind: string): number {
  const trimmed = text.trim();
  const number = DECIMAL.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isFinite(number)) throw configError(`${flag} must be ${kind}, got ${quoted(text)}`);
  return number;
}

/**
 * The long and short names of the on/off flags among `options`, with their `--no-` forms.
 * @example switchNames({ quiet: { alias: 'q', type: 'boolean' } }); // Set { 'quiet', 'no-quiet', 'q' }
 */
export function switchNames(options: Record<string, Options>): Set<string> {
  const names = new Set<string>();
  for (const [name, option] of Object.entries(options)) {
    if (option.type !== 'boolean') continue;
    const aliases = option.alias === undefined ? [] : [option.alias].flat();
    for (const each of [name, ...aliases]) names.add(each);
    names.add(`no-${name}`);
  }
  return names;
}

/**
 * What is wrong with a switch given a value such as `--demo=abc` (yargs would read it as off), or null.
 * `--demo=true` and `--demo=false` are fine. Arguments after `--` are not options.
 * @example misusedSwitch(['run', '--demo=abc'], new Set(['demo'])); // '--demo is a switch and takes no value, got "abc"'
 */
export function misusedSwitch(argv: readonly string[], switches: ReadonlySet<string>): string | null {
  for (const arg of argv) {
    if (arg === '--') return null;
    const match = /^(--?)([^=]+)=(.*)$/s.exec(arg);
    if (!match || !switches.has(match[2])) continue;
    if (match[3] !== 'true' && match[3] !== 'false') return `${match[1]}${match[2]} is a switch and takes no value, got ${JSON.stringify(match[3])}`;
  }
  return null;
}
