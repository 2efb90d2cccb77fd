/** misfire's statistics primitives: pure functions, no I/O. */
export { logGamma, logChoose, stirlingError } from './log-gamma.js';
export { normalQuantile } from './normal-quantile.js';
export { logBinomialPmf, logHypergeometricPmf } from './saddle-point.js';
export { wilsonInterval } from './wilson.js';
export { fisherExactGreater } from './fisher.js';
export { benjaminiHochberg } from './benjamini-hochberg.js';
export { mcnemarExactGreater } from './mcnemar.js';
export { rocAuc, averagePrecision } from './auc.js';
export { pearson } from './pearson.js';
export { ratio } from './ratio.js';
export { thresholdSweep, type ThresholdPoint } from './threshold-sweep.js';
export { bernoulliScanLlr } from './bernoulli-scan.js';
export { stratifiedRatio, type RatioEstimate, type StratumSums } from './stratified-ratio.js';
export { effectiveSampleSize } from './effective-sample-size.js';
export { kishEffectiveN } from './kish.js';
