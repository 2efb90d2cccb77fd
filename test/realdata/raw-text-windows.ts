/**
 * The raw-text check of the real-data test: does any artifact contain a piece of an input text?
 *
 * Definition. Both sides are whitespace-normalised (runs of whitespace → one space, trimmed) and lower-cased.
 * An input text of ≥ {@link WINDOW} characters leaks when any {@link WINDOW}-character window of it occurs in the
 * text of an artifact. Artifact text is read the way a person or a program would read it:
 * - `.json`: every string value, each on its own (JSON escapes undone), remembered with its path (`[].examples[]`);
 * - `.html`: the file with character references decoded (`&#x27;` → `'`), so escaping cannot hide a text;
 * - other text files (`.md`, `.csv`, …): as written;
 * - binary files (`model/*.bin`): every run of ≥ WINDOW printable characters in them.
 * One exemption: windows that also occur in misfire's own templates (report HTML/CSS/JS) are template
 * boilerplate, not data (a model response that quotes a standard HTML `<head>` matches the report's).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { listFiles } from '../helpers/files.js';

export const WINDOW = 40;
/** A run of ≥ WINDOW characters that are neither control characters nor U+FFFD (invalid UTF-8) in a binary. */
const PRINTABLE_RUN = new RegExp(`[^\\u0000-\\u001f\\u007f-\\u009f\\ufffd]{${WINDOW},}`, 'g');

/** One piece of artifact text with a name for where it came from (file and JSON path, never the text). */
export interface ArtifactText {
  artifact: string;
  field: string;
  text: string;
}

export interface SourceText {
  id: string;
  field: string;
  text: string;
}

export interface Leak {
  itemId: string;
  itemField: string;
  artifact: string;
  field: string;
}

export interface LeakReport {
  /** Input texts long enough to be checked. */
  textsChecked: number;
  leaks: Leak[];
}

/** @example normaliseText(' A\n\tB ') // 'a b' */
export function normaliseText(text: string): string {
  return text.replace(/\s+/gu, ' ').trim().toLowerCase();
}

/** The strings of one item that a person wrote: `text`, `prompt`, `goal`, `response` and every message content. */
export function itemTexts(item: Record<string, unknown>): SourceText[] {
  const id = String(item.id ?? item.conversation_id);
  const out: SourceText[] = [];
  for (const field of ['text', 'prompt', 'goal', 'response']) {
    const value = item[field];
    if (typeof value === 'string') out.push({ id, field, text: value });
  }
  if (Array.isArray(item.messages)) {
    item.messages.forEach((m, i) => {
      const content = (m as { content?: unknown })?.content;
      if (typeof content === 'string') out.push({ id, field: `messages[${i}].content`, text: content });
    });
  }
  return out;
}

/** Read every artifact under `dir` except the files named in `skip` (paths relative to `dir`). */
export function readArtifactTexts(dir: string, skip: readonly string[]): ArtifactText[] {
  const out: ArtifactText[] = [];
  for (const file of listFiles(dir)) {
    const artifact = relative(dir, file);
    if (skip.includes(artifact)) continue;
    out.push(...artifactTexts(artifact, readFileSync(file)));
  }
  return out;
}

/** The readable text of one artifact's bytes (see the module comment for the rules per kind of file). */
export function artifactTexts(artifact: string, bytes: Buffer): ArtifactText[] {
  if (artifact.endsWith('.json')) {
    const out: ArtifactText[] = [];
    collectStrings(JSON.parse(bytes.toString('utf8')), '', (field, text) => out.push({ artifact, field, text }));
    return out;
  }
  if (artifact.endsWith('.html')) {
    const html = decodeCharacterReferences(bytes.toString('utf8'));
    // Inline scripts may carry data as JS/JSON strings: read them with their escapes undone as well.
    return [
      { artifact, field: '(document)', text: html },
      { artifact, field: '(document, string escapes undone)', text: undoStringEscapes(html) },
    ];
  }
  if (/\.(md|csv|txt|css|js|svg)$/.test(artifact)) return [{ artifact, field: '(document)', text: bytes.toString('utf8') }];
  const runs = bytes.toString('utf8').match(PRINTABLE_RUN) ?? [];
  return runs.map((text) => ({ artifact, field: '(printable run in binary)', text }));
}

