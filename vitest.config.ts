import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Child processes, not worker threads: some tests change the working folder (process.chdir).
    pool: 'forks',
    // One test file per core (vitest's default keeps a core for its main process, which mostly waits).
    maxWorkers: availableParallelism(),
    // Test files share their worker's loaded modules instead of importing the pipeline, Plot and linkedom
    // again for each file. Tests undo what they change in the process: environment (vi.stubEnv), working
    // folder, exit code, spies.
    isolate: false,
  },
});
