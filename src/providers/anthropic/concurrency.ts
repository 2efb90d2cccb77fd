/** A small worker pool: at most `limit` tasks in flight, in input order, stopping early on request. */

/**
 * Run `task(item, index)` for each item with at most `limit` running at once. Tasks must not throw (catch
 * inside); when `shouldStop()` turns true no further task is started and the pool drains.
 * @example await runWithLimit([1, 2, 3], 2, async (x) => { results.push(x * 2); });
 */
export async function runWithLimit<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
  shouldStop: () => boolean = () => false,
): Promise<void> {
  const width = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !shouldStop()) {
      const index = next++;
      await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
}
