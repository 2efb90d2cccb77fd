/**
 * Synthetic personal data sprinkled into a few user messages, so that privacy scrubbing can be tested.
 * All values are fictional: `example.*` mail domains, 555-01xx phone numbers, made-up streets.
 */
import type { Rng } from '../random.js';

/** Share of ordinary conversations whose first message gets one PII sentence. */
export const PII_RATE = 0.015;

const FIRST = ['jane', 'mark', 'li', 'anna', 'carlos', 'yuki', 'peter', 'nadia', 'sam', 'eva', 'tariq', 'olivia'];
const LAST = ['doe', 'miller', 'wang', 'kowalski', 'silva', 'tanaka', 'okafor', 'berg', 'haddad', 'novak'];
const TLDS = ['com', 'org', 'net'];
const AREA_CODES = ['212', '415', '312', '617', '206', '503', '720', '404'];
const STREETS = ['Elm', 'Maple', 'Oak', 'Harbor', 'Sycamore', 'Willow', 'Cedar', 'Linden', 'Birch', 'Aspen'];
const SUFFIXES = ['Street', 'Avenue', 'Road', 'Lane', 'Drive', 'Court'];
const TOWNS = ['Springfield', 'Riverton', 'Fairview', 'Lakeside', 'Greenville', 'Milford'];

export type PiiKind = 'email' | 'phone' | 'address';

/** A fictional e-mail address such as `jane.doe42@example.org`. */
export function fakeEmail(rng: Rng): string {
  return `${rng.pick(FIRST)}.${rng.pick(LAST)}${10 + rng.int(90)}@example.${rng.pick(TLDS)}`;
}

/** A fictional phone number in the reserved 555-0100…0199 range, e.g. `(415) 555-0137`. */
export function fakePhone(rng: Rng): string {
  return `(${rng.pick(AREA_CODES)}) 555-01${String(rng.int(100)).padStart(2, '0')}`;
}

/** A fictional street address such as `1428 Elm Street, Springfield`. */
export function fakeAddress(rng: Rng): string {
  return `${1 + rng.int(9899)} ${rng.pick(STREETS)} ${rng.pick(SUFFIXES)}, ${rng.pick(TOWNS)}`;
}

/**
 * One sentence carrying one PII item, to append to a user message.
 * @example
 * piiSentence(rng); // " You can email me at mark.berg17@example.net."
 */
export function piiSentence(rng: Rng): { kind: PiiKind; sentence: string } {
  const roll = rng.int(3);
  if (roll === 0) {
    const forms = [' You can email me at EMAIL.', ' my email is EMAIL btw', ' (reply to EMAIL if you can)'];
    return { kind: 'email', sentence: rng.pick(forms).replace('EMAIL', fakeEmail(rng)) };
  }
  if (roll === 1) {
    const forms = [' My number is PHONE if that matters.', ' call me at PHONE', ' text PHONE'];
    return { kind: 'phone', sentence: rng.pick(forms).replace('PHONE', fakePhone(rng)) };
  }
  const forms = [' I live at ADDRESS.', ' my address is ADDRESS', ' (we are at ADDRESS)'];
  return { kind: 'address', sentence: rng.pick(forms).replace('ADDRESS', fakeAddress(rng)) };
}
