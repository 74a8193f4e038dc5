/** Display-edge formatting: the only place figures are rounded. Computations keep raw ratios. */

/** 0.6316 → "63%"; `decimals` keeps fractional digits ("63.2%"); null → "n/a". */
export function formatPercent(ratio: number | null | undefined, decimals = 0): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return "n/a";
  const f = 10 ** decimals;
  return `${(Math.round(ratio * 100 * f) / f).toFixed(decimals)}%`;
}

/** ["a"] → "a"; ["a", "b"] → "a and b"; ["a", "b", "c"] → "a, b and c". */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** A list of names for evidence text: at most `max` names, then "and N more". */
export function nameList(names: readonly string[], max = 8): string {
  if (names.length <= max) return names.join(", ");
  return `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}

/** "1 component" / "2 components". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}
