/** The plain-words line about fallback facets, shared by the report, report.md and the CLI summary. */
import type { RunRecord } from '../artifacts/run-record.js';
import { count, pct } from './format.js';

/**
 * How many conversations have fallback facets and why, or null when every conversation has the model's.
 * @example
 * facetsFallbackText(run) // '2 of 200 conversations (1.0%) have fallback facets: 2 got the offline facets …'
 */
export function facetsFallbackText(run: Pick<RunRecord, 'facets_fallback' | 'rows'>): string | null {
  const { conversations, failed, refused } = run.facets_fallback;
  if (conversations === 0) return null;
  const total = run.rows.conversations;
  const parts: string[] = [];
  if (failed > 0) parts.push(`${count(failed)} got the offline facets (no valid answer from the model after every retry)`);
  if (refused > 0) parts.push(`${count(refused)} got the refusal facets (the model declined to summarise)`);
  const share = total > 0 ? ` (${pct(conversations / total)})` : '';
  return `${count(conversations)} of ${count(total)} conversations${share} have fallback facets: ${parts.join('; ')}. Their summaries are never shown as examples.`;
}
