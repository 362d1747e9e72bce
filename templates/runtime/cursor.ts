/**
 * The content-model cursor: consumes child element names one at a time and says which particle
 * each belongs to, creating the objects of repeating groups as it goes. Schemas obey Unique
 * Particle Attribution, so looking at the next name is always enough (no backtracking).
 *
 * State is a stack of group instances. An instance stands for all iterations of one group
 * particle at one position; `idx` is the current child (sequence) or chosen branch (choice).
 */
import type { CElement, CGroup, CParticle, CWildcard } from './compile.js';

interface Instance {
  g: CGroup;
  target: Record<string, unknown>;
  /** Iterations started. */
  count: number;
  /** seq: index of the current child; choice: chosen branch in this iteration, or -1. */
  idx: number;
  /** Occurrences of the current element child / branch. */
  elCount: number;
  /** all: children already matched. */
  seen: Set<CParticle> | undefined;
}


export type Failure =
  /** A required particle is missing before the arriving element. */
  | { readonly kind: 'missing'; readonly missing: CParticle }
  /** The name cannot occur here and nothing required is missing (wrong order, duplicate or an alternative: see `conflict`). */
  | { readonly kind: 'no-match' };

/**
 * A cursor is reused for many elements (`reset`): its stack of instances is a pool, so following a
 * content model allocates nothing on the happy path. A successful `next` returns the particle and
 * leaves the object that receives the value in `target`.
 */
export class Cursor {
  /** The object the last matched element's value goes to. */
  target: Record<string, unknown> = {};
  #stack: Instance[] = [];
  /** Instances in use (the rest of #stack is the pool). */
  #depth = 0;
  /** Choices completed in this element, with their chosen branch (for "alternative" messages). */
  #doneChoices: { g: CGroup; branch: CParticle }[] | undefined;

  reset(root: CGroup, target: Record<string, unknown>): this {
    this.#depth = 0;
    this.#doneChoices = undefined;
    const gi = this.#push(root, target);
    gi.count = 1; // the content itself: its one iteration has started
    return this;
  }

