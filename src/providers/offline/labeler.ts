/**
 * Offline cluster labels: c-TF-IDF terms that pass the distinct-user rule, turned into a short name and a
 * one-line description that says how many conversations use the name's terms. A leaf whose name covers
 * few of its conversations is called "Mixed: …" so nobody mistakes it for a coherent topic.
 *
 * Parents are named from their children: a term (or word) most of the children share leads, then the
 * leading term of each of the largest children, then the parent's own distinctive terms; the description
 * names the children. Every term shown was used by ≥ minUsers distinct users of the cluster it is shown
 * for: a child's eligible term — and so each of its words — is eligible in the parent, whose users
 * include the child's.
 */
import { describeFromTerms, distinctiveTerms, nameFromTerms, nameTermCount, termCoverage, type ClusterTerms } from '../../labelling/ctfidf-labels.js';
import type { ClusterLabel, ClusterLabeler, ClusterToLabel, LabelingInput, ProviderContext } from '../types.js';

export const OFFLINE_NAMING_VERSION = 'ctfidf/v2';
/** Terms kept per cluster. */
const KEPT_TERMS = 8;
/** Parent-level candidate terms before they are merged with the children's. */
const PARENT_CANDIDATES = 20;
/** A parent term shared by at least this share of its named children leads the name. */
const SHARED_BY = 0.5;
/** A leaf whose name terms appear in fewer than this share of its conversations is named "Mixed: …". */
const MIXED_BELOW = 0.15;
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
          const own = terms[i];
          const shown = nameTermCount(own.terms);
          const any = shown ? own.cumulativeCoverage[shown - 1] : 0;
          const name = nameFromTerms(own.terms, fallback);
          return {
            clusterId: cluster.clusterId,
            name: shown && any < MIXED_BELOW ? `Mixed: ${name.charAt(0).toLowerCase()}${name.slice(1)}` : name,
            description: describeFromTerms(own.terms, { each: own.coverage, any }),
            terms: own.terms,
          };
        }
        const chosen = parentTerms(terms[i], cluster, input.childLabels);
        const coverage = termCoverage(cluster.members, input.summaries, chosen.slice(0, nameTermCount(chosen)));
        const description = describeFromTerms(chosen, coverage);
        return {
          clusterId: cluster.clusterId,
          name: nameFromTerms(chosen, fallback),
          description: `${childSummary(cluster, input.childLabels)} ${description}`,
          terms: chosen,
        };
      });
    },
  };
}

/**
 * Terms (or words of terms) that at least half of the named children share come first, most shared and
 * longest first; then each named child's leading term (largest child first); then the parent's own.
 */
function parentTerms(own: ClusterTerms, cluster: ClusterToLabel, childLabels: LabelingInput['childLabels']): string[] {
  const children = cluster.childIds.map((id) => childLabels.get(id)?.terms).filter((t): t is string[] => Array.isArray(t) && t.length > 0);
  const sharing = new Map<string, { count: number; first: number }>();
  children.forEach((terms) => {
    const units = new Set([...terms, ...terms.flatMap((t) => (t.includes(' ') ? t.split(' ') : []))]);
    for (const unit of units) {
      const entry = sharing.get(unit);
      if (entry) entry.count++;
      else sharing.set(unit, { count: 1, first: sharing.size });
    }
  });
  const shared =
    children.length < 2
      ? []
      : [...sharing]
          .filter(([, e]) => e.count >= SHARED_BY * children.length && e.count >= 2)
          .sort(([a, x], [b, y]) => y.count - x.count || b.split(' ').length - a.split(' ').length || x.first - y.first)
          .map(([unit]) => unit);
  const ordered = [...shared, ...children.map((terms) => terms[0]), ...own.terms];
  const out: string[] = [];
  const usedWords = new Set<string>();
  for (const term of ordered) {
    if (out.length >= KEPT_TERMS) break;
    const words = term.split(' ');
    if (words.some((w) => usedWords.has(w))) continue;
    out.push(term);
    words.forEach((w) => usedWords.add(w));
  }
  return out;
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
