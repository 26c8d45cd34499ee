// Bounds how deeply a tRPC input may nest before superjson reads it: superjson (and zod after it) walk the input
// and its `meta` recursively, so a crafted input 20,000 levels deep overflowed the stack ("Maximum call stack size
// exceeded", a 400 that said nothing useful). No input of this app nests anywhere near the bound.
export const MAX_INPUT_DEPTH = 32;

/** True when `value` nests deeper than `max` levels (objects and arrays). Iterative: it cannot overflow itself. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v))
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}