  /** Advances over `name`; returns the matched particle (value target in `target`) or why it does not fit. */
  next(name: string, isWildcardName: (w: CWildcard) => boolean): CElement | CWildcard | Failure {
    const stack = this.#stack;
    for (;;) {
      const gi = this.#depth > 0 ? stack[this.#depth - 1] : undefined;
      if (!gi) return { kind: 'no-match' };
      const g = gi.g;
      if (g.k === 'seq') {
        let pushed = false;
        while (gi.idx < g.children.length) {
          const c = g.children[gi.idx]!;
          const r = this.#tryChild(gi, c, name, isWildcardName);
          if (r === PUSHED) {
            pushed = true;
            break;
          }
          if (r !== undefined) return r;
          if (gi.elCount >= c.min || (gi.elCount === 0 && c.nullable)) {
            gi.idx++;
            gi.elCount = 0;
            continue;
          }
          return { kind: 'missing', missing: c };
        }
        if (pushed) continue;
      } else if (g.k === 'choice') {
        if (gi.idx >= 0) {
          const b = g.children[gi.idx]!;
          if (b.k !== 'seq' && b.k !== 'choice' && b.k !== 'all') {
            const r = this.#tryChild(gi, b, name, isWildcardName);
            if (r !== undefined && r !== PUSHED) return r;
            if (gi.elCount < b.min) return { kind: 'missing', missing: b };
          }
          // The branch is complete: this iteration is done.
          (this.#doneChoices ??= []).push({ g, branch: b });
          gi.idx = -1;
          gi.elCount = 0;
        } else {
          let entered = false;
          for (let i = 0; i < g.children.length; i++) {
            const b = g.children[i]!;
            if (!starts(b, name, isWildcardName)) continue;
            gi.idx = i;
            gi.elCount = 0;
            const r = this.#tryChild(gi, b, name, isWildcardName);
            if (r === PUSHED) {
              entered = true;
              break;
            }
            if (r !== undefined) return r;
          }
          if (entered) continue;
        }
      } else {
        // all
        const seen = (gi.seen ??= new Set());
        for (const c of g.children) {
          if (seen.has(c) || !starts(c, name, isWildcardName)) continue;
          seen.add(c);
          gi.elCount = 0;
          const r = this.#tryChild(gi, c, name, isWildcardName);
          if (r === PUSHED) break;
          if (r !== undefined) return r;
        }
        if (stack[this.#depth - 1] !== gi) continue;
        const missing = g.children.find((c) => !seen.has(c) && !c.nullable);
        if (missing && seen.size > 0) return { kind: 'missing', missing };
      }
      // The current iteration of `gi` is complete. Another one?
      if (gi.count < g.max && starts(g, name, isWildcardName)) {
        this.#newIteration(gi);
        continue;
      }
      const incomplete = this.#incomplete(gi);
      if (incomplete) return { kind: 'missing', missing: incomplete };
      if (this.#depth === 1) return { kind: 'no-match' }; // keep the root so that finish() still works
      this.#depth--;
      const parent = stack[this.#depth - 1]!;
      if (parent.g.k === 'seq') {
        parent.idx++;
        parent.elCount = 0;
      }
      // choice parent: its branch (this group) is complete; all parent: nothing to do.
    }
  }

  /** Checks the content is complete; returns the first missing particle. */
  finish(): CParticle | undefined {
    const stack = this.#stack;
    while (this.#depth > 0) {
      const gi = stack[--this.#depth]!;
      const g = gi.g;
      if (g.k === 'choice') {
        if (gi.idx >= 0) {
          const b = g.children[gi.idx]!;
          if ((b.k === 'el' || b.k === 'any') && gi.elCount < b.min) return b;
        } else if (gi.count === 0 && !g.nullable) return g;
      }
      const missing = this.#incomplete(gi);
      if (missing) return missing;
      const parent = this.#depth > 0 ? stack[this.#depth - 1] : undefined;
      if (parent?.g.k === 'seq') {
        parent.idx++;
        parent.elCount = 0;
      }
    }
    return undefined;
  }

  /** If `name` is an alternative of a choice already completed here, the branch that was taken. */
  conflict(name: string, isWildcardName: (w: CWildcard) => boolean): CParticle | undefined {
    for (const { g, branch } of this.#doneChoices ?? []) {
      if (g.max > 1) continue;
      for (const b of g.children) {
        if (b !== branch && starts(b, name, isWildcardName)) return branch;
      }
    }
    return undefined;
  }

  #incomplete(gi: Instance): CParticle | undefined {
    const g = gi.g;
    if (g.k === 'seq') {
      for (let i = gi.idx; i < g.children.length; i++) {
        const c = g.children[i]!;
        const count = i === gi.idx ? gi.elCount : 0;
        if (count < c.min && !(count === 0 && c.nullable)) return c;
      }
    } else if (g.k === 'all') {
      const missing = g.children.find((c) => !(gi.seen?.has(c) ?? false) && !c.nullable);
      if (missing) return missing;
    }
    if (gi.count < g.min && !g.nullable) return g;
    return undefined;
  }

  /** Tries to match `name` with child `c` of instance `gi` (the current position). */
  #tryChild(gi: Instance, c: CParticle, name: string, isWildcardName: (w: CWildcard) => boolean): CElement | CWildcard | typeof PUSHED | undefined {
    if (c.k === 'el') {
      if (c.name === name && gi.elCount < c.max) {
        gi.elCount++;
        this.target = gi.target;
        return c;
      }
      return undefined;
    }
    if (c.k === 'any') {
      if (gi.elCount < c.max && isWildcardName(c)) {
        gi.elCount++;
        this.target = gi.target;
        return c;
      }
      return undefined;
    }
    if (!starts(c, name, isWildcardName)) return undefined;
    const child = this.#push(c, gi.target);
    this.#newIteration(child, true);
    return PUSHED;
  }

  /** Takes an instance from the pool (or makes one) for group `g`. */
  #push(g: CGroup, target: Record<string, unknown>): Instance {
    let gi = this.#stack[this.#depth];
    if (gi) {
      gi.g = g;
      gi.target = target;
      gi.count = 0;
      gi.idx = g.k === 'choice' ? -1 : 0;
      gi.elCount = 0;
      gi.seen = undefined;
    } else {
      gi = { g, target, count: 0, idx: g.k === 'choice' ? -1 : 0, elCount: 0, seen: undefined };
      this.#stack[this.#depth] = gi;
    }
    this.#depth++;
    return gi;
  }

  #newIteration(gi: Instance, first = false): void {
    if (!first) {
      gi.idx = gi.g.k === 'choice' ? -1 : 0;
      gi.elCount = 0;
      gi.seen = undefined;
    }
    gi.count++;
    const g = gi.g;
    if (g.max > 1 && g.prop !== undefined) {
      const parentTarget = this.#parentTarget(gi);
      const item: Record<string, unknown> = {};
      const list = (parentTarget[g.prop] ??= []) as Record<string, unknown>[];
      list.push(item);
      gi.target = item;
    }
  }

  #parentTarget(gi: Instance): Record<string, unknown> {
    let i = this.#depth - 1;
    while (i >= 0 && this.#stack[i] !== gi) i--;
    const parent = i > 0 ? this.#stack[i - 1] : undefined;
    return parent ? parent.target : gi.target;
  }
}

const PUSHED = Symbol('pushed');

function starts(p: CParticle, name: string, isWildcardName: (w: CWildcard) => boolean): boolean {
  if (p.first.has(name)) return true;
  return p.wildcardFirst && (p.k === 'any' ? isWildcardName(p) : hasMatchingWildcard(p, isWildcardName));
}

function hasMatchingWildcard(p: CParticle, isWildcardName: (w: CWildcard) => boolean): boolean {
  if (p.k === 'any') return isWildcardName(p);
  if (p.k === 'el') return false;
  for (const c of p.children) {
    if (hasMatchingWildcard(c, isWildcardName)) return true;
    if (p.k === 'seq' && !c.nullable) break;
  }
  return false;
}
