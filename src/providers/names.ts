/**
 * Provider names: what `--provider` accepts and run.json records. Code outside src/providers asks the
 * functions here (or a provider's capabilities) instead of comparing names itself.
 */

export const PROVIDER_NAMES = ['offline', 'anthropic'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** The provider a run uses unless told otherwise: offline, no network. */
export const DEFAULT_PROVIDER: ProviderName = 'offline';

/**
 * Whether a run that recorded provider `recordedProvider` in run.json named its clusters from their
 * distinctive terms (each used by enough distinct users) rather than with a model.
 * @example
 * namesClustersFromTerms('offline'); // true
 * namesClustersFromTerms('anthropic'); // false
 */
export function namesClustersFromTerms(recordedProvider: string): boolean {
  return recordedProvider === 'offline';
}
