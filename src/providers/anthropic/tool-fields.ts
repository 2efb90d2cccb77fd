/**
 * The fields of each forced tool and the limits on them, in one place: prompts.ts builds every tool's JSON
 * schema from these specs and validate.ts holds the model's input to the same specs, so the model is told
 * exactly the limits its answer is checked against. Every field is required and no other field is allowed.
 */
import type Anthropic from '@anthropic-ai/sdk';

/** Non-blank text of at most `maxChars` characters (and `maxWords` words when given), after trimming. */
export interface TextFieldSpec {
  kind: 'text';
  maxChars: number;
  maxWords?: number;
}

/** A whole number from `min` to `max`. */
export interface IntegerFieldSpec {
  kind: 'integer';
  min: number;
  max: number;
}

export type FieldSpec = TextFieldSpec | IntegerFieldSpec;
export type FieldSpecs = Readonly<Record<string, FieldSpec>>;

/** `record_facets`: one conversation's facets. */
export const FACET_FIELDS = {
  summary: { kind: 'text', maxChars: 400 },
  task: { kind: 'text', maxChars: 300 },
  language: { kind: 'text', maxChars: 40 },
  concern: { kind: 'integer', min: 1, max: 5 },
} as const satisfies FieldSpecs;

/** `name_cluster`: a cluster's name (an imperative sentence) and description. */
export const NAME_FIELDS = {
  name: { kind: 'text', maxChars: 120, maxWords: 10 },
  description: { kind: 'text', maxChars: 600 },
} as const satisfies FieldSpecs;

/** `rate_privacy`: a label's privacy score. */
export const PRIVACY_FIELDS = {
  score: { kind: 'integer', min: 1, max: 5 },
} as const satisfies FieldSpecs;

/**
 * Characters as JSON Schema's `maxLength` counts them (Unicode code points, so an emoji is one).
 * @example characterCount('ok 👍') // 4
 */
export function characterCount(text: string): number {
  return [...text].length;
}

/**
 * The words of a name as the word limit counts them: trailing periods and spaces dropped, split on whitespace.
 * @example nameWords('Plan small gardens.') // ['Plan', 'small', 'gardens']
 */
export function nameWords(text: string): string[] {
  return text.trim().replace(/[.\s]+$/, '').split(/\s+/).filter(Boolean);
}

/**
 * A JSON Schema `pattern` for text of 1 to `maxWords` whitespace-separated words (trailing periods allowed).
 * @example new RegExp(wordsPattern(2)).test('Plan gardens.') // true
 */
export function wordsPattern(maxWords: number): string {
  return `^\\s*\\S+(\\s+\\S+){0,${maxWords - 1}}[\\s.]*$`;
}

/** A JSON Schema `pattern` for text with at least one non-space character. */
export const NOT_BLANK = '\\S';

type Property = { type: 'string' | 'integer'; description: string } & Record<string, unknown>;

function propertySchema(spec: FieldSpec, description: string): Property {
  if (spec.kind === 'integer') return { type: 'integer', minimum: spec.min, maximum: spec.max, description };
  const pattern = spec.maxWords === undefined ? NOT_BLANK : wordsPattern(spec.maxWords);
  return { type: 'string', minLength: 1, maxLength: spec.maxChars, pattern, description };
}

/**
 * A tool's input schema from its field specs, with one description per field (the type asks for each).
 * @example toolInputSchema(PRIVACY_FIELDS, { score: 'Privacy rating from 1 to 5' }).required // ['score']
 */
export function toolInputSchema<F extends FieldSpecs>(fields: F, descriptions: { readonly [K in keyof F]: string }): Anthropic.Tool.InputSchema {
  const keys = Object.keys(fields);
  return {
    type: 'object',
    additionalProperties: false,
    required: keys,
    properties: Object.fromEntries(keys.map((key) => [key, propertySchema(fields[key], descriptions[key])])),
  };
}
