/**
 * `baseline.json`, written by `misfire bless` next to the copied run.json: where the blessed copies of the
 * run's verdict and label inputs are, so the baseline keeps working after the original files change.
 */
import { aString, listOf, objectOf, oneOf, orNull, type Shape } from './json-shape.js';

export const BASELINE_SCHEMA = 'misfire.baseline/v1';

export interface BaselineManifest {
  schema: typeof BASELINE_SCHEMA;
  /** Recorded input path (as in run.json) → copy inside the baseline folder (relative path). */
  inputs: { file: string; sha256: string | null; copy: string }[];
}

export const baselineManifest: Shape<BaselineManifest> = objectOf<BaselineManifest>({
  schema: oneOf([BASELINE_SCHEMA]),
  inputs: listOf(objectOf<BaselineManifest['inputs'][number]>({ file: aString, sha256: orNull(aString), copy: aString })),
});
