/** Fills `{slot}` templates with random slot values. Templates are parsed once and cached. */
import type { Rng } from '../random.js';
import { SHARED_SLOTS } from './topics/shared-slots.js';

type SlotTable = Readonly<Record<string, readonly string[]>>;

/** Literal text at even positions, slot names at odd positions. */
type ParsedTemplate = readonly string[];

const parsedCache = new Map<string, ParsedTemplate>();

function parse(template: string): ParsedTemplate {
  let parsed = parsedCache.get(template);
  if (!parsed) {
    parsed = template.split(/\{(\w+)\}/);
    parsedCache.set(template, parsed);
  }
  return parsed;
}

/** Slot names used by a template, in order of appearance. */
export function slotNames(template: string): string[] {
  return parse(template).filter((_, i) => i % 2 === 1);
}

/** The fillers for `slot`: the topic's own, else the shared ones, else undefined. */
export function slotValues(slot: string, topicSlots: SlotTable): readonly string[] | undefined {
  return topicSlots[slot] ?? SHARED_SLOTS[slot];
}

export interface FilledTemplate {
  text: string;
  /** The raw value picked for `watchSlot`, when the template used it. */
  watched?: string;
}

/**
 * Fills every `{slot}` of `template` with a random value. Values written `category|text` contribute only
 * their text; the raw value of `watchSlot` is returned so the caller can read the category.
 * @example
 * fillTemplate('how do I {verb} a process', { verb: ['kill', 'stop'] }, rng).text; // "how do I kill a process"
 */
export function fillTemplate(template: string, topicSlots: SlotTable, rng: Rng, watchSlot?: string): FilledTemplate {
  const parts = parse(template);
  let text = parts[0];
  let watched: string | undefined;
  for (let i = 1; i < parts.length; i += 2) {
    const values = slotValues(parts[i], topicSlots);
    if (!values) throw new Error(`demo template uses unknown slot {${parts[i]}}: ${template}`);
    const raw = rng.pick(values);
    if (parts[i] === watchSlot) watched = raw;
    const bar = raw.indexOf('|');
    text += (bar >= 0 ? raw.slice(bar + 1) : raw) + parts[i + 1];
  }
  return watched === undefined ? { text } : { text, watched };
}

/** Upper-cases the first character. */
export function capitalize(text: string): string {
  return text.length ? text[0].toUpperCase() + text.slice(1) : text;
}
