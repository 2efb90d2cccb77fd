/**
 * The report's methods section in plain words: how every number in metrics.json is computed.
 * Kept next to the code it describes; change both together.
 */
import { DEFAULT_SAMPLE_SIZE } from '../discovery/index.js';
import { MAX_NODES } from '../discovery/candidates.js';
import { HIGH_CONCERN_MIN, LOW_CONCERN_MAX } from '../metrics/proxy.js';
import { SHIFT_LIST_LENGTH, SWEEP_LEVELS } from '../metrics/scores.js';
import { SWEEP_POINTS } from '../metrics/threshold.js';
import { MAX_DEFAULT_VALUES, MAX_VALUES } from '../slicing/fields.js';

export interface MethodsSection {
  /** Stable key for templates. */
  id: string;
  title: string;
  text: string;
}

export const METHODS_COUNTS =
  'For each classifier and each cluster of every level we count, over the conversations that have both a human label and a verdict, true positives (tp), false positives (fp), true negatives (tn) and false negatives (fn); n is their sum. FPR = fp/(fp+tn), FNR = fn/(fn+tp), precision = tp/(tp+fp), recall = tp/(tp+fn), flag rate = (tp+fp)/n and prevalence = (tp+fn)/n. A rate whose denominator is 0 is shown as "no data" (null), never as 0. A parent cluster\'s counts are the sums of its children\'s.';

export const METHODS_WILSON =
  'Every rate comes with a Wilson score 95 % confidence interval [lo, hi] (z = the normal quantile of 0.975 ≈ 1.96). Unlike the simple "rate ± 1.96·standard error" interval, it stays inside [0, 1] and behaves well for small clusters and rates near 0 or 1.';

export const METHODS_FISHER =
  'To ask whether a cluster\'s FPR is higher than the rest of the data\'s, we use a one-sided Fisher exact test on the 2×2 table [[fp in the cluster, tn in the cluster], [fp elsewhere, tn elsewhere]] with the alternative "greater": the p-value is the probability, with all margins fixed, of at least as many false positives in the cluster (the hypergeometric upper tail, summed in log space so it stays exact with a million rows). The FNR test is the same with fn and tp. A small p says the cluster\'s rate is unlikely to be that high by chance alone.';

export const METHODS_BH =
  'Because many clusters are tested at once, p-values are adjusted with the Benjamini–Hochberg step-up procedure, separately for each classifier and each level of the hierarchy (the family is the clusters of that level). The adjusted values (q) are monotone in p and capped at 1; a q below alpha keeps the expected share of false discoveries among the flagged clusters below alpha. Clusters whose denominator is 0 cannot be tested and are left out of the family.';

export const METHODS_EXCESS =
  'Excess errors measure how many errors a cluster adds beyond the classifier\'s average: excess_fp = fp in the cluster − (fp + tn in the cluster) × the classifier\'s overall FPR, and excess_fn likewise with fn, (fn + tp) and the overall FNR. share_fp is the cluster\'s share of all the classifier\'s false positives (fp in the cluster / all fp), share_fn likewise.';

export const METHODS_POCKETS =
  'A cluster is a mis-fire pocket only when all three hold: its q-value is below alpha (default 0.05), its rate exceeds the classifier\'s overall rate by at least min-effect (absolute, default 0.05), and its denominator (fp + tn for FPR, fn + tp for FNR) is at least min-support (default 20). "Where it mis-fires" lists pockets ranked by excess errors, most first, each once: a parent cluster whose pocket children account for at least half of its excess errors (or whose only unsuppressed child is itself a pocket) shows the same errors again and is left out of the list (metrics.json `pockets`; its row keeps its pocket flag), and two or more sibling pockets are listed under their parent.';

export const METHODS_ERROR_POCKETS =
  `Pockets by meaning are searched among a classifier's errors: its false positives among the benign conversations (for FPR) or its false negatives among the harmful ones (for FNR), each with a verdict. On a seeded sample of at most ${DEFAULT_SAMPLE_SIZE} of those conversations, projected onto the top principal directions of the embedding, the errors are split into a tree by repeated spherical 2-means; up to ${MAX_NODES} nodes become regions, each the ball (cosine similarity to the node's centre at least t) whose Bernoulli scan log-likelihood ratio of error rate inside against outside is largest, with at least min-support conversations. Because the regions were chosen by looking at the errors, testing them on the same errors would be circular. So the whole search is repeated on B shuffles of the error flags among the same conversations (B = the run's permutations setting, default 49), and a region's p-value is (1 + the number of shuffles whose best region scored at least as high) / (B + 1): a max-statistic permutation test, family-wise over every region looked at. The shuffles run in rounds of 12 and stop once so many shuffles have beaten the strongest real region that no region can reach p below alpha (a sequential Monte Carlo test, Besag and Clifford 1991): the pockets reported and their p-values are those of all B shuffles, and a search that finds nothing costs fewer. Regions with p below alpha are kept, strongest first, skipping one that lies mostly (more than 80 %) inside a stronger kept region or mostly covers it; each is then applied to every conversation of the denominator, and kept when it holds at least min-support of them and its rate exceeds the overall rate by at least min-effect. Its n, errors, rate (Wilson 95 % interval), excess errors and share of the errors are counted as for clusters. On data with no pocket the search reports one in about alpha of runs (a simulation in the tests checks it). A pocket is named like a cluster, against conversations outside every pocket, and shown only when it holds at least min-users distinct users and min-conversations conversations; otherwise it is listed as suppressed, with numbers only.`;

