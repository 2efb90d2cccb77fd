/**
 * The fields a run can slice by: every metadata field of the conversations and the detected-language facet;
 * each conversation's value of a field as text; which fields `--slice-by` names (checked against the data)
 * or, without it, which the default rule picks. Pure: no I/O.
 */
import { distinctUsersPerCluster } from '../clustering/privacy.js';
import { configError } from '../errors.js';
import type { Conversation, Facets, MetadataValue } from '../types.js';

/** The name of the detected-language facet as a slicing field (unless a metadata field has that name). */
export const LANGUAGE_FACET = 'language';
/** The default rule takes a field only with 2 to this many distinct values. */
export const MAX_DEFAULT_VALUES = 50;
/** A field named with --slice-by may have at most this many distinct values (more is an id, not a slice). */
export const MAX_VALUES = 1000;
/** How many field names a message lists before "…". */
const LISTED_FIELDS = 30;

export type FieldSource = 'metadata' | 'facet';

/** A field chosen to slice by, before its values are read. */
export interface FieldChoice {
  field: string;
  source: FieldSource;
}

/** A slicing field with every conversation's value (null: the conversation has none). */
export interface SliceField extends FieldChoice {
  values: (string | null)[];
}

/**
 * The text a metadata value is grouped by: strings as they are, numbers and booleans as JSON writes them;
 * null, a missing field and an empty (or all-space) string are "no value".
 * @example
 * valueText(3); // '3'
 * valueText('  '); // null
 */
export function valueText(value: MetadataValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  const text = typeof value === 'string' ? value : String(value);
  return text.trim() === '' ? null : text;
}

/**
 * Every metadata field name any conversation has, sorted.
 * @example
 * metadataFieldNames(conversations); // ['channel', 'concern', 'topic']
 */
export function metadataFieldNames(conversations: readonly Conversation[]): string[] {
  const names = new Set<string>();
  for (const c of conversations) for (const key of c.metadata.keys()) names.add(key);
  return [...names].sort(byCodeUnit);
}

/**
 * The language facet's field name: `language`, or `language (detected)` when a metadata field is already
 * called `language` (the field the data brings keeps its name).
 * @example
 * languageFieldName(['channel']); // 'language'
 */
export function languageFieldName(metadataFields: readonly string[]): string {
  const taken = new Set(metadataFields);
  let name = LANGUAGE_FACET;
  while (taken.has(name)) name = `${name} (detected)`;
  return name;
}

/**
 * The fields `--slice-by` names, checked against the conversations (before any expensive work), or null
 * for the default rule (`sliceFields` applies it once the facets exist). An unknown field is a config
 * error naming it and listing the fields there are.
 * @example
 * chosenFields(['channel', 'language'], conversations); // [{ field: 'channel', source: 'metadata' }, { field: 'language', source: 'facet' }]
 * chosenFields(['chanel'], conversations); // throws '--slice-by names a field the conversations do not have: "chanel" (fields: "channel", "language", …)'
 */
export function chosenFields(sliceBy: readonly string[] | null, conversations: readonly Conversation[]): FieldChoice[] | null {
  if (sliceBy === null) return null;
  const metadata = metadataFieldNames(conversations);
  const language = languageFieldName(metadata);
  const known = new Set(metadata);
  const unknown = sliceBy.filter((field) => field !== language && !known.has(field));
  if (unknown.length) {
    const fields = [language, ...metadata].sort(byCodeUnit);
    const listed = fields.slice(0, LISTED_FIELDS).map((f) => JSON.stringify(f)).join(', ') + (fields.length > LISTED_FIELDS ? `, … (${fields.length} in all)` : '');
    throw configError(
      `--slice-by names ${unknown.length > 1 ? 'fields' : 'a field'} the conversations do not have: ${unknown.map((f) => JSON.stringify(f)).join(', ')} (fields: ${listed})`,
    );
  }
  return sliceBy.map((field) => ({ field, source: field === language ? 'facet' : 'metadata' }));
}

export interface SliceFieldsInput {
  conversations: readonly Conversation[];
  facets: readonly Facets[];
  /** What `chosenFields` returned: the named fields, or null for the default rule. */
  chosen: readonly FieldChoice[] | null;
  /** Dense user index per conversation (clustering/privacy.ts indexUsers). */
  userOf: Int32Array;
  minUsers: number;
  minConversations: number;
}

/**
 * The slicing fields with their values. Named fields are taken as named (at most MAX_VALUES distinct
 * values each); the default is the language facet when it has two values or more, and every metadata field
 * with 2–MAX_DEFAULT_VALUES distinct values (no value counting as one) each held by at least `minUsers`
 * users in at least `minConversations` conversations — so the default shows no suppressed value.
 * @example
 * sliceFields({ conversations, facets, chosen: null, userOf, minUsers: 5, minConversations: 5 }).map((f) => f.field); // ['language', 'channel', 'concern']
 */
export function sliceFields(input: SliceFieldsInput): SliceField[] {
  const metadata = metadataFieldNames(input.conversations);
  const language = languageFieldName(metadata);
  const read = (choice: FieldChoice): SliceField => ({
    ...choice,
    values: choice.source === 'facet' ? input.facets.map((f) => valueText(f.language)) : input.conversations.map((c) => valueText(c.metadata.get(choice.field))),
  });
  if (input.chosen !== null) {
    return input.chosen.map((choice) => {
      const field = read(choice);
      const distinct = new Set(field.values).size;
      if (distinct > MAX_VALUES) {
        throw configError(`--slice-by: field ${JSON.stringify(field.field)} has ${distinct} distinct values (at most ${MAX_VALUES}): a value per conversation or user is an id, not a slice`);
      }
      return field;
    });
  }
  const fields: SliceField[] = [];
  const facet = read({ field: language, source: 'facet' });
  if (new Set(facet.values).size >= 2) fields.push(facet);
  for (const name of metadata) {
    const field = read({ field: name, source: 'metadata' });
    if (qualifies(field.values, input)) fields.push(field);
  }
  return fields;
}

/** The default rule for one metadata field. */
function qualifies(values: readonly (string | null)[], input: SliceFieldsInput): boolean {
  const index = new Map<string | null, number>();
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let code = index.get(values[i]);
    if (code === undefined) {
      if (index.size >= MAX_DEFAULT_VALUES) return false;
      index.set(values[i], (code = index.size));
    }
    codes[i] = code;
  }
  if (index.size < 2) return false;
  const sizes = new Int32Array(index.size);
  for (const code of codes) sizes[code]++;
  const users = distinctUsersPerCluster(codes, input.userOf, index.size);
  for (let v = 0; v < index.size; v++) if (users[v] < input.minUsers || sizes[v] < input.minConversations) return false;
  return true;
}

/** Plain code-unit order (locale-free, so every machine sorts alike). */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
