/**
 * Add count tables of disjoint sets of conversations: the result is, exactly, the table one pass over all
 * of them gives — in any order of the parts (sums, minima and maxima, unions of bottom-k sketches and of
 * the smallest example ids all commute). A classifier absent from one part had no verdict on any of its
 * conversations there.
 */
import { inputError } from '../errors.js';
import { emptySliceCounts, mergeSliceCounts } from './slice-counts.js';
import { classifierCounts, emptyCountTable, noteExample, type ClassifierCounts, type CountTable } from './table.js';

/**
 * The table of the union of the parts' conversations.
 * @example const all = mergeCountTables([shardA, shardB]);
 */
export function mergeCountTables(parts: readonly CountTable[]): CountTable {
  if (parts.length === 0) throw new RangeError('mergeCountTables needs at least one table');
  const leaves = parts[0].leaves;
  for (const part of parts) {
    if (part.leaves !== leaves) throw inputError(`count tables disagree on the number of leaf clusters (${leaves} and ${part.leaves}): were they counted with the same model?`);
    if (part.labelled !== parts[0].labelled) throw inputError('some count tables were counted with labels and some without: give labels to every shard, or to none');
  }
  const out = emptyCountTable(leaves, parts[0].labelled);
  // Slices only when every part counted them (a count file v1 or a CSV count table did not).
  if (parts.every((p) => p.slicing !== null)) {
    const fail = (why: string) => inputError(`count tables cannot be added: ${why}: were they counted with the same model?`);
    out.slicing = parts.reduce((sum, p) => mergeSliceCounts(sum, p.slicing ?? [], fail), emptySliceCounts(parts[0].slicing ?? []));
  }
  const names = new Set<string>();
  for (const part of parts) for (const name of part.classifiers.keys()) names.add(name);
  for (const part of parts) {
    addInto(out.conversations, part.conversations);
    part.users.forEach((sketch, leaf) => out.users[leaf].addAll(sketch));
    out.allUsers.addAll(part.allUsers);
    addInto(out.concern, part.concern);
    for (const name of part.categoryNames) out.categoryNames.add(name);
    out.unlabelled += part.unlabelled;
    for (const key of Object.keys(out.read) as (keyof CountTable['read'])[]) out.read[key] += part.read[key];
    for (const [kind, ids] of part.examples) for (const id of ids) noteExample(out, kind, id);
    const shardConversations = part.conversations.reduce((s, n) => s + n, 0);
    for (const name of names) {
      const from = part.classifiers.get(name);
      const into = classifierCounts(out, name, from?.threshold ?? null);
      if (from) addClassifier(into, from);
      else into.missing += shardConversations;
    }
  }
  return out;
}

function addClassifier(into: ClassifierCounts, from: ClassifierCounts): void {
  if (into.threshold === null) into.threshold = from.threshold;
  into.hasScores ||= from.hasScores;
  addInto(into.cells, from.cells);
  into.missing += from.missing;
  for (const [name, rows] of from.categories) {
    const target = into.categories.get(name);
    if (target) addInto(target, rows);
    else into.categories.set(name, Int32Array.from(rows));
  }
  into.uncategorised += from.uncategorised;
  into.scoreLow = Math.min(into.scoreLow, from.scoreLow);
  into.scoreHigh = Math.max(into.scoreHigh, from.scoreHigh);
  into.highestUnflagged = Math.max(into.highestUnflagged, from.highestUnflagged);
  into.lowestFlagged = Math.min(into.lowestFlagged, from.lowestFlagged);
  into.unflaggedSeen ||= from.unflaggedSeen;
  into.flaggedSeen ||= from.flaggedSeen;
  if (from.unitHistogram) {
    if (into.unitHistogram) addInto(into.unitHistogram, from.unitHistogram);
    else into.unitHistogram = Int32Array.from(from.unitHistogram);
  }
  for (const [key, rows] of from.outsideHistogram) {
    const target = into.outsideHistogram.get(key);
    if (target) addInto(target, rows);
    else into.outsideHistogram.set(key, Int32Array.from(rows));
  }
}

function addInto<T extends Int32Array | Float64Array>(into: T, from: T): void {
  if (into.length !== from.length) throw new RangeError(`count arrays differ in length: ${into.length} and ${from.length}`);
  for (let i = 0; i < from.length; i++) into[i] += from[i];
}

