/** The options of `misfire run`, each with a description that teaches. Shared with `misfire report`. */
import type { Options } from 'yargs';

export const runOptions = {
  demo: { type: 'boolean', default: false, describe: 'Use the shipped demo data in datasets/demo/ (conversations, verdicts, labels).' },
  conversations: { alias: 'c', type: 'string', describe: 'Conversations: JSONL ({"id","user_id"?,"messages":[{role,content}]} or {"id","text"}) or CSV (id,text[,user_id]).' },
  verdicts: { alias: 'v', type: 'string', array: true, describe: 'Verdict CSV(s): conversation_id|id,classifier,score,flagged. Repeat for several files.' },
  labels: { alias: 'l', type: 'string', describe: 'Ground-truth CSV: conversation_id|id,label[,category] (label 1 = should be flagged). Omit for proxy mode.' },
  out: { alias: 'o', type: 'string', default: 'reports/latest', describe: 'Folder for the artifacts (replaced atomically on success).' },
  config: { type: 'string', describe: 'JSON file of settings (same names as below, camelCase) and per-classifier "thresholds".' },
  seed: { type: 'number', describe: 'Random seed; same inputs + seed give byte-identical JSON/CSV artifacts. [default: 42]' },
  k: { type: 'number', describe: 'Leaf clusters. [default: 2·∛n, e.g. 29 for 3,000 conversations]' },
  levels: { type: 'number', describe: 'Levels of the hierarchy including leaves, 1–4. [default: 2]' },
  'min-users': { type: 'number', describe: 'Privacy: clusters (and label terms) need at least this many distinct users. [default: 5]' },
  'min-conversations': { type: 'number', describe: 'Privacy: clusters need at least this many conversations. [default: 5]' },
  alpha: { type: 'number', describe: 'False-discovery rate for pockets (Benjamini–Hochberg q below this). [default: 0.05]' },
  'min-effect': { type: 'number', describe: 'A pocket\'s rate must exceed the overall rate by this much (absolute). [default: 0.05]' },
  'min-support': { type: 'number', describe: 'A pocket needs at least this many negatives (FPR) or positives (FNR). [default: 20]' },
  threshold: { type: 'number', describe: 'Flag when score ≥ threshold (applies to every classifier with scores; overrides "flagged").' },
  'allow-missing': { type: 'boolean', describe: 'Proceed when ids do not line up (unknown ids, missing verdicts or labels); counts go into run.json and the report.' },
  provider: { type: 'string', choices: ['offline', 'anthropic'], describe: 'Facets and cluster names: offline (default, no network) or anthropic (Claude; needs ANTHROPIC_API_KEY).' },
  embeddings: { type: 'string', describe: 'Bring your own vectors: JSONL {"id","vector"} or raw float32 (.f32) with --embedding-ids.' },
  'embedding-ids': { type: 'string', describe: 'Ids file (one per line) for a raw float32 --embeddings file.' },
  'embedding-dim': { type: 'number', describe: 'Dimensions of the built-in LSA embedding. [default: 128]' },
  'cache-dir': { type: 'string', default: '.misfire-cache', describe: 'Where the Claude provider caches responses (a rerun makes no API calls).' },
  quiet: { alias: 'q', type: 'boolean', default: false, describe: 'No progress on stderr.' },
} satisfies Record<string, Options>;
