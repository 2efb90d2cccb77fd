/**
 * `misfire show` as a library call: list the conversations of a cluster or a pocket of a run, with one
 * classifier's verdicts and the labels, read from the run's original inputs (recorded in run.json and
 * checked against their sha256). For the engineer's own machine: it returns raw conversation text, writes
 * nothing, and changes nothing a report shows.
 */
import { join } from 'node:path';
import { configError, inputError } from '../errors.js';
import { readRunPockets } from '../artifacts/read-pockets.js';
import { readRunAssignments, readRunFolder, readRunMetrics, type RunAssignments, type RunFolder } from '../artifacts/read-run.js';
import { RUN_FILES } from '../artifacts/run-files.js';
import type { ClusterRecord } from '../artifacts/cluster-record.js';
import type { MetricsDocument } from '../artifacts/metrics-document.js';
import type { ClassifierMetrics } from '../metrics/confusion.js';
import { joinVerdictsAndLabels } from '../metrics/join.js';
import type { Listing, ShownConversation } from '../drilldown/listing.js';
import { clusterMembers, membersOfKind, outcomeOf, type MemberKind } from '../drilldown/members.js';
import { defaultKind, describeTarget, pocketSelector, pocketTarget, type ShowTarget } from '../drilldown/target.js';
import { readRecordedConversations, readRecordedLabels, readRecordedVerdicts } from './recorded-inputs.js';
import { thresholdsByClassifier } from './settings.js';

export interface ShowOptions {
  /** The run folder (`misfire run --out`). */
  run: string;
  classifier: string;
  /** A cluster id of any level (`L0-004`, `L1-002`); give this or `pocket`. */
  cluster?: string | null;
  /** A pocket's rank as the report lists it (`2`, with `kind` fp or fn), or a pocket-by-meaning id (`FP-1`). */
  pocket?: string | null;
  /** Which members to list; default: a pocket's own errors (fp or fn), every member of a cluster. */
  kind?: MemberKind | null;
  /** List at most this many (the counts still cover every member); null = all. */
  limit?: number | null;
}

const LABELLED_KINDS: ReadonlySet<MemberKind> = new Set(['fp', 'fn', 'tp', 'tn']);

/**
 * List the conversations of a cluster or pocket.
 * @example
 * const listing = await showConversations({ run: 'reports/demo', classifier: 'keyword-v1', pocket: '1', kind: 'fp' });
 * listing.matching; // the pocket cluster's fp count in metrics.json
 * listing.conversations[0].messages[0].content; // the original text of the first one
 */
export async function showConversations(options: ShowOptions): Promise<Listing> {
  if (options.limit != null && !(Number.isInteger(options.limit) && options.limit >= 0)) {
    throw configError(`--limit must be a whole number (0 = no limit), got ${JSON.stringify(options.limit)}`);
  }
  const folder = await readRunFolder(options.run);
  const metrics = await readRunMetrics(folder);
  const classifier = findClassifier(metrics, options.classifier);
  const target = resolveTarget(folder, classifier, options);
  const kind = options.kind ?? defaultKind(target);
  if (LABELLED_KINDS.has(kind) && !metrics.labels_present) {
    throw configError(`--kind ${kind} needs labels, and this run has none (proxy mode): list --kind flagged, or every member (leave out --kind)`);
  }
  const assignments = await readRunAssignments(folder);
  const members = await membersOf(folder, assignments, target, classifier.name);
  const verdicts = await readRecordedVerdicts(folder);
  const labels = await readRecordedLabels(folder);
  const joined = joinVerdictsAndLabels(
    assignments.conversationIds,
    verdicts.rows.filter((row) => row.classifier === classifier.name),
    labels?.rows ?? null,
    { threshold: folder.run.settings.threshold, thresholds: thresholdsByClassifier(folder.run.settings.thresholds) },
  );
  const verdictsOf = joined.classifiers[0];
  if (!verdictsOf) throw inputError(`the verdict files hold no verdict from "${classifier.name}" any more`, { file: join(folder.dir, RUN_FILES.run), field: 'inputs.verdicts' });
  const matching = membersOfKind(members, verdictsOf.flagged, joined.labels, kind);
  const shown = options.limit ? matching.subarray(0, options.limit) : matching;
  const texts = await conversationsAt(folder, assignments, shown);
  const conversations = Array.from(shown, (i, n): ShownConversation => {
    const flagged = verdictsOf.flagged[i];
    const label = joined.labels?.[i] ?? -1;
    const score = verdictsOf.score[i];
    return {
      conversationId: assignments.conversationIds[i],
      userId: texts[n].userId,
      clusterId: assignments.leafIds[i],
      flagged: flagged < 0 ? null : flagged === 1,
      score: Number.isNaN(score) ? null : score,
      label: label < 0 ? null : label === 1,
      category: joined.categories?.[i] ?? null,
      outcome: outcomeOf(flagged, label),
      messages: texts[n].messages,
      metadata: Object.fromEntries(texts[n].metadata),
    };
  });
  return {
    run: options.run,
    classifier: classifier.name,
    target,
    headline: describeTarget(target, classifier.name),
    name: targetName(folder.clusters, classifier, target),
    kind,
    labelled: metrics.labels_present,
    members: members.length,
    matching: matching.length,
    conversations,
  };
}

