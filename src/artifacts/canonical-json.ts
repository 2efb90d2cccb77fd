/** JSON and CSV text for artifacts: stable, deterministic, newline-terminated. */

/**
 * Pretty JSON with a trailing newline: objects indented two spaces per level, arrays of numbers, strings,
 * booleans and nulls kept on one line (intervals and sweeps stay readable and files stay small). Key
 * order is the order objects were built in; non-finite numbers become null; typed arrays become arrays.
 */
export function toJson(value: unknown): string {
  return `${write(normalize(value), '')}\n`;
}

function normalize(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>, normalize);
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    // fromEntries defines keys such as "__proto__" (a classifier may be named so) as plain keys.
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function').map(([k, v]) => [k, normalize(v)]));
  }
  return value;
}

function write(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    const inner = `${indent}  `;
    return `[\n${value.map((v) => inner + write(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${write(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Quote a CSV cell when it needs it (RFC 4180). */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | null)[]): string {
  return `${cells.map(csvCell).join(',')}\n`;
}
