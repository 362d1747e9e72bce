/** Translates every xs:pattern into a JavaScript RegExp source once, reporting the ones that cannot be. */
import type { SchemaModel } from '../model/model.js';
import type { Pass } from './pass.js';
import { translateXsdPattern } from './xsd-regex.js';

export const translatePatterns: Pass = {
  name: 'translate-patterns',
  run(model: SchemaModel, ctx): SchemaModel {
    // Derived types carry their base's patterns too: report each bad pattern once.
    const reported = new Set<string>();
    return {
      ...model,
      types: model.types.map((t) => {
        if (t.kind !== 'simple' || !t.facets.patterns) return t;
        const jsPatterns = t.facets.patterns.map((step) =>
          step.map((pattern) => {
            const r = translateXsdPattern(pattern);
            if (r.ok) return r.source;
            if (!reported.has(pattern)) {
              reported.add(pattern);
              ctx.diagnostics.error('invalid-pattern', t.source, `pattern ${JSON.stringify(pattern)}: ${r.message} (at offset ${r.offset})`);
            }
            return '^(?:)$';
          }),
        );
        return { ...t, facets: { ...t.facets, jsPatterns } };
      }),
    };
  },
};
