/**
 * What `misfire show` lists, from its flags: a cluster by id, a pocket of the hierarchy by its rank in the
 * report (metrics.json `pockets.false_positive` / `pockets.false_negative`, most excess errors first), or a
 * pocket found among the errors by its id (`FP-1`, metrics.json `error_pockets`). Pure: checks the flags
 * against the run's metrics and clusters and says what is wrong in the user's words.
 */
import { configError } from '../errors.js';
import type { ClassifierMetrics } from '../metrics/confusion.js';
import type { MemberKind } from './members.js';

export type PocketKind = 'fp' | 'fn';

export type ShowTarget =
  /** A cluster of any level, named by its id. */
  | { type: 'cluster'; clusterId: string }
  /** A pocket of the hierarchy: the `rank`-th of its kind (1-based), which is cluster `clusterId`. */
  | { type: 'cluster-pocket'; kind: PocketKind; rank: number; clusterId: string }
  /** A pocket found among the errors (`FP-1`, `FN-2`, …). */
  | { type: 'error-pocket'; kind: PocketKind; pocketId: string };

/** What `--pocket` names: a rank in the report's list, or a pocket-by-meaning id. */
export type PocketSelector = { rank: number } | { pocketId: string; kind: PocketKind };

const KIND_WORDS: Record<PocketKind, string> = { fp: 'false-positive', fn: 'false-negative' };

/**
 * Read a `--pocket` value: `2` (a rank) or `FP-1` / `fn-2` (a pocket found among the errors).
 * @example
 * pocketSelector('2'); // { rank: 2 }
 * pocketSelector('fp-1'); // { pocketId: 'FP-1', kind: 'fp' }
 */
export function pocketSelector(text: string): PocketSelector {
  const trimmed = text.trim();
  if (/^[1-9]\d*$/.test(trimmed)) return { rank: Number(trimmed) };
  const id = /^(FP|FN)-([1-9]\d*)$/i.exec(trimmed);
  if (id) return { pocketId: `${id[1].toUpperCase()}-${id[2]}`, kind: id[1].toLowerCase() as PocketKind };
  throw configError(`--pocket must be a rank as the report lists the pockets (1, 2, …) or the id of a pocket found among the errors (FP-1, FN-2, …), got ${JSON.stringify(text)}`);
}

/**
 * The pocket a `--pocket` value names, checked against the classifier's metrics (read from `metricsFile`).
 * A rank needs `--kind fp` or `--kind fn` to say which of the two lists it counts in.
 * @example
 * pocketTarget({ rank: 1 }, 'fp', keywordV1, 'reports/demo/metrics.json'); // { type: 'cluster-pocket', kind: 'fp', rank: 1, clusterId: 'L0-002' }
 */
export function pocketTarget(selector: PocketSelector, kind: MemberKind | null, c: ClassifierMetrics, metricsFile: string): ShowTarget {
  if ('pocketId' in selector) {
    const search = c.error_pockets;
    if (!search) {
      throw configError(`${metricsFile}: "${c.name}" has no pockets found among its errors (the run had no labels, or searched none: --permutations 0)`);
    }
    const all = [...search.false_positive.pockets, ...search.false_negative.pockets].map((p) => p.pocket_id);
    if (!all.includes(selector.pocketId)) {
      throw configError(`${metricsFile}, field "error_pockets": "${c.name}" has no pocket ${selector.pocketId} (it has ${all.join(', ') || 'none'})`);
    }
    return { type: 'error-pocket', kind: selector.kind, pocketId: selector.pocketId };
  }
  if (kind !== 'fp' && kind !== 'fn') {
    throw configError(
      `--pocket ${selector.rank} needs --kind fp or --kind fn: the report ranks false-positive and false-negative pockets in two lists ` +
        '(e.g. --pocket 1 --kind fp for the first false-positive pocket)',
    );
  }
  const list = kind === 'fp' ? c.pockets.false_positive : c.pockets.false_negative;
  const field = `pockets.${kind === 'fp' ? 'false_positive' : 'false_negative'}`;
  if (selector.rank > list.length) {
    const has = `${list.length === 0 ? 'no' : `only ${list.length}`} ${KIND_WORDS[kind]} ${list.length === 1 ? 'pocket' : 'pockets'}`;
    throw configError(`${metricsFile}, field "${field}": "${c.name}" has ${has}, so there is no pocket ${selector.rank}`);
  }
  return { type: 'cluster-pocket', kind, rank: selector.rank, clusterId: list[selector.rank - 1] };
}

/**
 * The kind listed when `--kind` is not given: the errors of a pocket's own kind, else every member.
 * @example
 * defaultKind({ type: 'error-pocket', kind: 'fn', pocketId: 'FN-1' }); // 'fn'
 */
export function defaultKind(target: ShowTarget): MemberKind {
  return target.type === 'cluster' ? 'all' : target.kind;
}

/**
 * The target in words, for the headline of the listing.
 * @example
 * describeTarget({ type: 'cluster-pocket', kind: 'fp', rank: 1, clusterId: 'L0-002' }, 'keyword-v1');
 * // 'false-positive pocket 1 of keyword-v1 (cluster L0-002)'
 */
export function describeTarget(target: ShowTarget, classifier: string): string {
  if (target.type === 'cluster') return `cluster ${target.clusterId}`;
  if (target.type === 'cluster-pocket') return `${KIND_WORDS[target.kind]} pocket ${target.rank} of ${classifier} (cluster ${target.clusterId})`;
  return `${KIND_WORDS[target.kind]} pocket ${target.pocketId} of ${classifier}, found among its errors`;
}
