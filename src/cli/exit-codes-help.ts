/** The "Exit codes: …" line of each command's --help, numbered from EXIT_CODES so text and code agree. */
import { EXIT_CODES } from '../errors.js';

type ExitCodeName = keyof typeof EXIT_CODES;

/** What exit code 3 means, the same for every command. */
export const UNEXPECTED_ERROR_HELP = 'unexpected error (a bug in misfire: please report it)';

/**
 * "Exit codes: …" listing the given meanings in code order.
 * @example
 * exitCodesHelp({ success: 'written', usage: 'unreadable run' }); // 'Exit codes: 0 written; 2 unreadable run.'
 */
export function exitCodesHelp(meanings: Partial<Record<ExitCodeName, string>>): string {
  const listed = (Object.keys(EXIT_CODES) as ExitCodeName[])
    .filter((name) => meanings[name] !== undefined)
    .sort((a, b) => EXIT_CODES[a] - EXIT_CODES[b])
    .map((name) => `${EXIT_CODES[name]} ${meanings[name]}`);
  return `Exit codes: ${listed.join('; ')}.`;
}
