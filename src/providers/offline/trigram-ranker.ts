/**
 * franc's language ranking (`francAll(value, { minLength, only })`), computed from franc's own trigram models
 * and script expressions but with the models for the allowed languages merged into one table: trigram →
 * its rank in every allowed language. franc looks each distinct trigram of a sample up once per language
 * (an object lookup each, ~56 languages here); this looks it up once in all. The scores are the same
 * numbers in the same order (the distances are sums of integers, the normalisation the same expression,
 * ties kept in franc's language order); test/providers/trigram-ranker.test.ts checks them against
 * `francAll` on thousands of samples. It was most of the offline facet stage's time (profile of a
 * 100,000-conversation run: 4.3 s of 7.0 s on one thread).
 */
import { data } from 'franc/data.js';
import { expressions } from 'franc/expressions.js';

/** franc's maximum sample length (characters). */
const MAX_LENGTH = 2048;
/** franc's distance for a trigram that a language model does not contain. */
const MAX_DIFFERENCE = 300;
/** Rank recorded for a language whose model lacks the trigram. */
const ABSENT = -1;

/** A language code with its normalised score (1 = best), best first: the shape `francAll` returns. */
export type LanguageScores = Array<[string, number]>;

interface ScriptModel {
  languages: string[];
  /** trigram → rank of the trigram in each allowed language's model (ABSENT when missing). */
  ranks: Map<string, Int16Array>;
}

const UND: () => LanguageScores = () => [['und', 1]];

/** Ranks languages like franc's `francAll(value, { minLength, only })`; build once, call per sample. */
export interface TrigramRanker {
  rank(value: string): LanguageScores;
}

/**
 * A ranker for franc's languages restricted to `only`, with franc's minimum sample length `minLength`.
 * @example
 * const ranker = createTrigramRanker(['eng', 'deu', 'fra'], 10);
 * ranker.rank('Kannst du mir bitte erklären, wie man einen Kuchen backt?')[0][0]; // 'deu'
 */
export function createTrigramRanker(only: readonly string[], minLength: number): TrigramRanker {
  const allowed = new Set(only);
  const models = new Map<string, ScriptModel>();
  for (const [script, languages] of Object.entries(data)) models.set(script, scriptModel(languages, allowed));
  const scripts = Object.entries(expressions);
  return {
    rank(value: string): LanguageScores {
      if (!value || value.length < minLength) return UND();
      const sample = value.slice(0, MAX_LENGTH);
      const [script, count] = topScript(sample, scripts);
      const model = script === undefined ? undefined : models.get(script);
      if (script === undefined || model === undefined) {
        if (script === undefined || count === 0 || !allowed.has(script)) return UND();
        return [[script, 1]];
      }
      if (model.languages.length === 0) return UND();
      return normalize(sample.length, distances(sample, model));
    },
  };
}

function scriptModel(languages: Record<string, string>, allowed: ReadonlySet<string>): ScriptModel {
  const kept = Object.keys(languages).filter((language) => allowed.has(language));
  const ranks = new Map<string, Int16Array>();
  kept.forEach((language, l) => {
    const trigrams = languages[language].split('|');
    // A trigram listed twice keeps its first (lowest) rank, as in franc (it assigns from the end backwards).
    for (let rank = 0; rank < trigrams.length; rank++) {
      let row = ranks.get(trigrams[rank]);
      if (row === undefined) {
        row = new Int16Array(kept.length).fill(ABSENT);
        ranks.set(trigrams[rank], row);
      }
      if (row[l] === ABSENT) row[l] = rank;
    }
  });
  return { languages: kept, ranks };
}

/** The script whose expression matches the largest share of the sample (first in franc's order on ties). */
function topScript(sample: string, scripts: ReadonlyArray<[string, RegExp]>): [string | undefined, number] {
  let top: string | undefined;
  let topCount = -1;
  for (const [script, expression] of scripts) {
    const matches = sample.match(expression);
    const count = (matches ? matches.length : 0) / sample.length || 0;
    if (count > topCount) {
      topCount = count;
      top = script;
    }
  }
  return [top, topCount];
}

/** Distinct trigrams of the sample, cleaned as franc's trigram-utils does, with their counts. */
function trigramCounts(sample: string): Map<string, number> {
  const cleaned = sample.replace(/[\u0021-\u0040]+/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
  const padded = ` ${cleaned} `;
  const counts = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const trigram = padded.slice(i, i + 3);
    counts.set(trigram, (counts.get(trigram) ?? 0) + 1);
  }
  return counts;
}

/** franc's distance of the sample to every allowed language of the script, sorted ascending (stable). */
function distances(sample: string, model: ScriptModel): LanguageScores {
  const { languages, ranks } = model;
  const sums = new Float64Array(languages.length);
  let unknown = 0;
  for (const [trigram, count] of trigramCounts(sample)) {
    const row = ranks.get(trigram);
    if (row === undefined) {
      unknown++;
      continue;
    }
    for (let l = 0; l < row.length; l++) {
      const rank = row[l];
      sums[l] += rank === ABSENT ? MAX_DIFFERENCE : Math.abs(count - rank - 1);
    }
  }
  const scored: LanguageScores = languages.map((language, l) => [language, sums[l] + unknown * MAX_DIFFERENCE]);
  return scored.sort((a, b) => a[1] - b[1]);
}

/** franc's normalisation: 1 for the nearest language, falling towards 0 with distance. */
function normalize(sampleLength: number, scored: LanguageScores): LanguageScores {
  const min = scored[0][1];
  const max = sampleLength * MAX_DIFFERENCE - min;
  for (const entry of scored) entry[1] = 1 - (entry[1] - min) / max || 0;
  return scored;
}
