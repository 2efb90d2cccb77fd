/**
 * One colour scale for every rate in the report (tree, table, map, heatmap): a cluster's rate against the
 * classifier's overall rate. White at the overall rate, deepening red above it (saturating 30 points
 * above), blue below it (saturating at 0), grey when there is no rate.
 */

const WHITE: Rgb = [247, 247, 247];
const RED: Rgb = [178, 24, 43];
const BLUE: Rgb = [33, 102, 172];
export const NO_RATE_COLOUR = '#d0d4dc';
/** Rate points above the overall rate at which the red saturates. */
export const RED_SATURATION = 0.3;

type Rgb = [number, number, number];

/**
 * Colour of `rate` for a classifier whose overall rate is `overall`.
 * @example
 * rateColour(0.05, 0.05); // '#f7f7f7' (at the overall rate)
 * rateColour(0.40, 0.05); // '#b2182b' (30+ points above: full red)
 */
export function rateColour(rate: number | null, overall: number | null): string {
  if (rate === null || overall === null || !Number.isFinite(rate)) return NO_RATE_COLOUR;
  const diff = rate - overall;
  if (diff >= 0) return mix(WHITE, RED, Math.min(1, diff / RED_SATURATION));
  return mix(WHITE, BLUE, overall > 0 ? Math.min(1, -diff / overall) * 0.7 : 0);
}

/** Text colour readable on `rateColour(...)`. */
export function textOn(background: string): string {
  const n = Number.parseInt(background.slice(1), 16);
  const luminance = 0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
  return luminance < 140 ? '#ffffff' : '#1d2330';
}

function mix(from: Rgb, to: Rgb, t: number): string {
  const channel = (i: number) => Math.round(from[i] + (to[i] - from[i]) * t);
  return `#${[0, 1, 2].map((i) => channel(i).toString(16).padStart(2, '0')).join('')}`;
}
