import { describe, expect, test } from 'vitest';
import { pca2d } from '../../src/render/pca.js';

describe('pca2d', () => {
  test('matches numpy SVD scores on a small matrix (sign fixed so the largest |coordinate| is positive)', () => {
    // numpy 2.4: Xc = X - X.mean(0); u, s, vt = np.linalg.svd(Xc); P = u[:, :2] * s[:2]; sign-fixed per column.
    const rows = [
      [1, 2, 0, 1], [2, 1, 1, 0], [0, 0, 3, 1], [4, 1, 0, 2], [1, 3, 2, 2], [0, 1, 1, 4],
    ];
    const expected = [
      [0.536578, -0.009199], [1.027677, -1.496755], [-1.956518, -1.638939],
      [2.669358, 0.713112], [-0.649984, 0.398853], [-1.627112, 2.032927],
    ];
    const points = pca2d(Float64Array.from(rows.flat()), 6, 4);
    points.forEach((p, i) => {
      expect(p.x).toBeCloseTo(expected[i][0], 4);
      expect(p.y).toBeCloseTo(expected[i][1], 4);
    });
  });

  test('degenerate inputs give finite points: one row, identical rows, a line', () => {
    expect(pca2d(Float64Array.from([3, 4]), 1, 2)).toEqual([{ x: 0, y: 0 }]);
    for (const p of pca2d(Float64Array.from([1, 1, 1, 1, 1, 1]), 3, 2)) expect([p.x, p.y]).toEqual([0, 0]);
    const line = pca2d(Float64Array.from([0, 0, 2, 0, 4, 0]), 3, 2);
    // Tie in |coordinate|: the first largest one is made positive.
    expect(line.map((p) => Math.round(p.x * 1e6) / 1e6 + 0)).toEqual([2, 0, -2]);
    for (const p of line) expect(Math.abs(p.y)).toBeLessThan(1e-9);
  });
});
