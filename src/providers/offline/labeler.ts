/**
 * Offline cluster labels: distinctive words and short phrases that pass the distinct-user rule, turned
 * into a short name led by the term most of the cluster shares and a one-line description that states the
 * share of conversations using each (src/labelling/term-names.ts). A cluster whose leading term is in few
 * of its conversations is called "Mixed: …" so nobody mistakes it for a coherent topic.
 *
 * Parents are named from their children: among the terms (or words) the children share, the children's
 * leading terms and the parent's own distinctive terms, those that together cover most of the parent's
 * conversations; the description names the children. Every term shown was used by ≥ minUsers distinct
 * users of the cluster it is shown for: a child's eligible term — and so each of its words — is eligible
 * in the parent, whose users include the child's.
 */
import { distinctiveTerms, type ClusterTerms } from '../../labelling/ctfidf-labels.js';
import { coverageOrder } from '../../labelling/coverage-order.js';
import { describeFromTerms, nameFromTerms, type TermShares } from '../../labelling/term-names.js';
import { isContentWord } from '../../text/stop-words.js';
import type { ClusterLabel, ClusterLabeler, ClusterToLabel, LabelingInput, ProviderContext } from '../types.js';

export const OFFLINE_NAMING_VERSION = 'ctfidf/v3';
/** Terms kept per cluster. */
const KEPT_TERMS = 8;
/** Parent-level candidate terms before they are merged with the children's. */
const PARENT_CANDIDATES = 20;
/** A parent term shared by at least this share of its named children leads the name. */
const SHARED_BY = 0.5;
/** Children named in a parent's description. */
const NAMED_CHILDREN = 3;

export function createOfflineLabeler(): ClusterLabeler {
  return {
    name: 'offline-ctfidf',
    async label(input: LabelingInput, ctx: ProviderContext): Promise<ClusterLabel[]> {
      ctx.usage.promptVersions[`naming-L${input.level}`] ??= OFFLINE_NAMING_VERSION;
      const parents = input.level > 0;
      const terms = distinctiveTerms(
        input.clusters.map((c) => ({ clusterId: c.clusterId, members: c.members })),
        input.summaries,
        input.userOf,
        { minUsers: ctx.minUsers, seed: ctx.seed + input.level, topTerms: parents ? PARENT_CANDIDATES : KEPT_TERMS },
      );
      return input.clusters.map((cluster, i) => {
        const fallback = `Unnamed cluster ${cluster.clusterId}`;
        if (!parents) {
          const shares = { terms: terms[i].terms, each: terms[i].coverage };
          return { clusterId: cluster.clusterId, name: nameFromTerms(shares, fallback), description: describeFromTerms(shares), terms: terms[i].terms };
        }
        const shares = parentShares(terms[i], cluster, input);
        return {
          clusterId: cluster.clusterId,
          name: nameFromTerms(shares, fallback),
          description: `${childSummary(cluster, input.childLabels)} ${describeFromTerms(shares)}`,
          terms: [...shares.terms],
        };
      });
    },
  };
}

/**
 * A parent's terms with the share of its conversations using each, chosen to cover as many of them as
 * possible (see coverageOrder) among: the content words or terms that at least half of the named children
 * share (most shared first), the named children's leading terms, and the parent's own terms.
 */
function parentShares(own: ClusterTerms, cluster: ClusterToLabel, input: LabelingInput): TermShares {
  const children = cluster.childIds.map((id) => input.childLabels.get(id)?.terms).filter((t): t is string[] => Array.isArray(t) && t.length > 0);
  const sharing = new Map<string, number>();
  for (const terms of children) {
    for (const unit of new Set([...terms, ...terms.flatMap((t) => (t.includes(' ') ? t.split(' ').filter(isContentWord) : []))])) {
      sharing.set(unit, (sharing.get(unit) ?? 0) + 1);
    }
  }
  const shared = [...sharing]
    .filter(([, count]) => children.length >= 2 && count >= Math.max(2, SHARED_BY * children.length))
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .map(([unit]) => unit);
  const candidates = [...new Set([...shared, ...children.map((terms) => terms[0]), ...own.terms])];
  return coverageOrder(cluster.members, input.summaries, candidates, KEPT_TERMS);
}

/**
 * "Groups 3 clusters (1 too small to show): “A”; “B”." from the named children (suppressed children have
 * no label, and their conversations are not in `members`).
 */
function childSummary(cluster: ClusterToLabel, childLabels: LabelingInput['childLabels']): string {
  const named = cluster.childIds.map((id) => childLabels.get(id)?.name).filter((n): n is string => typeof n === 'string');
  const count = cluster.childIds.length;
  const hidden = count - named.length;
  const groups = `Groups ${count} cluster${count === 1 ? '' : 's'}${hidden ? ` (${hidden} not shown)` : ''}`;
  if (named.length === 0) return `${groups}.`;
  const shown = named.slice(0, NAMED_CHILDREN).map((n) => `“${n}”`);
  const more = named.length > NAMED_CHILDREN ? ` and ${named.length - NAMED_CHILDREN} more` : '';
  return `${groups}: ${shown.join('; ')}${more}.`;
}
