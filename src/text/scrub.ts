/**
 * PII scrubber: replaces personal identifiers with typed placeholders (`[EMAIL]`, `[PHONE]`, `[CARD]`, `[SSN]`,
 * `[IP]`, `[URL]`, `[HANDLE]`, `[ADDRESS]`, `[IBAN]`, `[NINO]`) before any text is embedded, labelled or shown.
 *
 * Deliberate choices (near-misses that stay, borderline cases that go):
 * - Bare origins stay: `google.com`, `https://example.com`, `https://example.com/`. A path beyond "/", a query,
 *   a fragment or user info makes it `[URL]`. Schemeless `host.tld/path` is recognised for common TLDs only.
 * - A bare dotted quad is an IP even in a version context ("version 1.2.3.4" → "version [IP]"), but `v1.2.3.4`,
 *   `1.2.3`, `3.14` and five-part versions stay.
 * - Cards must be Luhn-valid (so most 16-digit order ids stay) and contiguous or printed in card groupings
 *   (4-4-4-4, 4-6-5) with spaces or dashes. Phones need separators, parentheses or a leading `+`: a bare digit
 *   run such as `5551234567` (also a Unix timestamp shape) stays.
 * - Addresses need a capitalised street name and a suffix: "12 Baker Street" goes; "5 Main ideas" and the
 *   all-lower-case "12 baker street" stay. Emails need a dotted domain (`user@localhost` stays).
 * - Handles skip code annotations and at-rules (`@Override`, `@media`) and npm scopes (`@types/node`).
 * - `user at example dot com`, lone `@`, `C#`, times, prices and paths like `/etc/passwd` stay.
 *
 * Pure and idempotent: `scrubPii(scrubPii(x)) === scrubPii(x)` (passes repeat to a fixed point; placeholders
 * never match any pattern).
 */
import { DETECTORS, PII_KINDS, factsOf, type PiiKind } from './scrub/detectors.js';

export { PII_KINDS, type PiiKind } from './scrub/detectors.js';

export interface ScrubResult {
  text: string;
  /** Findings removed per kind (every kind present, zero when none). */
  counts: Record<PiiKind, number>;
}

/** A counts record with every kind at zero. */
export function emptyPiiCounts(): Record<PiiKind, number> {
  const counts = {} as Record<PiiKind, number>;
  for (const kind of PII_KINDS) counts[kind] = 0;
  return counts;
}

/** One pass of every applicable detector, in order. */
function scrubOnce(text: string, counts: Record<PiiKind, number> | null): string {
  const facts = factsOf(text);
  let out = text;
  for (const detector of DETECTORS) {
    if (!detector.applies(facts)) continue;
    detector.pattern.lastIndex = 0;
    if (!detector.pattern.test(out)) continue;
    out = out.replace(detector.pattern, (match: string) => {
      const replacement = detector.replace(match);
      if (replacement === null) return match;
      if (counts) counts[detector.kind]++;
      return replacement;
    });
  }
  return out;
}

/**
 * Passes are repeated until nothing changes, because a placeholder can expose a boundary an earlier detector
 * needed (`@bobfe80::1` → `[HANDLE]::1` → `[HANDLE][IP]`). This terminates: every finding removes at least one
 * digit, `@` or `/`, and placeholders contain none. Texts without findings take a single pass.
 */
const MAX_PASSES = 16;

function scrubInto(text: string, counts: Record<PiiKind, number> | null): string {
  let out = text;
  for (let pass = 0; pass < MAX_PASSES && out.length > 0; pass++) {
    const next = scrubOnce(out, counts);
    if (next === out) break;
    out = next;
  }
  return out;
}

/**
 * Replace personal identifiers in `text` with typed placeholders.
 * @example
 * scrubPii('Mail jane.doe@example.com or call +1 (555) 123-4567');
 * // 'Mail [EMAIL] or call [PHONE]'
 */
export function scrubPii(text: string): string {
  return scrubInto(text, null);
}

/**
 * Like {@link scrubPii}, and also count what was removed, so runs can report it.
 * @example
 * scrubFindings('ssn 123-45-6789, ip 10.0.0.1').counts.SSN; // 1
 */
export function scrubFindings(text: string): ScrubResult {
  const counts = emptyPiiCounts();
  return { text: scrubInto(text, counts), counts };
}
