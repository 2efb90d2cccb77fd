/** Offline cluster labels: c-TF-IDF terms that pass the distinct-user rule, turned into a name and a line. */
import { describeFromTerms, distinctiveTerms, nameFromTerms } from '../../pipeline/ctfidf-labels.js';
import type { ClusterLabel, ClusterLabeler, LabelingInput, ProviderContext } from '../types.js';

export function createOfflineLabeler(): ClusterLabeler {
  return {
    name: 'offline-ctfidf',
    async label(input: LabelingInput, ctx: ProviderContext): Promise<ClusterLabel[]> {
      ctx.usage.promptVersions[`naming-L${input.level}`] ??= 'ctfidf/v1';
      const terms = distinctiveTerms(
        input.clusters.map((c) => ({ clusterId: c.clusterId, members: c.members })),
        input.summaries,
        input.userOf,
        { minUsers: ctx.minUsers, seed: ctx.seed + input.level },
      );
      return input.clusters.map((cluster, i) => {
        const users = new Set<number>();
        for (const m of cluster.members) users.add(input.userOf[m]);
        const chosen = terms[i].terms;
        return {
          clusterId: cluster.clusterId,
          name: nameFromTerms(chosen, `Unnamed cluster ${cluster.clusterId}`),
          description: describeFromTerms(chosen, cluster.members.length, users.size),
          terms: chosen,
        };
      });
    },
  };
}
