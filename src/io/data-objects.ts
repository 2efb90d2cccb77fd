/**
 * Objects keyed by names that come from the data (column names, JSON field names), safe for any name:
 * `__proto__`, `constructor` or `toString` are kept as ordinary own properties.
 */

/** An object without a prototype, for lookups by names from the data. */
export function nullObject<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/**
 * Set an own property, also when the name is `__proto__` (plain assignment would replace the prototype).
 * Used for records that stay plain objects (fast to build by the million) but must keep every field.
 * @example const m = {}; setField(m, '__proto__', 'x'); Object.keys(m) // ['__proto__']
 */
export function setField<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
