/**
 * Warnings: what a run clamped, ignored or repaired on its own, which its user should know about. They are
 * collected in order, recorded in run.json and printed on stderr by the CLI; none of them stops a run.
 */

export interface RunWarning {
  /** Stable identifier, e.g. `invalid-utf8`, `k-clamped`. */
  code: string;
  /** One sentence naming the file (and line) where there is one, what happened and how often. */
  message: string;
}

/** Where warnings go; stages that may warn take one (and default to dropping them). */
export type WarningSink = (warning: RunWarning) => void;

export const ignoreWarnings: WarningSink = () => {};

/**
 * A sink that keeps every warning and passes it on.
 * @example
 * const warnings = collectWarnings((w) => process.stderr.write(`misfire: warning: ${w.message}\n`));
 * warnings.sink({ code: 'k-clamped', message: '--k 500 is more than the 300 conversations; using k = 300' });
 * warnings.list; // [{ code: 'k-clamped', … }]
 */
export function collectWarnings(forward: WarningSink = ignoreWarnings): { sink: WarningSink; list: RunWarning[] } {
  const list: RunWarning[] = [];
  return {
    list,
    sink: (warning) => {
      list.push(warning);
      forward(warning);
    },
  };
}
