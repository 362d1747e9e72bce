/**
 * Issue paths in XML terms: `/packet/backup-manager/get-tasks-info/result/task[3]/status`.
 * An element's index (1-based, among its siblings of the same name) is printed from 2 on.
 * Paths are built lazily: walkers pass `PathNode`s and render only when reporting.
 */
export interface PathNode {
  readonly parent: PathNode | undefined;
  readonly name: string;
  readonly index: number;
}

export function pathNode(parent: PathNode | undefined, name: string, index = 1): PathNode {
  return { parent, name, index };
}

export function renderPath(node: PathNode | undefined, leaf?: string): string {
  let out = leaf === undefined ? '' : `/${leaf}`;
  for (let n = node; n; n = n.parent) out = `/${n.name}${n.index > 1 ? `[${n.index}]` : ''}${out}`;
  return out || '/';
}

/** Counts same-name siblings so that repeated names get an index; allocates only for names that can repeat. */
export class SiblingCounter {
  #counts: Record<string, number> | undefined;
  next(name: string, canRepeat: boolean): number {
    if (!canRepeat) return 1;
    const counts = (this.#counts ??= Object.create(null) as Record<string, number>);
    const n = (counts[name] ?? 0) + 1;
    counts[name] = n;
    return n;
  }
}
