// Map entries in a stable order. Go iterates maps randomly, so upstream reports errors about map
// keys in any order; we report them sorted by key.
export function sortedEntries<V>(map: Record<string, V> | undefined): Array<[string, V]> {
  return Object.entries(map ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
