/**
 * Test helper: a slice of the demo data with HTML/JS injection payloads planted everywhere a string can
 * travel into the report — message text (→ summaries, names, examples), conversation ids (→ gap details),
 * classifier names, label categories, and a verdict row for an unknown id (→ "missing" lines); and, in a
 * finished run, the names of pockets found among the errors (→ the pockets-by-meaning tables and plots).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MetricsDocument } from '../../src/artifacts/metrics-document.js';
import { errorPocketRow } from '../../src/metrics/error-pockets.js';
import { demoFile } from './paths.js';

export const SCRIPT_PAYLOAD = '<script>alert(1)</script>';
export const ATTRIBUTE_PAYLOAD = '" onerror="alert(1)';
export const IMG_PAYLOAD = '<img src=x onerror=alert(1)>';
/** Classifier names as they appear in the hostile verdicts. */
export const HOSTILE_CLASSIFIERS = [`kw${SCRIPT_PAYLOAD}`, `det${ATTRIBUTE_PAYLOAD}`, `v3${IMG_PAYLOAD}`];

const RENAME: Record<string, string> = { 'keyword-v1': HOSTILE_CLASSIFIERS[0], 'detector-v2': HOSTILE_CLASSIFIERS[1], 'detector-v3': HOSTILE_CLASSIFIERS[2] };

/** The demo's channels renamed to payloads, and a metadata field whose name is one. */
export const HOSTILE_CHANNELS: Readonly<Record<string, string>> = { api: `api${SCRIPT_PAYLOAD}`, web: `web${ATTRIBUTE_PAYLOAD}` };
export const HOSTILE_FIELD = `plan${SCRIPT_PAYLOAD}`;

export interface HostileFiles {
  conversations: string;
  verdicts: string;
  labels: string;
}

/** CSV field, quoted when needed. */
function csv(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Write hostile copies of the first `n` demo conversations (with verdicts and labels) into `dir`. */
export async function writeHostileDataset(dir: string, n = 900): Promise<HostileFiles> {
  const lines = (await readFile(demoFile('conversations.jsonl'), 'utf8')).split('\n').filter(Boolean).slice(0, n);
  const hostileId = (id: string, i: number) => (i % 50 === 7 ? `${id}${SCRIPT_PAYLOAD}${ATTRIBUTE_PAYLOAD}` : id);
  const idMap = new Map<string, string>();
  const conversations = lines.map((line, i) => {
    const row = JSON.parse(line) as { id: string; user_id: string; messages: { role: string; content: string }[]; channel: string };
    const id = hostileId(row.id, i);
    // Metadata values and a field name become slices (the default rule): their text reaches the report.
    row.channel = HOSTILE_CHANNELS[row.channel] ?? row.channel;
    Object.assign(row, { [HOSTILE_FIELD]: i % 2 ? 'even' : `odd${IMG_PAYLOAD}` });
    idMap.set(row.id, id);
    if (i % 3 === 0) {
      const payload = i % 2 === 0 ? SCRIPT_PAYLOAD : `${ATTRIBUTE_PAYLOAD} ${IMG_PAYLOAD}`;
      row.messages[0].content = `${row.messages[0].content} ${payload}`;
    }
    return JSON.stringify({ ...row, id });
  });
  const verdictRows = (await readFile(demoFile('verdicts.csv'), 'utf8')).split('\n').filter(Boolean);
  const verdicts = [verdictRows[0]];
  for (const row of verdictRows.slice(1)) {
    const [id, classifier, score, flagged] = row.split(',');
    const mapped = idMap.get(id);
    if (mapped === undefined) continue;
    verdicts.push([mapped, RENAME[classifier] ?? classifier, score, flagged].map(csv).join(','));
  }
  verdicts.push([`ghost${SCRIPT_PAYLOAD}`, HOSTILE_CLASSIFIERS[0], '0.9', '1'].map(csv).join(','));
  const labelRows = (await readFile(demoFile('labels.csv'), 'utf8')).split('\n').filter(Boolean);
  const labels = [labelRows[0]];
  for (const row of labelRows.slice(1)) {
    const [id, label, category] = row.split(',');
    const mapped = idMap.get(id);
    if (mapped === undefined) continue;
    const hostileCategory = category === 'drugs' ? `drugs${SCRIPT_PAYLOAD}` : category === 'fraud' ? `fraud${ATTRIBUTE_PAYLOAD}` : category ?? '';
    labels.push([mapped, label, hostileCategory].map(csv).join(','));
  }
  const files = { conversations: join(dir, 'conversations.jsonl'), verdicts: join(dir, 'verdicts.csv'), labels: join(dir, 'labels.csv') };
  await writeFile(files.conversations, `${conversations.join('\n')}\n`);
  await writeFile(files.verdicts, `${verdicts.join('\n')}\n`);
  await writeFile(files.labels, `${labels.join('\n')}\n`);
  return files;
}

/** The name, description and terms planted on error pockets by `plantHostileErrorPockets`. */
export const HOSTILE_POCKET_LABEL = `pocket${SCRIPT_PAYLOAD}${ATTRIBUTE_PAYLOAD}`;
export const HOSTILE_POCKET_DESCRIPTION = `about ${IMG_PAYLOAD}`;

/**
 * Give every classifier's first false-positive pocket found among the errors (adding one where the search
 * found none) a hostile name, description and terms, and a hostile leaf id, in the run's metrics.json.
 */
export async function plantHostileErrorPockets(runDir: string): Promise<void> {
  const file = join(runDir, 'metrics.json');
  const metrics = JSON.parse(await readFile(file, 'utf8')) as MetricsDocument;
  for (const c of metrics.classifiers) {
    if (!c.error_pockets) throw new Error(`${c.name}: the run did not search for error pockets`);
    const search = c.error_pockets.false_positive;
    const base = search.pockets[0] ?? errorPocketRow('FP-1', 'false_positive', { n: 30, errors: 20, users: 30, p: 0.02, statistic: 12, leaves: [] }, { n: c.overall.fp + c.overall.tn, errors: c.overall.fp });
    const hostile = { ...base, label: HOSTILE_POCKET_LABEL, description: HOSTILE_POCKET_DESCRIPTION, terms: [SCRIPT_PAYLOAD], suppressed: false, leaves: [{ cluster_id: 'L0-000', n: 10 }, { cluster_id: `L0${SCRIPT_PAYLOAD}`, n: 5 }] };
    search.pockets = [hostile, ...search.pockets.slice(1)];
  }
  await writeFile(file, `${JSON.stringify(metrics, null, 2)}\n`);
}
