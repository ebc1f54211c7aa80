/**
 * Lookups in configured maps (services, parameters, per-environment overrides, ...). A key comes
 * from the user, so `map[key]` or `key in map` would find Object.prototype's members for keys
 * such as `toString` or `valueOf`: only own properties count.
 */

/** `map[key]` if `map` itself has `key`, else undefined. */
export function own<T>(map: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/** Whether `map` itself has `key`. */
export function has(map: Readonly<Record<string, unknown>>, key: string): boolean {
  return Object.hasOwn(map, key);
}
