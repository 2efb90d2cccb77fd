/**
 * Name every shown cluster, level by level from the leaves up (parents see their children's labels),
 * then let the provider's privacy auditor (if any) veto labels rated below 3. A parent is named only
 * from conversations outside suppressed clusters: `members` given to the labeller leaves those out, so
 * a small group's words cannot surface one level up.
 */
import { clusterId, membershipAt, type Hierarchy } from '../clustering/hierarchy.js';
import type { LevelPrivacy } from '../clustering/privacy.js';
import { squaredDistance } from '../clustering/vector-math.js';
import type { ClusterLabel, ClusterToLabel, Provider, ProviderContext } from '../providers/types.js';
import type { Embedding } from '../types.js';

/** Contrastive examples per cluster: members of the nearest other cluster. */
const CONTRAST = 50;
export const MIN_AUDIT_SCORE = 3;

export interface HierarchyLabels {
  byId: Map<string, ClusterLabel>;
  /** Cluster ids whose label the auditor rejected. */
  audited: Set<string>;
}

export async function labelHierarchy(
  hierarchy: Hierarchy,
  privacy: LevelPrivacy[],
  summaries: readonly string[],
  userOf: Int32Array,
  embedding: Embedding,
  provider: Provider,
  ctx: ProviderContext,
): Promise<HierarchyLabels> {
  const byId = new Map<string, ClusterLabel>();
  // Conversations inside a suppressed cluster lend no text to any cluster above it either.
  const hidden = new Uint8Array(summaries.length);
  for (let l = 0; l < hierarchy.levels.length; l++) {
    const level = hierarchy.levels[l];
    const member = membershipAt(hierarchy, l);
    const members = membersByCluster(member, level.k, hidden);
    const childIds = childrenByCluster(hierarchy, l);
    const clusters: ClusterToLabel[] = [];
    for (let c = 0; c < level.k; c++) {
      if (privacy[l].reasons[c] !== null) continue;
      const neighbour = nearestOtherCluster(level.centroids, level.k, embedding.dim, c, privacy[l].reasons);
      const contrast = neighbour < 0 ? new Int32Array(0) : members[neighbour].subarray(0, CONTRAST);
      clusters.push({ clusterId: clusterId(l, c), members: members[c], childIds: childIds[c], contrast });
    }
    for (let i = 0; i < member.length; i++) if (privacy[l].reasons[member[i]] !== null) hidden[i] = 1;
    if (clusters.length === 0) continue;
    ctx.progress.start(`label level ${l}`, clusters.length);
    const labels = await provider.labeler.label({ level: l, clusters, summaries, userOf, childLabels: byId }, ctx);
    ctx.progress.end();
    for (const label of labels) byId.set(label.clusterId, label);
  }
  const audited = new Set<string>();
  if (provider.auditor && byId.size > 0) {
    const scores = await provider.auditor.audit([...byId.values()], ctx);
    for (const [id, score] of scores) if (score < MIN_AUDIT_SCORE) audited.add(id);
  }
  return { byId, audited };
}

/** Conversation indices per cluster, leaving out `hidden` ones (members of a suppressed cluster below). */
function membersByCluster(member: Int32Array, k: number, hidden: Uint8Array): Int32Array[] {
  const counts = new Int32Array(k);
  for (let i = 0; i < member.length; i++) if (!hidden[i]) counts[member[i]]++;
  const out = Array.from(counts, (count) => new Int32Array(count));
  const fill = new Int32Array(k);
  for (let i = 0; i < member.length; i++) if (!hidden[i]) out[member[i]][fill[member[i]]++] = i;
  return out;
}

function childrenByCluster(hierarchy: Hierarchy, level: number): string[][] {
  const out: string[][] = Array.from({ length: hierarchy.levels[level].k }, () => []);
  if (level === 0) return out;
  const below = hierarchy.levels[level - 1];
  const parentOf = below.parentOf as Int32Array;
  for (let c = 0; c < below.k; c++) out[parentOf[c]].push(clusterId(level - 1, c));
  return out;
}

/** The nearest other shown cluster (suppressed ones lend no contrast examples). */
function nearestOtherCluster(centroids: Float32Array, k: number, dim: number, c: number, reasons: readonly (string | null)[]): number {
  let best = -1;
  let bestDistance = Infinity;
  for (let o = 0; o < k; o++) {
    if (o === c || reasons[o] !== null) continue;
    const d = squaredDistance(centroids, c * dim, centroids, o * dim, dim);
    if (d < bestDistance) {
      bestDistance = d;
      best = o;
    }
  }
  return best;
}
