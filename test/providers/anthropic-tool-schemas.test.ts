/**
 * Every limit the validators enforce is stated in the tool schema the model is given. The limits are found by
 * probing each validator (longest accepted text, accepted integers, most words, required fields), then each
 * probe is judged by the schema as JSON Schema would judge it: the two verdicts must agree, so the schemas
 * and the validators cannot drift apart.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FACETS_TOOL, NAMING_TOOL, PRIVACY_TOOL } from '../../src/providers/anthropic/prompts.js';
import { FACET_FIELDS, NAME_FIELDS, PRIVACY_FIELDS } from '../../src/providers/anthropic/tool-fields.js';
import { validateFacetOutput, validateNameOutput, validatePrivacyOutput, type Validated } from '../../src/providers/anthropic/validate.js';

type Input = Record<string, unknown>;

interface PropertySchema {
  type?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
}

interface ObjectSchema {
  type: string;
  additionalProperties?: boolean;
  required?: string[];
  properties: Record<string, PropertySchema>;
}

interface ToolCase {
  name: string;
  schema: ObjectSchema;
  validate: (input: unknown) => Validated<unknown>;
  valid: Input;
}

const tools: ToolCase[] = [
  {
    name: FACETS_TOOL.name,
    schema: FACETS_TOOL.input_schema as ObjectSchema,
    validate: validateFacetOutput,
    valid: { summary: 'get help with a bug.', task: 'fix a bug', language: 'eng', concern: 2 },
  },
  {
    name: NAMING_TOOL.name,
    schema: NAMING_TOOL.input_schema as ObjectSchema,
    validate: validateNameOutput,
    valid: { name: 'Plan small gardens', description: 'Users planned gardens. They chose plants.' },
  },
  {
    name: PRIVACY_TOOL.name,
    schema: PRIVACY_TOOL.input_schema as ObjectSchema,
    validate: validatePrivacyOutput,
    valid: { score: 4 },
  },
];

/** JSON Schema's verdict on one value (the keywords the tool schemas use; lengths in code points). */
function schemaAccepts(schema: PropertySchema, value: unknown): boolean {
  if (schema.enum && !schema.enum.includes(value)) return false;
  if (schema.type === 'integer') {
    if (typeof value !== 'number' || !Number.isInteger(value)) return false;
    return (schema.minimum === undefined || value >= schema.minimum) && (schema.maximum === undefined || value <= schema.maximum);
  }
  if (schema.type === 'string') {
    if (typeof value !== 'string') return false;
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) return false;
    if (schema.maxLength !== undefined && length > schema.maxLength) return false;
    return schema.pattern === undefined || new RegExp(schema.pattern, 'u').test(value);
  }
  return true;
}

const validatorAccepts = (tool: ToolCase, key: string, value: unknown): boolean => tool.validate({ ...tool.valid, [key]: value }).ok;

/** The longest run of one character the validator accepts in `key` (binary search up to 100 000). */
function longestAccepted(tool: ToolCase, key: string, char: string): number {
  let low = 0;
  let high = 100_000;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (validatorAccepts(tool, key, char.repeat(mid))) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The most space-separated one-letter words the validator accepts in `key`. */
function mostWordsAccepted(tool: ToolCase, key: string): number {
  let n = 1;
  while (n < 200 && validatorAccepts(tool, key, Array(n + 1).fill('w').join(' '))) n++;
  return n;
}

/** Probes around every limit the validator has for `key`, derived from the validator itself. */
function probes(tool: ToolCase, key: string): unknown[] {
  const sample = tool.valid[key];
  if (typeof sample === 'number') {
    const accepted = Array.from({ length: 41 }, (_, i) => i - 20).filter((n) => validatorAccepts(tool, key, n));
    const [min, max] = [Math.min(...accepted), Math.max(...accepted)];
    return [min - 1, min, max, max + 1, min + 0.5, String(min), null];
  }
  const longest = longestAccepted(tool, key, 'a');
  const out: unknown[] = ['', ' ', '\n\t', 'a'.repeat(longest), 'a'.repeat(longest + 1), '👍'.repeat(longest), '👍'.repeat(longest + 1), 7, null];
  const words = mostWordsAccepted(tool, key);
  if (words * 2 < longest) out.push(Array(words).fill('w').join(' '), Array(words + 1).fill('w').join(' '));
  return out;
}

describe('tool schemas state every limit the validators enforce', () => {
  for (const tool of tools) {
    describe(tool.name, () => {
      it('is an object schema naming exactly the fields the validator reads, all required, nothing else allowed', () => {
        expect(tool.validate(tool.valid).ok).toBe(true);
        expect(tool.schema.type).toBe('object');
        expect(tool.schema.additionalProperties).toBe(false);
        expect(Object.keys(tool.schema.properties).sort()).toEqual(Object.keys(tool.valid).sort());
        for (const key of Object.keys(tool.valid)) {
          const { [key]: _dropped, ...without } = tool.valid;
          expect(tool.validate(without).ok, `${key} is optional to the validator`).toBe(false);
          expect(tool.schema.required, `${key} is required by the validator`).toContain(key);
        }
      });

      for (const key of Object.keys(tool.valid)) {
        it(`${key}: the schema accepts exactly what the validator accepts at every limit`, () => {
          const property = tool.schema.properties[key];
          for (const value of probes(tool, key)) {
            const shown = typeof value === 'string' && value.length > 12 ? `${value.slice(0, 6)}… (${[...value].length} chars)` : JSON.stringify(value);
            expect(schemaAccepts(property, value), `${key} = ${shown}`).toBe(validatorAccepts(tool, key, value));
          }
        });
      }
    });
  }

  it('a name of any number of words, with or without a final period, gets the same verdict from schema and validator', () => {
    const naming = tools[1];
    const word = fc.stringMatching(/^[a-z]{1,6}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 14 }), fc.constantFrom('', '.', ' .', '. '), (words, end) => {
        const name = `${words.join(' ')}${end}`;
        expect(schemaAccepts(naming.schema.properties.name, name)).toBe(validatorAccepts(naming, 'name', name));
      }),
    );
  });

  it('the limits are the shared field specs, which the schemas state as written', () => {
    const facets = tools[0].schema.properties;
    expect(facets.language).toMatchObject({ type: 'string', maxLength: FACET_FIELDS.language.maxChars });
    expect(facets.summary).toMatchObject({ type: 'string', maxLength: FACET_FIELDS.summary.maxChars });
    expect(facets.task).toMatchObject({ type: 'string', maxLength: FACET_FIELDS.task.maxChars });
    expect(facets.concern).toMatchObject({ type: 'integer', minimum: FACET_FIELDS.concern.min, maximum: FACET_FIELDS.concern.max });
    expect(tools[1].schema.properties.name).toMatchObject({ maxLength: NAME_FIELDS.name.maxChars });
    expect(tools[1].schema.properties.description).toMatchObject({ maxLength: NAME_FIELDS.description.maxChars });
    expect(tools[2].schema.properties.score).toMatchObject({ minimum: PRIVACY_FIELDS.score.min, maximum: PRIVACY_FIELDS.score.max });
  });
});