function findClassifier(metrics: MetricsDocument, name: string): ClassifierMetrics {
  const found = metrics.classifiers.find((c) => c.name === name);
  if (found) return found;
  const known = metrics.classifiers.map((c) => `"${c.name}"`).join(', ');
  throw configError(`unknown classifier "${name}": the run has ${known}`);
}

function resolveTarget(folder: RunFolder, classifier: ClassifierMetrics, options: ShowOptions): ShowTarget {
  const hasCluster = options.cluster != null;
  const hasPocket = options.pocket != null;
  if (hasCluster === hasPocket) {
    throw configError(hasCluster ? 'give --cluster or --pocket, not both' : 'name what to list: --cluster ID (e.g. L0-004) or --pocket RANK --kind fp|fn (e.g. --pocket 1 --kind fp) or --pocket FP-1');
  }
  if (hasPocket) return pocketTarget(pocketSelector(options.pocket as string), options.kind ?? null, classifier, join(folder.dir, RUN_FILES.metrics));
  const wanted = (options.cluster as string).trim().replace(/^l/, 'L');
  if (!folder.clusters.some((c) => c.cluster_id === wanted)) {
    throw configError(`${join(folder.dir, RUN_FILES.clusters)}: no cluster "${options.cluster}" (the run has ${clusterRange(folder.clusters)})`);
  }
  return { type: 'cluster', clusterId: wanted };
}

/** `L0-000 … L0-028 (level 0), L1-000 … L1-004 (level 1)`. */
function clusterRange(clusters: readonly ClusterRecord[]): string {
  const levels = [...new Set(clusters.map((c) => c.level))].sort((a, b) => a - b);
  return levels
    .map((level) => {
      const ids = clusters.filter((c) => c.level === level).map((c) => c.cluster_id).sort();
      return `${ids.length === 1 ? ids[0] : `${ids[0]} … ${ids[ids.length - 1]}`} (level ${level})`;
    })
    .join(', ');
}

async function membersOf(folder: RunFolder, assignments: RunAssignments, target: ShowTarget, classifier: string): Promise<Int32Array> {
  if (target.type !== 'error-pocket') {
    return clusterMembers(assignments.leafIds, new Map(folder.clusters.map((c) => [c.cluster_id, c.parent_id])), target.clusterId);
  }
  const pockets = await readRunPockets(folder, assignments);
  if (!pockets.recorded) {
    throw inputError(`${RUN_FILES.pockets} is missing: the run folder was written before misfire recorded the members of pockets found among the errors; run misfire again`, {
      file: join(folder.dir, RUN_FILES.pockets),
    });
  }
  const found = pockets.byClassifier.get(classifier)?.find((p) => p.metrics.pocket_id === target.pocketId);
  if (!found) throw inputError(`no members of pocket ${target.pocketId} of "${classifier}"`, { file: join(folder.dir, RUN_FILES.pockets) });
  return found.members;
}

/** The cluster's or pocket's name, unless it is suppressed. */
function targetName(clusters: readonly ClusterRecord[], classifier: ClassifierMetrics, target: ShowTarget): string | null {
  if (target.type === 'error-pocket') {
    const pocket = [...(classifier.error_pockets?.false_positive.pockets ?? []), ...(classifier.error_pockets?.false_negative.pockets ?? [])].find((p) => p.pocket_id === target.pocketId);
    return pocket && !pocket.suppressed ? pocket.label : null;
  }
  const record = clusters.find((c) => c.cluster_id === target.clusterId);
  return record && !record.suppressed ? record.label : null;
}

/** The input conversations at the given run indices (in that order), matched by id. */
async function conversationsAt(folder: RunFolder, assignments: RunAssignments, indices: Int32Array) {
  const read = await readRecordedConversations(folder);
  const byId = new Map(read.conversations.map((c) => [c.id, c]));
  return Array.from(indices, (i) => {
    const id = assignments.conversationIds[i];
    const found = byId.get(id);
    if (!found) {
      throw inputError(`mismatched run: conversation "${id}" of ${RUN_FILES.assignments} is not in the conversations file`, { file: join(folder.dir, RUN_FILES.assignments) });
    }
    return found;
  });
}
