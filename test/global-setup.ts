/**
 * Runs once before the test files: compiles src/ to dist/ so that tests of what only runs compiled
 * (worker threads, the `misfire` binary, signal handling in a child process) test the current sources.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/prepare-word-vectors.mjs'], { cwd: root, stdio: 'inherit' });
}
