/** Seeded pseudo-random numbers (mulberry32): every random choice in misfire flows from the run's seed. */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

/**
 * @example const rng = createRng(42); rng.next(); // same sequence for the same seed
 */
export function createRng(seed: number): Rng {
  let state = seed >>> 0 || 0x9e3779b9;
  let spare: number | null = null;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    normal: () => {
      if (spare !== null) {
        const value = spare;
        spare = null;
        return value;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spare = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    },
  };
}

/** Derive an independent seed for a named sub-stage, so stages do not share one random stream. */
export function deriveSeed(seed: number, stage: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < stage.length; i++) h = Math.imul(h ^ stage.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Deterministic sample of `size` distinct indices from [0, n), returned in increasing order. */
export function sampleIndices(n: number, size: number, rng: Rng): Int32Array {
  if (size >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const picked = new Uint8Array(n);
  const out = new Int32Array(size);
  let count = 0;
  while (count < size) {
    const i = rng.int(n);
    if (!picked[i]) {
      picked[i] = 1;
      count++;
    }
  }
  for (let i = 0, j = 0; i < n; i++) if (picked[i]) out[j++] = i;
  return out;
}
