/**
 * The text the offline LSA embedding is computed from: the content words of a request summary, without
 * function words, request boilerplate ("quick question", "keep it short please", "thanks in advance")
 * or numbers. Openers and closers say nothing about what a request is about, yet in TF-IDF they weigh as
 * much as the topic's own words, so requests that share only their politeness would end up neighbours.
 *
 * Every place that embeds text with an LSA model must go through {@link embeddingText}: the run's embedder
 * (fit and transform) and the CI gate's placement of unseen conversations with the saved model. The
 * summary itself is unchanged everywhere else (labels, examples, the report).
 */
import { isContentWord, textWords } from './stop-words.js';

/**
 * Names what {@link embeddingText} does; saved with a run's LSA model so a model fitted on other text (an
 * older misfire) is never applied to this text by the gate. Change it whenever embeddingText changes.
 */
export const EMBEDDING_TEXT_VERSION = 'content-words/v1';

/**
 * The content words of `summary`, lower-cased, in order, joined by single spaces. A summary with no
 * content word at all ("how do I do this?") is returned unchanged, so it still embeds by what it says.
 * @example
 * embeddingText('Quick question: how do I kill a zombie process on Ubuntu? Thanks in advance');
 * // 'kill zombie process ubuntu'
 */
export function embeddingText(summary: string): string {
  let out = '';
  for (const word of textWords(summary)) {
    if (word === null || !isContentWord(word)) continue;
    out = out ? `${out} ${word}` : word;
  }
  return out || summary;
}

/**
 * {@link embeddingText} of every summary, in order.
 * @example
 * embeddingTexts(['Hi! Best wine for risotto?', 'ok so how do I bake sourdough']); // ['wine risotto', 'bake sourdough']
 */
export function embeddingTexts(summaries: readonly string[]): string[] {
  return summaries.map(embeddingText);
}
