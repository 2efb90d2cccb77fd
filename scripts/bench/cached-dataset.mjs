// Generated bench data, cached in a folder by n, seed and the generator's compiled code (dist/demo): the
// main bench and `--scale` both read their data through this, so a folder made by one is reused by the other.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The folder `dir` holding n generated conversations (seed `seed`), generated unless a complete folder made by
 * the same generator is there; `generateSeconds` is null when the cache was used.
 * @example const { dir, generateSeconds } = await cachedDataset({ root, dir: '/tmp/misfire-bench/n100000-s7', n: 100000, seed: 7, log });
 */
export async function cachedDataset({ root, dir, n, seed, log }) {
  const marker = join(dir, '.complete.json');
  const generatorDigest = digestFiles(join(root, 'dist', 'demo')).slice(0, 12);
  if (existsSync(marker) && JSON.parse(readFileSync(marker, 'utf8')).generatorDigest === generatorDigest) {
    log(`using cached data in ${dir}`);
    return { dir, generateSeconds: null };
  }
  rmSync(dir, { recursive: true, force: true });
  log(`generating ${n.toLocaleString('en-US')} conversations (seed ${seed}) into ${dir} …`);
  const { generateDataset } = await import(pathToFileURL(join(root, 'dist', 'demo', 'index.js')).href);
  const started = performance.now();
  const summary = await generateDataset({ n, seed, outDir: dir });
  const generateSeconds = (performance.now() - started) / 1000;
  writeFileSync(marker, JSON.stringify({ n, seed, generatorDigest, topics: Object.keys(summary.topicCounts).length }));
  return { dir, generateSeconds };
}

function digestFiles(dir) {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) if (name.endsWith('.js')) hash.update(name).update(readFileSync(join(dir, name)));
  const topics = join(dir, 'topics');
  if (existsSync(topics)) for (const name of readdirSync(topics).sort()) hash.update(name).update(readFileSync(join(topics, name)));
  return hash.digest('hex');
}
