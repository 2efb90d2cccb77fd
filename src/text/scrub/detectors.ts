/**
 * The ordered list of PII detectors. Order matters: URLs go first (they may contain emails and IPs), emails
 * before handles, IP addresses and IBANs before the generic digit patterns, cards before phones.
 */
import {
  BARE_DOMAIN_URL,
  CARD,
  EMAIL,
  HANDLE,
  IBAN,
  IPV4,
  IPV6,
  NON_PERSON_HANDLES,
  PHONE,
  SCHEME_URL,
  SSN,
  STREET_ADDRESS,
  UK_NINO,
} from './patterns.js';
import { isCardNumber, isIban, isIpv6, isPhoneNumber, urlHasDetail } from './validators.js';

/** Every kind of finding, in report order. The placeholder for a kind is `[KIND]`. */
export const PII_KINDS = ['EMAIL', 'PHONE', 'CARD', 'SSN', 'IP', 'URL', 'HANDLE', 'ADDRESS', 'IBAN', 'NINO'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

/** Cheap facts about a text, computed once, that let detectors skip their regex entirely. */
export interface TextFacts {
  digits: number;
  hasAt: boolean;
  hasColonPair: boolean;
  colons: number;
  hasSlash: boolean;
  hasScheme: boolean;
}

export interface Detector {
  kind: PiiKind;
  pattern: RegExp;
  /** False when the text cannot contain this kind (skip the regex). */
  applies(facts: TextFacts): boolean;
  /** Replacement for one regex match (containing `[KIND]`), or null to keep the match unchanged. */
  replace(match: string): string | null;
}

const token = (kind: PiiKind): string => `[${kind}]`;

const TRAILING_PUNCTUATION = /[.,;:!?'")\]}>*_]$/;

/** Split a URL match into the URL proper and trailing sentence punctuation (`)` kept when balanced). */
function splitTrailingPunctuation(match: string): [string, string] {
  let end = match.length;
  while (end > 0 && TRAILING_PUNCTUATION.test(match[end - 1])) {
    const url = match.slice(0, end);
    if (match[end - 1] === ')' && countOf(url, '(') >= countOf(url, ')')) break;
    end--;
  }
  return [match.slice(0, end), match.slice(end)];
}

function countOf(text: string, char: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text[i] === char) n++;
  return n;
}

function replaceUrl(match: string): string | null {
  const [url, trailing] = splitTrailingPunctuation(match);
  return urlHasDetail(url) ? token('URL') + trailing : null;
}

/**
 * Accept the longest prefix of `match` that ends at a group boundary (a space or dash) and passes `valid`;
 * whatever follows the prefix is kept. Catches `4111 1111 1111 1111 2025` where an extra group follows.
 */
function longestValidPrefix(match: string, valid: (s: string) => boolean, kind: PiiKind): string | null {
  if (valid(match)) return token(kind);
  for (let end = match.length - 1; end > 0; end--) {
    const c = match[end];
    if (c !== ' ' && c !== '-') continue;
    const prefix = match.slice(0, end);
    if (valid(prefix)) return token(kind) + match.slice(end);
  }
  return null;
}

const fixed =
  (kind: PiiKind) =>
  (): string =>
    token(kind);

/** Detectors in the order they run. */
export const DETECTORS: readonly Detector[] = [
  { kind: 'URL', pattern: SCHEME_URL, applies: (f) => f.hasScheme, replace: replaceUrl },
  { kind: 'URL', pattern: BARE_DOMAIN_URL, applies: (f) => f.hasSlash, replace: replaceUrl },
  { kind: 'EMAIL', pattern: EMAIL, applies: (f) => f.hasAt, replace: fixed('EMAIL') },
  { kind: 'IP', pattern: IPV4, applies: (f) => f.digits >= 4, replace: fixed('IP') },
  {
    kind: 'IP',
    pattern: IPV6,
    applies: (f) => f.hasColonPair || f.colons >= 7,
    replace: (m) => (isIpv6(m) ? token('IP') : null),
  },
  {
    kind: 'IBAN',
    pattern: IBAN,
    applies: (f) => f.digits >= 4,
    replace: (m) => longestValidPrefix(m, isIban, 'IBAN'),
  },
  {
    kind: 'CARD',
    pattern: CARD,
    applies: (f) => f.digits >= 13,
    replace: (m) => longestValidPrefix(m, isCardNumber, 'CARD'),
  },
  { kind: 'SSN', pattern: SSN, applies: (f) => f.digits >= 9, replace: fixed('SSN') },
  { kind: 'NINO', pattern: UK_NINO, applies: (f) => f.digits >= 6, replace: fixed('NINO') },
  {
    kind: 'PHONE',
    pattern: PHONE,
    applies: (f) => f.digits >= 8,
    replace: (m) => (isPhoneNumber(m) ? token('PHONE') : null),
  },
  { kind: 'ADDRESS', pattern: STREET_ADDRESS, applies: (f) => f.digits >= 1, replace: fixed('ADDRESS') },
  {
    kind: 'HANDLE',
    pattern: HANDLE,
    applies: (f) => f.hasAt,
    replace: (m) => (NON_PERSON_HANDLES.has(m.slice(1).toLowerCase()) ? null : token('HANDLE')),
  },
];

/** Compute the pre-check facts in one pass over the text. */
export function factsOf(text: string): TextFacts {
  let digits = 0;
  let colons = 0;
  let hasColonPair = false;
  let hasSlash = false;
  let hasAt = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 58) {
      colons++;
      if (text.charCodeAt(i + 1) === 58) hasColonPair = true;
    } else if (c === 47) hasSlash = true;
    else if (c === 64) hasAt = true;
  }
  return { digits, colons, hasColonPair, hasSlash, hasAt, hasScheme: hasSlash && text.includes('://') };
}
