/**
 * Validation of forced tool-call inputs. The API does not enforce a tool's JSON schema, so every field is
 * checked here against the same field specs the schemas are built from (tool-fields.ts); a rejected input is
 * retried by the runner. Free text is PII-scrubbed after validation.
 */
import { scrubPii } from '../../text/scrub.js';
import { normaliseLanguage } from './language.js';
import { SUMMARY_PREFIX } from './prompts.js';
import { characterCount, FACET_FIELDS, NAME_FIELDS, nameWords, PRIVACY_FIELDS, type IntegerFieldSpec, type TextFieldSpec } from './tool-fields.js';

export type Validated<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface FacetOutput {
  summary: string;
  task: string;
  language: string;
  concern: number;
}

export interface NameOutput {
  name: string;
  description: string;
}

export interface PrivacyOutput {
  score: number;
}

type Fields = Record<string, unknown>;

function asObject(input: unknown): Fields | null {
  return typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Fields) : null;
}

function text(fields: Fields, key: string, spec: TextFieldSpec): string | string[] {
  const value = fields[key];
  if (typeof value !== 'string') return [`${key} must be a string`];
  const trimmed = value.trim();
  if (!trimmed) return [`${key} is empty`];
  if (characterCount(trimmed) > spec.maxChars) return [`${key} is longer than ${spec.maxChars} characters`];
  if (spec.maxWords !== undefined) {
    const words = nameWords(trimmed).length;
    if (words === 0) return [`${key} is empty`];
    if (words > spec.maxWords) return [`${key} has ${words} words (at most ${spec.maxWords})`];
  }
  return trimmed;
}

function integer(fields: Fields, key: string, spec: IntegerFieldSpec): number | string[] {
  const value = fields[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < spec.min || value > spec.max) {
    return [`${key} must be an integer from ${spec.min} to ${spec.max}`];
  }
  return value;
}

function stripPrefix(value: string, prefix: string): string {
  const lower = value.toLowerCase();
  const p = prefix.toLowerCase();
  if (lower.startsWith(p)) return value.slice(prefix.length).trim();
  return value;
}

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

/** Turn a continuation of "The user's overall request for the assistant is to …" into a stand-alone summary. */
export function normaliseSummary(raw: string): string {
  let summary = stripPrefix(raw, SUMMARY_PREFIX);
  summary = stripPrefix(summary, "The user's overall request is to");
  if (/^to\s/i.test(summary)) summary = summary.slice(3).trim();
  return capitalise(summary);
}

/** Check a `record_facets` input; returns scrubbed facets or the first problem found. */
export function validateFacetOutput(input: unknown): Validated<FacetOutput> {
  const fields = asObject(input);
  if (!fields) return { ok: false, problem: 'tool input is not an object' };
  const summary = text(fields, 'summary', FACET_FIELDS.summary);
  const task = text(fields, 'task', FACET_FIELDS.task);
  const language = text(fields, 'language', FACET_FIELDS.language);
  const concern = integer(fields, 'concern', FACET_FIELDS.concern);
  const problems = [summary, task, language, concern].filter((v): v is string[] => Array.isArray(v)).flat();
  if (problems.length) return { ok: false, problem: problems.join('; ') };
  const normalised = normaliseSummary(summary as string);
  if (!normalised) return { ok: false, problem: 'summary is empty after removing the prefix' };
  return {
    ok: true,
    value: {
      summary: scrubPii(normalised),
      task: scrubPii(capitalise(stripPrefix(task as string, 'The task is to'))),
      language: normaliseLanguage(language as string),
      concern: concern as number,
    },
  };
}

/** Check a `name_cluster` input: a name of at most ten words and a description. */
export function validateNameOutput(input: unknown): Validated<NameOutput> {
  const fields = asObject(input);
  if (!fields) return { ok: false, problem: 'tool input is not an object' };
  const name = text(fields, 'name', NAME_FIELDS.name);
  const description = text(fields, 'description', NAME_FIELDS.description);
  const problems = [name, description].filter((v): v is string[] => Array.isArray(v)).flat();
  if (problems.length) return { ok: false, problem: problems.join('; ') };
  const cleanName = (name as string).replace(/[.\s]+$/, '');
  return { ok: true, value: { name: scrubPii(cleanName), description: scrubPii(description as string) } };
}

/** Check a `rate_privacy` input: an integer score 1–5. */
export function validatePrivacyOutput(input: unknown): Validated<PrivacyOutput> {
  const fields = asObject(input);
  if (!fields) return { ok: false, problem: 'tool input is not an object' };
  const score = integer(fields, 'score', PRIVACY_FIELDS.score);
  if (Array.isArray(score)) return { ok: false, problem: score.join('; ') };
  return { ok: true, value: { score } };
}
