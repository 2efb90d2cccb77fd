/**
 * Normalises the model's language answer to an ISO 639-3 code. The tool schema asks for a code; a model
 * that answers with a name ("English") or a two-letter code ("en") is mapped for the common languages,
 * anything else becomes 'und' (the same value the offline detector uses for "unknown").
 */

/** Common language names and ISO 639-1 codes → the ISO 639-3 codes franc reports (a Map: the answer is model output). */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['english', 'eng'], ['en', 'eng'],
  ['spanish', 'spa'], ['es', 'spa'],
  ['french', 'fra'], ['fr', 'fra'],
  ['german', 'deu'], ['de', 'deu'],
  ['portuguese', 'por'], ['pt', 'por'],
  ['italian', 'ita'], ['it', 'ita'],
  ['dutch', 'nld'], ['nl', 'nld'],
  ['russian', 'rus'], ['ru', 'rus'],
  ['chinese', 'cmn'], ['mandarin', 'cmn'], ['zh', 'cmn'], ['zho', 'cmn'],
  ['japanese', 'jpn'], ['ja', 'jpn'],
  ['korean', 'kor'], ['ko', 'kor'],
  ['arabic', 'arb'], ['ar', 'arb'], ['ara', 'arb'],
  ['hindi', 'hin'], ['hi', 'hin'],
  ['turkish', 'tur'], ['tr', 'tur'],
  ['polish', 'pol'], ['pl', 'pol'],
  ['ukrainian', 'ukr'], ['uk', 'ukr'],
  ['vietnamese', 'vie'], ['vi', 'vie'],
  ['indonesian', 'ind'], ['id', 'ind'],
  ['persian', 'pes'], ['farsi', 'pes'], ['fa', 'pes'], ['fas', 'pes'],
  ['swedish', 'swe'], ['sv', 'swe'],
  ['hebrew', 'heb'], ['he', 'heb'],
  ['greek', 'ell'], ['el', 'ell'],
  ['czech', 'ces'], ['cs', 'ces'],
  ['romanian', 'ron'], ['ro', 'ron'],
  ['thai', 'tha'], ['th', 'tha'],
  ['bengali', 'ben'], ['bn', 'ben'],
]);

/**
 * @example
 * normaliseLanguage('English') // 'eng'
 * normaliseLanguage('spa')     // 'spa'
 * normaliseLanguage('Klingon') // 'und'
 */
export function normaliseLanguage(answer: string): string {
  const cleaned = answer.trim().toLowerCase();
  const alias = ALIASES.get(cleaned);
  if (alias) return alias;
  if (/^[a-z]{3}$/.test(cleaned)) return cleaned;
  // "English; Spanish" or "English (US)": take the first language named.
  const first = cleaned.split(/[;,/(]/)[0]?.trim() ?? '';
  return first !== cleaned && first ? normaliseLanguage(first) : 'und';
}
