/**
 * Conversations without the model's facets: a refusal gets the refusal facets (see `refusalFacets`), a
 * conversation with no valid facets after every retry gets the offline facets. Both are noted in
 * `ctx.facetsFallback` (run.json `facets_fallback`) and told in one warning.
 */
import type { Conversation, Facets } from '../../types.js';
import { extractOfflineFacets } from '../offline/facets.js';
import type { ProviderContext } from '../types.js';
import { describeLimit } from './failure-limit.js';
import type { JobOutcome } from './jobs.js';
import type { ProviderRuntime } from './options.js';
import type { FacetOutput } from './validate.js';

/** One conversation's facets from its job's outcome: the model's (or its refusal facets), else the offline facets. */
export function facetsFromOutcome(conversation: Conversation, outcome: JobOutcome<FacetOutput>): Facets {
  if (outcome.kind === 'failed') return extractOfflineFacets(conversation);
  const { summary, language, task, concern } = outcome.value;
  return {
    summary,
    language,
    turns: conversation.messages.length,
    length: conversation.messages.reduce((sum, m) => sum + m.content.length, 0),
    task,
    concern,
  };
}

/** Note the fallbacks in `ctx.facetsFallback` and warn about them (nothing when every answer was the model's). */
export function noteFacetsFallback(
  conversations: readonly Conversation[],
  outcomes: readonly JobOutcome<FacetOutput>[],
  rt: ProviderRuntime,
  ctx: ProviderContext,
): void {
  const failed: number[] = [];
  const refused: number[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.kind === 'failed') failed.push(i);
    if (outcome.kind === 'refused') refused.push(i);
  });
  ctx.facetsFallback?.failed.push(...failed);
  ctx.facetsFallback?.refused.push(...refused);
  if (failed.length + refused.length === 0) return;

  const total = conversations.length;
  const parts: string[] = [];
  if (failed.length) {
    const first = outcomes[failed[0]];
    const problem = first.kind === 'failed' ? `${conversations[failed[0]].id}: ${first.problem}` : '';
    parts.push(
      `${failed.length} got the offline facets because Claude gave no valid facets after ${rt.retry.maxRetries + 1} attempts ` +
        `(first: conversation ${problem}; within --max-failures ${describeLimit(rt.maxFailures, total, 'conversations')}); ` +
        `they are not cached, so a rerun asks Claude again for these ${failed.length} only`,
    );
  }
  if (refused.length) {
    parts.push(`${refused.length} got the refusal facets because the model declined to summarise ${refused.length === 1 ? 'it' : 'them'}`);
  }
  ctx.warn?.({
    code: 'facets-fallback',
    message: `facets: ${failed.length + refused.length} of ${total} conversations fell back: ${parts.join('; ')}`,
  });
}
