/**
 * Whether a saved run's model can place conversations the run has not seen, answered from the provider name
 * the run recorded in run.json. Placement embeds a new conversation's summary with the run's saved model,
 * so it works only when that summary can be recomputed exactly as the run computed it: offline facets are
 * a pure function of the conversation; a model's summaries are not.
 */
import type { Conversation } from '../types.js';
import type { JudgedSide } from '../text/conversation-text.js';
import { extractOfflineFacets } from './offline/facets.js';

/**
 * The summary the run's embedder would have seen for a conversation, or null when the recorded provider's
 * summaries cannot be recomputed (the run cannot place new conversations).
 * @example
 * placementSummarizer('offline', 'prompt')?.(conversation); // 'Explain how tides work.'
 * placementSummarizer('anthropic', 'prompt'); // null
 */
export function placementSummarizer(recordedProvider: string, judge: JudgedSide): ((conversation: Conversation) => string) | null {
  return recordedProvider === 'offline' ? (conversation) => extractOfflineFacets(conversation, judge).summary : null;
}
