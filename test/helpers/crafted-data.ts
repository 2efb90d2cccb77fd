/** Small crafted datasets for the clustering tests: blobs of vectors with texts, users and verdicts. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface BlobSpec {
  /** Text of every conversation in the blob (a template; `{i}` is replaced by the row number). */
  text: string;
  conversations: number;
  users: number;
  /** Unit axis the blob sits on. */
  axis: number;
}

export interface CraftedData {
  conversations: string;
  verdicts: string;
  labels: string;
  ids: string[];
  /** Blob index per conversation (the ground truth). */
  blobOf: number[];
  vectors: number[][];
}

/** Write conversations.jsonl, verdicts.csv and labels.csv for the blobs into `dir` (ids interleave blobs). */
export async function writeBlobs(dir: string, blobs: readonly BlobSpec[], dim = 8): Promise<CraftedData> {
  const ids: string[] = [];
  const blobOf: number[] = [];
  const vectors: number[][] = [];
  const lines: string[] = [];
  const verdicts = ['conversation_id,classifier,score,flagged'];
  const labels = ['conversation_id,label,category'];
  const remaining = blobs.map((b) => b.conversations);
  for (let row = 0; remaining.some((r) => r > 0); row++) {
    const b = row % blobs.length;
    if (remaining[b] === 0) continue;
    const within = blobs[b].conversations - remaining[b]--;
    const id = `c${String(ids.length).padStart(4, '0')}`;
    const user = `b${b}-u${within % blobs[b].users}`;
    ids.push(id);
    blobOf.push(b);
    vectors.push(Array.from({ length: dim }, (_, d) => (d === blobs[b].axis ? 1 : 0) + 0.05 * Math.sin(ids.length * 13 + d * 7)));
    lines.push(JSON.stringify({ id, user_id: user, messages: [{ role: 'user', content: blobs[b].text.replace('{i}', String(within)) }] }));
    const flagged = (ids.length * 7) % 5 === 0 ? 1 : 0;
    verdicts.push(`${id},clf,${flagged ? 0.9 : 0.1},${flagged}`);
    labels.push(`${id},${(ids.length * 3) % 4 === 0 ? 1 : 0},`);
  }
  const files = { conversations: join(dir, 'conversations.jsonl'), verdicts: join(dir, 'verdicts.csv'), labels: join(dir, 'labels.csv') };
  await writeFile(files.conversations, lines.join('\n') + '\n');
  await writeFile(files.verdicts, verdicts.join('\n') + '\n');
  await writeFile(files.labels, labels.join('\n') + '\n');
  return { ...files, ids, blobOf, vectors };
}

/** JSONL `{"id", "vector"}` lines. */
export function vectorsJsonl(ids: readonly string[], vectors: readonly number[][]): string {
  return ids.map((id, i) => JSON.stringify({ id, vector: vectors[i] })).join('\n') + '\n';
}

/** Raw little-endian float32 rows. */
export function vectorsFloat32(vectors: readonly number[][]): Buffer {
  const dim = vectors[0]?.length ?? 0;
  const buffer = Buffer.alloc(vectors.length * dim * 4);
  vectors.forEach((v, i) => v.forEach((x, d) => buffer.writeFloatLE(x, (i * dim + d) * 4)));
  return buffer;
}

/** Rows of a CSV file with a header, as objects. */
export function parseCsv(text: string): Record<string, string>[] {
  const [header, ...rows] = text.trim().split('\n');
  const names = header.split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((v, i) => [names[i], v])));
}
