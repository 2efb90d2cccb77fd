/**
 * Privacy thresholds per cluster: a cluster with fewer than `minUsers` distinct users or fewer than
 * `minConversations` conversations is suppressed — no label, no description, no examples anywhere; its
 * conversations still count in its parent. A provider's privacy auditor can suppress a label too.
 */
import type { Hierarchy } from './hierarchy.js';
import { membershipAt } from './hierarchy.js';

export type SuppressionReason = 'few_users' | 'few_conversations' | 'privacy_audit' | null;

export interface LevelPrivacy {
  /** Distinct users per cluster. */
  users: Int32Array;
  /** Why each cluster is suppressed (null = shown). */
  reasons: SuppressionReason[];
}

export interface PrivacySettings {
  minUsers: number;
  minConversations: number;
}

/** Distinct users per cluster at every level, and which clusters fall under the thresholds. */
export function privacyByLevel(hierarchy: Hierarchy, userOf: Int32Array, settings: PrivacySettings): LevelPrivacy[] {
  return hierarchy.levels.map((level, l) => {
    const member = membershipAt(hierarchy, l);
    const users = distinctUsersPerCluster(member, userOf, level.k);
    const reasons: SuppressionReason[] = [];
    for (let c = 0; c < level.k; c++) {
      reasons.push(users[c] < settings.minUsers ? 'few_users' : level.sizes[c] < settings.minConversations ? 'few_conversations' : null);
    }
    return { users, reasons };
  });
}

/** Exact distinct-user counts per cluster in O(n log n): sort (cluster, user) pairs, count changes. */
export function distinctUsersPerCluster(member: Int32Array, userOf: Int32Array, k: number): Int32Array {
  const n = member.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = member[i] * 4294967296 + userOf[i];
  keys.sort();
  const users = new Int32Array(k);
  for (let i = 0; i < n; i++) if (i === 0 || keys[i] !== keys[i - 1]) users[Math.floor(keys[i] / 4294967296)]++;
  return users;
}

/** Dense user index per conversation (first appearance order), and the number of distinct users. */
export function indexUsers(userIds: readonly string[]): { userOf: Int32Array; users: number } {
  const index = new Map<string, number>();
  const userOf = new Int32Array(userIds.length);
  userIds.forEach((id, i) => {
    let u = index.get(id);
    if (u === undefined) index.set(id, (u = index.size));
    userOf[i] = u;
  });
  return { userOf, users: index.size };
}
