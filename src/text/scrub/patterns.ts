/**
 * Precompiled candidate patterns for the PII scrubber. Every pattern starts with a look-behind that refuses to
 * start inside a run of the same kind of characters, so each run is scanned once (linear time, no retries from
 * the middle of an identifier). Validation that a regex cannot express lives in validators.ts.
 */

/** URL with a scheme (`https://…`, `postgres://…`); trailing punctuation is trimmed by the detector. */
export const SCHEME_URL = /(?<![\w+.-])[A-Za-z][A-Za-z0-9+.-]{1,15}:\/\/[^\s<>"'`]+/g;

const COMMON_TLDS =
  'com|org|net|edu|gov|mil|int|io|co|ai|app|dev|me|info|biz|xyz|ly|tv|eu|uk|us|ca|au|nz|de|fr|es|it|nl|be|ch|at|' +
  'se|no|dk|fi|pl|cz|ru|ua|jp|cn|kr|in|br|mx|ar|za|ie|pt|gr|tr|il';

/** Schemeless `host.tld/path…` for common TLDs only (so `node.js/express` or `/etc/passwd` stay). */
export const BARE_DOMAIN_URL = new RegExp(
  `(?<![\\w@./:-])(?:www\\.)?(?:[A-Za-z0-9-]+\\.)+(?:${COMMON_TLDS})(?::\\d{1,5})?/[^\\s<>"'\`]*`,
  'gi',
);

/** Email address: local@label(.label)*.tld */
export const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/g;

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';

/** Dotted-quad IPv4, each octet 0–255 without leading zeros; not part of a longer dotted number or word. */
export const IPV4 = new RegExp(`(?<![\\w.])(?:${OCTET}\\.){3}${OCTET}(?!\\w|\\.\\d)`, 'g');

/** IPv6 candidate (hex digits and colons); the detector validates group counts. */
export const IPV6 = /(?<![\w:.])[0-9A-Fa-f:]{3,39}(?![\w:])/g;

/** IBAN-like: country code, check digits, 4-character groups (optionally space-separated). */
export const IBAN = /(?<!\w)[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?!\w)/g;

/**
 * Card-number shapes: 13–19 contiguous digits, or the printed groupings 4-4-4-4(-1..3) and 4-6-4/4-6-5
 * (Diners, Amex) with one consistent space or dash. Free-form digit groups (`000-12-3456 666-12-3456`) are not
 * cards even when they happen to pass Luhn; neither is `+4915112345678` (a phone).
 */
export const CARD =
  /(?<![\w+-])(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?|\d{4}([ -])\d{6}\2\d{4,5})(?!\w)/g;

/** US SSN ddd-dd-dddd without the never-issued areas 000/666/9xx, group 00 or serial 0000. */
export const SSN = /(?<![\w-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?!\w|-\d)/g;

/** UK National Insurance number, e.g. `QQ 12 34 56 C` (prefixes BG, GB, KN, NK, NT, TN, ZZ are never issued). */
export const UK_NINO =
  /(?<!\w)(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?!\w)/g;

/**
 * Phone candidate: `+` international numbers, or digit groups with single space/dot/dash separators and an
 * optional `(area)`. Not glued to words, not continuing into `.5`, `:30`, `/12` or `-7`.
 */
export const PHONE = new RegExp(
  '(?<![\\w+]|\\d[.-])' +
    '(?:\\+\\d[\\d .()-]{6,20}\\d' + // +country …
    '|(?:\\(\\d{2,5}\\)[ .-]?|\\d{1,6}[ .-])(?:\\d{1,6}[ .-]){0,4}\\d{2,6})' + // (area) or first group, more groups
    '(?!\\w|[.:/-]\\d)',
  'g',
);

const STREET_SUFFIX =
  '(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct|Place|Pl|Terrace|Parkway|Pkwy|' +
  'Highway|Hwy|Circle|Square|Sq)';
const UNIT = '(?:Apt|Apartment|Suite|Ste|Unit|Floor|Fl|Flat|Room|#)';

/**
 * Street address: house number, one to three capitalised name words (or an ordinal like `5th`), a street suffix
 * (capitalised or lower-case), an optional quadrant (`NW`), and optionally a unit (`Apt 4B`, `Suite 200`).
 * "5 Main ideas" has no suffix.
 */
export const STREET_ADDRESS = new RegExp(
  '(?<![\\w.,/-])\\d{1,6}[A-Za-z]?' +
    '(?: (?:[NSEW]\\.?|North|South|East|West))?' +
    "(?: (?:[A-Z][A-Za-z'-]+|\\d{1,3}(?:st|nd|rd|th))){1,3}" +
    ` (?:${STREET_SUFFIX}|${STREET_SUFFIX.toLowerCase()})(?!\\w)` +
    '(?: (?:[NS][EW]?|[EW])(?!\\w))?' +
    `(?:\\.?,? ${UNIT}\\.? ?#?[A-Za-z0-9-]{1,6}(?!\\w))?`,
  'g',
);

/** @handle (1–30 word characters, dots inside); not after a word, not an npm scope (`@types/node`). */
export const HANDLE = /(?<![\w@.+\-/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@/]|\.\w)/g;

/**
 * Code annotations, decorators and CSS at-rules that look like handles but are not people. Compared
 * lower-cased, so `@Override` and `@override` both stay.
 */
export const NON_PERSON_HANDLES: ReadonlySet<string> = new Set([
  'param', 'params', 'return', 'returns', 'throws', 'type', 'typedef', 'example', 'see', 'link', 'deprecated',
  'override', 'property', 'staticmethod', 'classmethod', 'dataclass', 'abstractmethod', 'cached_property',
  'media', 'import', 'keyframes', 'font', 'supports', 'charset', 'namespace', 'page', 'layer', 'apply',
  'tailwind', 'container', 'mixin', 'include', 'extend', 'use', 'forward', 'each', 'if', 'else',
  'component', 'injectable', 'input', 'output', 'ngmodule', 'test', 'before', 'after', 'beforeeach',
  'aftereach', 'autowired', 'bean', 'entity', 'column', 'id', 'table', 'getmapping', 'postmapping',
  'requestmapping', 'restcontroller', 'controller', 'service', 'repository', 'configuration', 'transactional',
  'interface', 'end', 'implementation', 'synthesize', 'objc', 'echo', 'everyone', 'here', 'channel',
  'app', 'router', 'pytest', 'fixture', 'functools', 'wraps', 'jit', 'tf', 'torch', 'property',
]);