/**
 * Every (item, artifact field) pair where a window of the item's normalised text occurs in the artifact's
 * normalised text, minus windows that occur in `exempt` (template text).
 */
export function findLeaks(sources: readonly SourceText[], artifacts: readonly ArtifactText[], exempt: readonly string[] = []): LeakReport {
  const exemptWindows = new Set<string>();
  for (const text of exempt) forEachWindow(normaliseText(text), (w) => exemptWindows.add(w));
  const normalised = artifacts.map((a) => normaliseText(a.text));
  // Every artifact window (minus template text) → the first artifact piece holding it; the others are found
  // by a search that only runs for windows that did leak.
  const firstHolder = new Map<string, number>();
  normalised.forEach((text, index) => {
    forEachWindow(text, (w) => {
      if (!firstHolder.has(w) && !exemptWindows.has(w)) firstHolder.set(w, index);
    });
  });
  const seen = new Set<string>();
  const leaks: Leak[] = [];
  let textsChecked = 0;
  for (const source of sources) {
    const text = normaliseText(source.text);
    if (text.length < WINDOW) continue;
    textsChecked++;
    forEachWindow(text, (w) => {
      const first = firstHolder.get(w);
      if (first === undefined) return;
      for (let index = first; index < artifacts.length; index++) {
        if (index !== first && !normalised[index].includes(w)) continue;
        const a = artifacts[index];
        const key = `${source.id}\u0000${source.field}\u0000${a.artifact}\u0000${a.field}`;
        if (seen.has(key)) continue;
        seen.add(key);
        leaks.push({ itemId: source.id, itemField: source.field, artifact: a.artifact, field: a.field });
      }
    });
  }
  return { textsChecked, leaks };
}

/** Leaks grouped by artifact field and item field, with counts and a few item ids: safe to print. */
export function summariseLeaks(leaks: readonly Leak[]): string[] {
  const groups = new Map<string, Set<string>>();
  for (const l of leaks) {
    const key = `${l.artifact} ${genericPath(l.field)} ← item ${l.itemField.replace(/\[\d+\]/g, '[]')}`;
    const ids = groups.get(key) ?? new Set<string>();
    ids.add(l.itemId);
    groups.set(key, ids);
  }
  return [...groups].map(([key, ids]) => `${key}: ${ids.size} items (e.g. ${[...ids].slice(0, 3).join(', ')})`).sort();
}

/** Read every file of misfire's report templates (the exemption list). */
export function templateTexts(templatesDir: string): string[] {
  return listFiles(templatesDir).map((file) => readFileSync(file, 'utf8'));
}

function forEachWindow(text: string, visit: (window: string) => void): void {
  for (let i = 0; i + WINDOW <= text.length; i++) visit(text.slice(i, i + WINDOW));
}

function collectStrings(value: unknown, path: string, visit: (path: string, text: string) => void): void {
  if (typeof value === 'string') visit(path || '(root)', value);
  else if (Array.isArray(value)) value.forEach((v, i) => collectStrings(v, `${path}[${i}]`, visit));
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) collectStrings(v, `${path}.${key}`, visit);
  }
}

function genericPath(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

const NAMED_REFERENCES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Undo HTML character references: named (the common ones), decimal and hexadecimal. */
export function decodeCharacterReferences(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    return NAMED_REFERENCES[ref.toLowerCase()] ?? match;
  });
}

/** Undo JSON/JS string escapes (`\n`, `\"`, `\u0027`, `\/`), for data embedded in inline scripts. */
export function undoStringEscapes(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|["'\\/bfnrt])/g, (_match, esc: string) => {
    if (esc[0] === 'u') return String.fromCharCode(parseInt(esc.slice(1), 16));
    return ({ b: ' ', f: ' ', n: ' ', r: ' ', t: ' ' } as Record<string, string>)[esc] ?? esc;
  });
}

