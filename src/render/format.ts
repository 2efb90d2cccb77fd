/** Number formatting shared by the HTML and Markdown reports. */

export function pct(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : `${(value * 100).toFixed(digits)}%`;
}

export function interval(ci: readonly [number, number] | null | undefined, digits = 1): string {
  return ci ? `${pct(ci[0], digits)}–${pct(ci[1], digits)}` : '—';
}

export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  if (p < 1e-4) return p.toExponential(1);
  return p.toFixed(4);
}

export function signed(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** A score-ranking figure such as an AUC: three decimals, or null when absent. */
export function decimal(value: number | null | undefined, digits = 3): string | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value.toFixed(digits);
}

/** File size in B / kB / MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