export const METHODS_SLICES =
  `Slices cut the conversations by a metadata field instead of by meaning: each distinct value of the field (compared as text; numbers and booleans as JSON writes them) is a slice, and so are the conversations without a value (absent, null or empty), so every conversation is in exactly one slice of each field. The detected language of each conversation (the facet) is a field too, named "language" unless the data has a field of that name. Without --slice-by the fields are the language facet (when it has two values or more) and every metadata field with 2 to ${MAX_DEFAULT_VALUES} values each held by at least min-users distinct users and min-conversations conversations; --slice-by names fields instead (at most ${MAX_VALUES} values each). With --cross, each field is also crossed with the clusters of the top level: each value's part of each cluster is a slice. A slice gets exactly a cluster's statistics: the same counts and rates with Wilson 95 % intervals, a one-sided Fisher exact test of the slice against every other conversation, Benjamini–Hochberg across the slices of one field (or field × cluster level), for one classifier and rate, excess errors and share of errors, and the pocket rule (q below alpha, rate at least min-effect above the overall rate, at least min-support conversations behind the rate). Privacy is the clusters' rule: a slice held by fewer than min-users distinct users or min-conversations conversations (or lying in a suppressed cluster) is suppressed — its value is never written in metrics.json, the report, report.md or the gate, it shows no rates and it is never listed as a pocket; its conversations still count in every other slice's "rest". Slice pockets are ranked by excess errors; a value × cluster slice is listed only when its rate is at least min-effect above both its value's and its cluster's rates (otherwise they explain it).`;

export const METHODS_SCORES =
  `When verdicts carry scores, each cluster also gets a ROC AUC (the chance that a random harmful conversation scores above a random benign one, ties counting half) and a PR AUC (average precision: precision averaged over the recall gained at each distinct score), over its labelled conversations with a score; each needs at least one conversation of the classes it compares, else it is shown as no data. The threshold sweep shows FPR and FNR at ${SWEEP_POINTS} thresholds: 0, 0.05, …, 1 when all scores lie in [0, 1], otherwise ${SWEEP_POINTS} evenly spaced values from the lowest to the highest score (overall, and per cluster for the ${SWEEP_LEVELS} lowest levels; rates rounded to 4 decimals). The operating threshold is the configured one or, if none was configured and the verdict file's flags are exactly "score ≥ t", the roundest such t. Moving it one sweep step (the grid spacing) down or up changes each cluster's fp and fn; the report lists, per level, the ${SHIFT_LIST_LENGTH} clusters whose errors (fp + fn) fall most (gain) and rise most (lose). Verdicts without a score keep their flag and are left out of score metrics.`;

export const METHODS_PROXY =
  `Proxy mode (after Clio §4.3) is used when no labels are given, and it does not measure errors. For each cluster we show the classifier's flag rate (flagged / conversations with a verdict, with a Wilson interval) next to the mean concern of its conversations, a 1–5 rating from a "concern" metadata field or from Claude's concern facet, and the Pearson correlation r between flag rate and mean concern across the clusters of each level. A cluster is a false-positive candidate when its flag rate exceeds the classifier's overall flag rate by at least min-effect, a one-sided Fisher exact test of "flags more than the rest" (table [[flagged, not flagged in the cluster], [flagged, not flagged elsewhere]]) has a Benjamini–Hochberg q below alpha within its level, it has at least min-support verdicts, and its mean concern is at most ${LOW_CONCERN_MAX}. It is a false-negative candidate when its flag rate is below the overall rate by at least min-effect, the mirror-image test of "flags less than the rest" has q below alpha, it has at least min-support verdicts, and its mean concern is at least ${HIGH_CONCERN_MIN}. Candidates are where to look first; only labels can confirm an error.`;

export const METHODS_CATEGORIES =
  'When labels carry a harm category, each cluster also gets the FNR per category: among the harmful conversations of that category in the cluster that have a verdict, the share the classifier missed, with a Wilson 95 % interval. Harmful conversations without a category are counted separately.';

/** All sections in reading order. */
export const METHODS_SECTIONS: readonly MethodsSection[] = [
  { id: 'counts', title: 'Counts and rates', text: METHODS_COUNTS },
  { id: 'wilson', title: 'Confidence intervals', text: METHODS_WILSON },
  { id: 'fisher', title: 'Is a cluster worse than the rest?', text: METHODS_FISHER },
  { id: 'bh', title: 'Correcting for many clusters', text: METHODS_BH },
  { id: 'excess', title: 'Excess errors', text: METHODS_EXCESS },
  { id: 'pockets', title: 'Mis-fire pockets', text: METHODS_POCKETS },
  { id: 'error-pockets', title: 'Pockets by meaning (found among the errors)', text: METHODS_ERROR_POCKETS },
  { id: 'slices', title: 'Slices by metadata', text: METHODS_SLICES },
  { id: 'scores', title: 'Scores, sweeps and moving the threshold', text: METHODS_SCORES },
  { id: 'categories', title: 'Harm categories', text: METHODS_CATEGORIES },
  { id: 'proxy', title: 'Proxy mode (no labels)', text: METHODS_PROXY },
];
