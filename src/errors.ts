/**
 * The one error type misfire throws on purpose for the user to act on. Library code throws it; only the
 * CLI turns it into an exit code (see `exitCodeFor`). `code` says whose fault it is:
 * - `input`    — a data file is missing, unreadable or malformed (names file, line and field when known)
 * - `config`   — flags or config contradict each other or name something that does not exist
 * - `provider` — a facet/embedding/labelling provider failed (network, API, malformed model output)
 * - `gate`     — a gate could not be evaluated safely (fails closed)
 * Impossible arguments to internal functions are bugs, not the user's fault: those throw RangeError.
 */
export type MisfireErrorCode = 'input' | 'config' | 'provider' | 'gate';

export interface ErrorLocation {
  file?: string;
  line?: number;
  field?: string;
}

export class MisfireError extends Error {
  readonly code: MisfireErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly field?: string;

  constructor(code: MisfireErrorCode, message: string, where: ErrorLocation = {}, options?: { cause?: unknown }) {
    super(formatMessage(message, where), options);
    this.name = 'MisfireError';
    this.code = code;
    this.file = where.file;
    this.line = where.line;
    this.field = where.field;
  }
}

function formatMessage(message: string, where: ErrorLocation): string {
  const parts: string[] = [];
  if (where.file) parts.push(where.line !== undefined ? `${where.file}:${where.line}` : where.file);
  if (where.field) parts.push(`field "${where.field}"`);
  return parts.length ? `${parts.join(', ')}: ${message}` : message;
}

/** Shorthand for the most common case: a malformed input row. */
export function inputError(message: string, where: ErrorLocation = {}): MisfireError {
  return new MisfireError('input', message, where);
}

export function configError(message: string): MisfireError {
  return new MisfireError('config', message);
}

export function isMisfireError(err: unknown): err is MisfireError {
  return err instanceof MisfireError;
}

/** The process exit codes of the `misfire` CLI. */
export const EXIT_CODES = {
  /** Success (the gate: pass). */
  success: 0,
  /** The gate found a regression. */
  regression: 1,
  /** Bad input, config or usage, or a gate that cannot judge (MisfireError codes input, config, gate). */
  usage: 2,
  /** An unexpected error: a bug in misfire. */
  unexpected: 3,
  /** The provider failed: the Claude API was unreachable, refused the request or kept failing (code provider). */
  provider: 4,
} as const;

/**
 * The exit code for an error that ended a command: provider failures 4, every other MisfireError 2
 * (usage or data), anything else 3 (unexpected). The gate's verdict (0/1) is turned into a code elsewhere.
 * @example exitCodeFor(new MisfireError('provider', 'HTTP 529')); // 4
 */
export function exitCodeFor(err: unknown): number {
  if (!isMisfireError(err)) return EXIT_CODES.unexpected;
  return err.code === 'provider' ? EXIT_CODES.provider : EXIT_CODES.usage;
}
