// vitest 5 targets Node 22; on Node 20 its reporter calls Map.groupBy (Node 21+) when it prints a
// failure, and crashes instead of showing it. Loaded by vitest.config.ts in the main process.
declare global {
  interface MapConstructor {
    groupBy<K, T>(items: Iterable<T>, keyOf: (item: T, index: number) => K): Map<K, T[]>;
  }
}

if (typeof Map.groupBy !== "function") {
  Map.groupBy = function groupBy<K, T>(items: Iterable<T>, keyOf: (item: T, index: number) => K): Map<K, T[]> {
    const groups = new Map<K, T[]>();
    let index = 0;
    for (const item of items) {
      const key = keyOf(item, index++);
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
    return groups;
  };
}

export {};
