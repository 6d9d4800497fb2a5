/** The fields of `after` whose value differs from `before`, leaving out `ignored` ones. */
export function changedFields<T extends object>(
  before: T,
  after: T,
  ignored: readonly (keyof T)[] = [],
): string[] {
  return (Object.keys(after) as (keyof T)[])
    .filter((key) => !ignored.includes(key))
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map(String);
}
