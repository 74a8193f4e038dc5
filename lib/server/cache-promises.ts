import "server-only";

/**
 * A per-process memo of promises by key, for values that never change once computed (a stored scan is history as
 * recorded): concurrent callers share one load, a failed load is forgotten, and at most `limit` keys are kept
 * (least recently used out first). Callers never mutate what it returns.
 */
export function cachePromises<T>(limit: number): (key: string, load: () => Promise<T>) => Promise<T> {
  const entries = new Map<string, Promise<T>>();
  return (key, load) => {
    let value = entries.get(key);
    if (value)
      entries.delete(key); // set again below: most recently used last
    else {
      value = load();
      value.catch(() => entries.delete(key));
    }
    entries.set(key, value);
    if (entries.size > limit) entries.delete(entries.keys().next().value as string);
    return value;
  };
}
