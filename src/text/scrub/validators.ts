/**
 * Checks that turn a regex candidate into a finding. Each takes the exact matched text and says whether it
 * really is that kind of identifier (checksums, value ranges, shape rules the regex cannot express cheaply).
 */

/** Digits of `text` as a string (separators dropped). */
export function digitsOf(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) out += text[i];
  }
  return out;
}

/**
 * Luhn checksum over a digit string.
 * @example isLuhnValid('4111111111111111') // true
 */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** A payment-card number: 13–19 digits, Luhn-valid, not one repeated digit (0000… passes Luhn). */
export function isCardNumber(candidate: string): boolean {
  const digits = digitsOf(candidate);
  if (digits.length < 13 || digits.length > 19) return false;
  if (/^(\d)\1*$/.test(digits)) return false;
  return isLuhnValid(digits);
}

/** IBAN: 15–34 characters without spaces and ISO 13616 mod-97 remainder 1. */
export function isIban(candidate: string): boolean {
  const compact = candidate.replace(/ /g, '');
  if (compact.length < 15 || compact.length > 34) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    // Digits count as themselves, letters A–Z as 10–35 (two digits).
    if (c >= 48 && c <= 57) remainder = (remainder * 10 + (c - 48)) % 97;
    else remainder = (remainder * 100 + (c - 55)) % 97;
  }
  return remainder === 1;
}

const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;

/**
 * IPv6 in full (8 groups) or compressed (`::`) form. Requires at least one digit so that identifiers such as
 * `a::b` or `dead::beef` in code stay; IPv4-suffixed forms are handled by the IPv4 pattern.
 */
export function isIpv6(candidate: string): boolean {
  if (!/\d/.test(candidate)) return false;
  const halves = candidate.split('::');
  if (halves.length > 2) return false;
  const groups = (part: string): string[] | null => {
    if (part === '') return [];
    const parts = part.split(':');
    return parts.every((g) => HEX_GROUP.test(g)) ? parts : null;
  };
  if (halves.length === 1) {
    const all = groups(halves[0]);
    return all !== null && all.length === 8;
  }
  const left = groups(halves[0]);
  const right = groups(halves[1]);
  if (left === null || right === null) return false;
  const total = left.length + right.length;
  return total >= 1 && total <= 7;
}

const ISO_DATE_START = /^\d{4}-\d{2}-\d{2}/;
const YEAR = /^(?:19|20)\d\d$/;

/**
 * A phone number candidate (already shaped by the regex: digit groups with single space/dot/dash separators,
 * optional `+country` and `(area)`). Rules:
 * - with a leading `+`: 8–15 digits (E.164);
 * - otherwise: 10–11 digits (a national number), not an ISO date, not a list of years, not thousands
 *   grouping (`1 000 000 000`), not dotted ≤3-digit groups (`192.168.1.256`), and when every group has ≤ 2
 *   digits the first must start with 0 (French style `06 12 34 56 78`, not `10 20 30 40 50`).
 */
export function isPhoneNumber(candidate: string): boolean {
  const digits = digitsOf(candidate);
  if (candidate.startsWith('+')) return digits.length >= 8 && digits.length <= 15;
  if (digits.length < 10 || digits.length > 11) return false;
  if (ISO_DATE_START.test(candidate)) return false;
  const groups = candidate.split(/[^0-9]+/).filter((g) => g.length > 0);
  if (groups.every((g) => YEAR.test(g))) return false;
  if (groups.every((g) => g.length <= 2) && !groups[0].startsWith('0')) return false;
  // Dotted groups of ≤ 3 digits are IP- or version-shaped (`192.168.1.256`), not phone-shaped.
  if (!/[ -]/.test(candidate) && groups.every((g) => g.length <= 3)) return false;
  // Thousands grouping such as `1 000 000 000` or `1.234.567.890`.
  if (groups[0].length <= 3 && groups.slice(1).every((g) => g.length === 3)) return false;
  return true;
}

const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/**
 * Whether a URL carries more than a bare origin: a path beyond "/", a query, a fragment or user info.
 * Bare origins (`https://example.com`, `https://example.com/`, `example.com`) are not personal and stay.
 */
export function urlHasDetail(url: string): boolean {
  const rest = url.replace(URL_SCHEME, '');
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  if (authority.includes('@')) return true;
  if (authorityEnd === -1) return false;
  const tail = rest.slice(authorityEnd);
  return tail !== '/';
}
