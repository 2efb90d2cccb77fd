/** The small input files of test/fixtures/inputs (the binary ones are made by scripts/make-input-fixtures.mjs). */
import { REPO } from './paths.js';
import type { RunWarning } from '../../src/warnings.js';

/** The path of an input fixture, e.g. `inputFixture('wildchat.jsonl')`. */
export const inputFixture = (name: string): string => `${REPO}test/fixtures/inputs/${name}`;

/** A warning sink that keeps what it is told, for assertions. */
export function warningList(): { warnings: (warning: RunWarning) => void; list: RunWarning[] } {
  const list: RunWarning[] = [];
  return { list, warnings: (warning) => list.push(warning) };
}
