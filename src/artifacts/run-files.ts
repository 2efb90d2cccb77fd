/** The files of a run folder (`misfire run --out`) and of a blessed baseline, relative to the folder. */

export const RUN_FILES = {
  metrics: 'metrics.json',
  clusters: 'clusters.json',
  assignments: 'assignments.csv',
  /** Members of the pockets found among each classifier's errors: classifier, pocket_id, conversation_id. */
  pockets: 'pockets.csv',
  /** Each conversation's slice of every slicing dimension: conversation_id, then one column per dimension (S0, S1, …). */
  slices: 'slices.csv',
  run: 'run.json',
  timings: 'timings.json',
  /** The embedding model that embeds conversations the run has not seen. */
  embeddingModel: 'model/embedding.bin',
  /** Leaf centroids: the report's map, and placing unseen conversations. */
  centroids: 'model/centroids.bin',
  reportHtml: 'index.html',
  reportMarkdown: 'report.md',
} as const;

/** What `misfire bless` adds to a copy of a run folder. */
export const BASELINE_FILES = {
  /** Where the blessed copies of the run's inputs are (see baseline-manifest.ts). */
  manifest: 'baseline.json',
  /** The folder holding those copies. */
  inputs: 'inputs',
} as const;

export const TIMINGS_SCHEMA = 'misfire.timings/v1';
