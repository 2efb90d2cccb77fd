/**
 * What a run notices about its inputs and settings that it can work around on its own, said once each as
 * a warning (stderr and run.json) rather than silently: a --k larger than the data, `concern` metadata outside 1–5.
 */
import { jsonPreview } from '../json-text.js';
import { parseConcern } from '../providers/offline/facets.js';
import type { Conversation } from '../types.js';
import type { WarningSink } from '../warnings.js';

const EXAMPLES = 3;

/**
 * Warn when `--k` asks for more leaf clusters than there are conversations (the hierarchy uses n).
 * @example warnIfKClamped(500, 300, sink); // k-clamped: "--k 500 is more than the 300 conversations; using k = 300"
 */
export function warnIfKClamped(k: number | null, conversations: number, sink: WarningSink): void {
  if (k === null || k <= conversations || conversations === 0) return;
  sink({ code: 'k-clamped', message: `--k ${k} is more than the ${conversations} conversations; using k = ${conversations}` });
}

/**
 * One warning counting the conversations whose `concern` metadata is given but not a whole number 1–5
 * (such values are ignored: the conversation counts as having no concern rating).
 * @example warnAboutConcern(conversations, sink); // concern-out-of-range: "2 conversations have a "concern" value …"
 */
export function warnAboutConcern(conversations: readonly Conversation[], sink: WarningSink): void {
  let count = 0;
  const examples: string[] = [];
  for (const conversation of conversations) {
    const value = conversation.metadata.get('concern');
    if (value === undefined || value === null || value === '' || parseConcern(value) !== undefined) continue;
    count++;
    if (examples.length < EXAMPLES) examples.push(`${conversation.id}: ${jsonPreview(value, 20)}`);
  }
  if (count === 0) return;
  sink({
    code: 'concern-out-of-range',
    message:
      `${count} conversation${count > 1 ? 's have' : ' has'} a "concern" value that is not a whole number from 1 to 5 ` +
      `(e.g. ${examples.join(', ')}); ${count > 1 ? 'those values are' : 'it is'} ignored`,
  });
}
