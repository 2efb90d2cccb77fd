/**
 * The demo data set split into `shards` shards by line (conversation i goes to shard i mod shards), its
 * verdicts and labels following their conversations: files c<s>.jsonl, verdicts<s>.csv and labels<s>.csv in
 * `dir`, for the assign/merge tests.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoFile } from './paths.js';

export function writeDemoShards(dir: string, shards: number): void {
  const lines = readFileSync(demoFile('conversations.jsonl'), 'utf8').split('\n').filter(Boolean);
  const shardOf = new Map<string, number>();
  for (let s = 0; s < shards; s++) {
    const part = lines.filter((_, i) => i % shards === s);
    for (const line of part) shardOf.set((JSON.parse(line) as { id: string }).id, s);
    writeFileSync(join(dir, `c${s}.jsonl`), `${part.join('\n')}\n`);
  }
  for (const name of ['verdicts', 'labels']) {
    const [header, ...rows] = readFileSync(demoFile(`${name}.csv`), 'utf8').split('\n').filter(Boolean);
    for (let s = 0; s < shards; s++) writeFileSync(join(dir, `${name}${s}.csv`), `${[header, ...rows.filter((r) => shardOf.get(r.split(',')[0]) === s)].join('\n')}\n`);
  }
}
