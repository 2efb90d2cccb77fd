/**
 * A check metrics.json's shape alone cannot make: every classifier lists the slices of `slicing.dimensions`,
 * in order and with the same field and value, and its slice pockets name slices it lists. A mismatch is a
 * `ShapeMismatch` with the path of the field, like any other malformed field.
 */
import { ShapeMismatch } from './json-shape.js';
import type { MetricsDocument } from './metrics-document.js';

/**
 * `doc`, unchanged, when its slices agree; else throws.
 * @example
 * slicesAgree(doc); // throws at "classifiers[0].slices[3].slice_id" when that row names another slice than the dimensions
 */
export function slicesAgree(doc: MetricsDocument): MetricsDocument {
  const expected = doc.slicing.dimensions.flatMap((d) => d.slices.map((s) => ({ ...s, dimension_id: d.dimension_id, field: d.field })));
  doc.classifiers.forEach((c, ci) => {
    const at = (...path: (string | number)[]) => ['classifiers', ci, ...path];
    if (c.slices.length !== expected.length) {
      throw new ShapeMismatch(`${expected.length} slices (those of slicing.dimensions)`, `${c.slices.length} slices`, at('slices'));
    }
    c.slices.forEach((row, i) => {
      const want = expected[i];
      for (const key of ['slice_id', 'dimension_id', 'field', 'value', 'missing', 'cluster_id', 'suppressed'] as const) {
        if (row[key] !== want[key]) throw new ShapeMismatch(`${JSON.stringify(want[key])} (as in slicing.dimensions)`, row[key], at('slices', i, key));
      }
    });
    const ids = new Set(c.slices.map((r) => r.slice_id));
    for (const kind of ['false_positive', 'false_negative'] as const) {
      c.slice_pockets[kind].forEach((id, i) => {
        if (!ids.has(id)) throw new ShapeMismatch('a slice id of this classifier', id, at('slice_pockets', kind, i));
      });
    }
  });
  return doc;
}
