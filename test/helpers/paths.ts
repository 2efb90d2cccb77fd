/** Where the repository's own files are, for tests in any folder. */
import { fileURLToPath } from 'node:url';

/** The repository root (absolute, with a trailing slash). */
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** The shipped demo data set. */
export const DEMO_DIR = `${REPO}datasets/demo`;
/** A file of the shipped demo data set, e.g. `demoFile('verdicts.csv')`. */
export const demoFile = (name: string): string => `${DEMO_DIR}/${name}`;
