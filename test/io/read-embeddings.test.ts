/**
 * `--embeddings`: vectors brought from elsewhere (JSONL {id, vector}, or raw float32 + ids file) decide
 * the clusters, and malformed files fail with the file, line and field named.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMisfire } from '../../src/api/run.js';
import { MisfireError } from '../../src/errors.js';
import { readEmbeddings } from '../../src/io/read-embeddings.js';
import { parseCsv, vectorsFloat32, vectorsJsonl, writeBlobs, type CraftedData } from '../helpers/crafted-data.js';

let dir: string;
let data: CraftedData;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'misfire-embeddings-'));
  // Every text is the same, so only the given vectors can separate the two blobs.
  data = await writeBlobs(dir, [
    { text: 'please review my request number {i}', conversations: 30, users: 10, axis: 0 },
    { text: 'please review my request number {i}', conversations: 30, users: 10, axis: 5 },
  ]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Leaf cluster per conversation id, from assignments.csv. */
async function leaves(out: string): Promise<Map<string, string>> {
  const rows = parseCsv(await readFile(join(out, 'assignments.csv'), 'utf8'));
  return new Map(rows.map((r) => [r.conversation_id, r.cluster_id]));
}

function expectClustersFollowBlobs(assigned: Map<string, string>): void {
  const clusterOfBlob = [0, 1].map((b) => new Set(data.ids.filter((_, i) => data.blobOf[i] === b).map((id) => assigned.get(id))));
  expect(clusterOfBlob[0].size).toBe(1);
  expect(clusterOfBlob[1].size).toBe(1);
  expect([...clusterOfBlob[0]][0]).not.toBe([...clusterOfBlob[1]][0]);
}

describe('--embeddings decides the clusters', () => {
  it('JSONL {id, vector} in any order', async () => {
    const file = join(dir, 'vectors.jsonl');
    const order = data.ids.map((_, i) => i).reverse();
    await writeFile(file, vectorsJsonl(order.map((i) => data.ids[i]), order.map((i) => data.vectors[i])));
    const out = join(dir, 'out-jsonl');
    const outcome = await runMisfire({ conversations: data.conversations, verdicts: [data.verdicts], out, embeddings: file, settings: { k: 2, levels: 1 }, now: new Date(0) });
    expect(outcome.result.embedding.dim).toBe(8);
    expectClustersFollowBlobs(await leaves(out));
  });

  it('raw float32 with an ids file', async () => {
    const file = join(dir, 'vectors.f32');
    const idsFile = join(dir, 'vectors.ids');
    await writeFile(file, vectorsFloat32(data.vectors));
    await writeFile(idsFile, data.ids.join('\n') + '\n');
    const out = join(dir, 'out-raw');
    await runMisfire({ conversations: data.conversations, verdicts: [data.verdicts], out, embeddings: file, embeddingIds: idsFile, settings: { k: 2, levels: 1 }, now: new Date(0) });
    expectClustersFollowBlobs(await leaves(out));
  });
});

describe('--embeddings errors name file, line and field', () => {
  async function embeddingsError(name: string, content: string | Buffer, idsContent?: string): Promise<MisfireError> {
    const file = join(dir, name);
    await writeFile(file, content);
    let idsFile: string | null = null;
    if (idsContent !== undefined) {
      idsFile = join(dir, `${name}.ids`);
      await writeFile(idsFile, idsContent);
    }
    const error = await readEmbeddings(file, data.ids, idsFile).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(MisfireError);
    expect((error as MisfireError).code).toBe('input');
    return error as MisfireError;
  }
  const good = (i: number) => JSON.stringify({ id: data.ids[i], vector: data.vectors[i] });

  it('a row without an id', async () => {
    const e = await embeddingsError('missing-id.jsonl', `${good(0)}\n${JSON.stringify({ vector: [1, 2, 3, 4, 5, 6, 7, 8] })}\n`);
    expect(e).toMatchObject({ file: join(dir, 'missing-id.jsonl'), line: 2, field: 'id' });
    expect(e.message).toMatch(/missing id/);
  });

  it('an id that is not among the conversations', async () => {
    const e = await embeddingsError('unknown-id.jsonl', `${good(0)}\n${JSON.stringify({ id: 'nope', vector: data.vectors[1] })}\n`);
    expect(e).toMatchObject({ line: 2, field: 'id' });
    expect(e.message).toMatch(/"nope" is not among the conversations/);
  });

  it('a vector of the wrong dimension', async () => {
    const e = await embeddingsError('wrong-dim.jsonl', `${good(0)}\n${good(1)}\n${JSON.stringify({ id: data.ids[2], vector: [1, 2, 3] })}\n`);
    expect(e).toMatchObject({ file: join(dir, 'wrong-dim.jsonl'), line: 3, field: 'vector' });
    expect(e.message).toMatch(/3 dimensions, earlier ones have 8/);
  });

  it('a value that is not a number', async () => {
    const e = await embeddingsError('not-number.jsonl', `${good(0)}\n${JSON.stringify({ id: data.ids[1], vector: [1, 'x', 0, 0, 0, 0, 0, 0] })}\n`);
    expect(e).toMatchObject({ line: 2, field: 'vector[1]' });
    expect(e.message).toMatch(/not a finite number/);
  });

  it('a duplicate id', async () => {
    const e = await embeddingsError('duplicate.jsonl', `${good(0)}\n${good(1)}\n${good(0)}\n`);
    expect(e).toMatchObject({ line: 3, field: 'id' });
    expect(e.message).toMatch(/duplicate/);
  });

  it('a conversation left without a vector', async () => {
    const e = await embeddingsError('incomplete.jsonl', data.ids.slice(1).map((_, i) => good(i + 1)).join('\n') + '\n');
    expect(e.message).toMatch(new RegExp(`1 conversation has no vector \\(e\\.g\\. ${data.ids[0]}\\)`));
  });

  it('raw float32: a duplicate id in the ids file names the ids file and its line', async () => {
    const ids = [...data.ids];
    ids[4] = ids[1];
    const e = await embeddingsError('dup.f32', vectorsFloat32(data.vectors), `${ids.slice(0, 4).join('\n')}\n\n${ids.slice(4).join('\n')}\n`);
    expect(e).toMatchObject({ file: join(dir, 'dup.f32.ids'), line: 6, field: 'id' });
  });

  it('raw float32: a byte count that is not ids × whole vectors', async () => {
    const e = await embeddingsError('short.f32', vectorsFloat32(data.vectors).subarray(0, 4 * 8 * data.ids.length - 4), data.ids.join('\n'));
    expect(e.file).toBe(join(dir, 'short.f32'));
    expect(e.message).toMatch(/is not 60 ids × a whole number of float32 values/);
  });

  it('raw float32: without an ids file', async () => {
    const e = await embeddingsError('no-ids.f32', vectorsFloat32(data.vectors));
    expect(e.message).toMatch(/--embedding-ids/);
  });
});
