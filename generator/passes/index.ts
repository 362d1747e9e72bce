/** The passes, in the order the pipeline applies them. Order is data: read it here. */
import { assignNames } from './assign-names.js';
import { checkDeterminism } from './check-determinism.js';
import { normalizeParticles } from './normalize-particles.js';
import type { Pass } from './pass.js';
import { reachability } from './reachability.js';
import { translatePatterns } from './translate-patterns.js';

export const PASSES: readonly Pass[] = [reachability, checkDeterminism, normalizeParticles, translatePatterns, assignNames];

export type { Pass, PassContext } from './pass.js';
