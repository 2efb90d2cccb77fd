/** English function words and request boilerplate that never make a useful cluster label. */
export const STOP_WORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both but by
can could did do does doing down during each few for from further had has have having he her here hers herself him himself
his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them themselves then there these they this
those through to too under until up very was we were what when where which while who whom why will with would you your
yours yourself yourselves also get got make made want need like please help tell give know let thanks thank hi hello hey
dear ok okay yes really much many one two way something anything someone thing things use using used able well still even
ve ll re don doesn didn isn aren wasn weren won wouldn couldn shouldn im id`.split(/\s+/),
);

/** Placeholders the scrubber leaves behind ([EMAIL], [PHONE], …) are not words of the request. */
const PLACEHOLDER = /\[[A-Z_]+\]/g;

const WORD = /[\p{L}][\p{L}\p{N}'-]*/gu;

/** Terms for labelling one text: content unigrams and adjacent-pair bigrams, lower-cased. */
export function labelTerms(text: string): string[] {
  const words = (text.replace(PLACEHOLDER, ' ').toLowerCase().match(WORD) ?? [])
    .map((w) => w.replace(/^['-]+|['-]+$/g, ''))
    .filter((w) => w.length > 1);
  const terms: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const content = !STOP_WORDS.has(w) && !/^\d+$/.test(w);
    if (content) terms.push(w);
    const next = words[i + 1];
    if (content && next && !STOP_WORDS.has(next) && !/^\d+$/.test(next)) terms.push(`${w} ${next}`);
  }
  return terms;
}
