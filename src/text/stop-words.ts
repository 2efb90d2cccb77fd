/**
 * What never makes a useful cluster label: English function words, request boilerplate ("quick question",
 * "keep it short please", "thanks in advance") and generic request verbs ("explain", "help"). Used by the
 * c-TF-IDF labeller and by the keyword condensation of report examples.
 */

/** Function words and generic request words; lower-case. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all almost along already also although always am among an and another any anybody
anyone anything anyway anywhere are around as ask asked asking at away back be became because become been before being
below best better between both but by came can cannot could did do does doing done down during each either else enough
etc even ever every everybody everyone everything exactly few find first for from further get gets getting give given go
goes going gone good got great had has have having he her here hers herself hey hi him himself his how however i if in
instead into is it its itself just keep kind know last least less let like lot lots made make makes making many may maybe
me might mine more most much must my myself near need needs never new next no nobody none nor not nothing now of off often
oh ok okay on once one only onto or other others otherwise our ours ourselves out over own per perhaps please pls plz
possible possibly pretty probably put quick quite rather really right said same say says see seem seems several shall she
should since so some somebody someone something sometimes somewhat soon sort still stuff such sure take tell than thank
thanks that the their theirs them themselves then there these they thing things think this those though through thus thx
till to too toward towards try trying tried ty under unless until up upon us use used uses using very via want wanted
wants was way ways we well went were what whatever when where whether which while who whoever whom whose why will with
within without would yeah yes yet you your yours yourself yourselves hello dear sir madam guys folks lol btw fyi imo
idk tbh asap mr mrs ms dr miss prof also appreciated appreciate advance sorry dumb stupid silly question questions answer answers help helps
helping helpful explain explained explaining tell understand idea ideas thoughts wondering wonder curious mean means
meaning actually basically literally simply currently recently usually normally generally especially specifically
something anything everything wanna gonna gotta able unable short brief briefly simple easy easiest easier hard
ve ll re don doesn didn isn aren wasn weren won wouldn couldn shouldn hasn haven hadn ain im id ive youre dont cant
wont isnt thats whats theres theyre youve weve hes shes doesnt didnt arent wasnt shouldnt wouldnt
couldnt havent hasnt two three four five six seven eight nine ten eleven twelve twenty hundred thousand second third
past describe describing write writing written show showing list create generate provide suggest recommend summarize
summarise work works working worked thinking feel feels`.split(/\s+/),
);

/**
 * Request boilerplate removed as whole phrases before words are taken, so their words never become labels
 * ("project" stays a content word; "asking for a project" is not one). Case-insensitive, on word boundaries.
 */
const BOILERPLATE_PHRASES: readonly string[] = [
  'sorry if this is a dumb question', 'sorry if this is dumb', 'sorry if this is a stupid question',
  'sorry if this is stupid', 'this might be a dumb question', 'quick question', 'random question', 'question for you',
  'any help appreciated', 'any help is appreciated', 'any help would be appreciated', 'all help appreciated',
  'thanks in advance', 'thank you in advance', 'thanks a lot', 'thank you so much', 'thank you', 'many thanks',
  'keep it short', 'keep it brief', 'be brief', 'short answer please', 'in simple terms', 'in plain english',
  'asking for a project', 'asking for a friend', 'for a school project', 'for a project', 'just curious',
  'can you please', 'could you please', 'would you please', 'can you', 'could you', 'would you', 'will you',
  'i was wondering if', 'i was wondering', 'i want to know', 'i would like to know', 'i need to know',
  'do you know', 'is it possible to', 'is there a way to', 'what is the best way to', 'what is the easiest way to',
  'help me', 'walk me through', 'i need help', 'need help', 'please help', 'hi there', 'hello there', 'hey there', 'good morning',
  'good evening', 'good afternoon',
];

const BOILERPLATE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...BOILERPLATE_PHRASES].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
);

/** Placeholders the scrubber and summariser leave behind ([EMAIL], [PHONE], [code], …) are not words. */
const PLACEHOLDER = /\[[A-Za-z_]+\]/g;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’+#-]*/gu;
const APOSTROPHE_OR_HYPHEN = /['’-]/;
const NUMBER_LIKE = /^[\p{N}.,:/+#-]+[a-z]{0,2}$/u;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
}

/** True for a word that can carry a label: not a stop word, not a number, at least 2 characters. */
export function isContentWord(word: string): boolean {
  return word.length > 1 && !STOP_WORDS.has(word) && !NUMBER_LIKE.test(word);
}

/**
 * The words of a text, lower-cased, in order, with placeholders and request boilerplate replaced by a
 * break (`null`) so that no phrase spans them.
 * @example
 * textWords('Quick question: how do I kill a zombie process? ty');
 * // [null, 'how', 'do', 'i', 'kill', 'a', 'zombie', 'process', null, 'ty']
 */
export function textWords(text: string): (string | null)[] {
  const cleaned = text.replace(PLACEHOLDER, ' | ').replace(BOILERPLATE, ' | ').toLowerCase();
  const out: (string | null)[] = [];
  // Sentence punctuation also breaks phrases: "kill it. Next question" must not yield "it next".
  for (const chunk of cleaned.split(/[|.!?;:,()"“”\n]+|\s[-–—]\s/)) {
    if (out.length && out[out.length - 1] !== null) out.push(null);
    for (const raw of chunk.match(WORD) ?? []) {
      // Most words hold no apostrophe or hyphen, and then every replacement below leaves them as they are.
      const w = APOSTROPHE_OR_HYPHEN.test(raw) ? raw.replace(/’/g, "'").replace(/^['-]+|['-]+$/g, '').replace(/'s$/, '').replace(/'/g, '') : raw;
      if (w) out.push(w);
    }
  }
  return out;
}
