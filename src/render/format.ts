/** Number formatting shared by the HTML and Markdown reports. */

export function pct(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(digits)}%`;
}

export function interval(ci: [number, number] | null | undefined, digits = 1): string {
  return ci ? `${pct(ci[0], digits)}–${pct(ci[1], digits)}` : '—';
}

export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined) return '—';
  if (p < 1e-4) return p.toExponential(1);
  return p.toFixed(4);
}

export function signed(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return '—';
  return `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}
