/**
 * `--help` and `--version` print and return exit code 0 without calling process.exit: main() runs inside
 * other programs (and test workers, which a real exit would end), and only sets process.exitCode.
 */
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

async function printed(...args: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void lines.push(parts.map(String).join(' ')));
  const exit = vi.spyOn(process, 'exit').mockImplementation((code?: string | number | null) => {
    throw new Error(`process.exit(${code}) called`);
  });
  try {
    const { code, out } = await runCli(...args);
    return { code, text: `${lines.join('\n')}${out}` };
  } finally {
    log.mockRestore();
    exit.mockRestore();
  }
}

describe('help and version in-process', () => {
  for (const args of [['--help'], ['run', '--help'], ['show', '--help'], ['gate', '--help'], ['--version']]) {
    it(args.join(' '), async () => {
      const { code, text } = await printed(...args);
      expect(code).toBe(0);
      expect(text).toMatch(args[0] === '--version' ? /^\d+\.\d+\.\d+/ : /Exit codes: 0 /);
    });
  }

  it('show --help runs no command (no --run needed)', async () => {
    const { code, text } = await printed('show', '--help', '--classifier', 'x');
    expect(code).toBe(0);
    expect(text).toContain('Privacy: show is for the engineer\'s own machine');
  });
});
