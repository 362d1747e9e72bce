/**
 * Prints the differential oracle's summary, every disagreement grouped (with the shortest document of each
 * group) and the invalid mutants whose first issue points elsewhere; for investigating, the test prints only
 * the summary. Usage: `node_modules/.bin/tsx test/oracle/report.ts [kind or id substring]`.
 */
import { buildCases, describeCase, gapMatches, groupDisagreements, judge, pathClass, readKnownGaps, summary } from './oracle.js';

const filter = process.argv[2];
const gaps = readKnownGaps();
const isKnown = (j: Parameters<typeof gapMatches>[1]): boolean => gaps.some((g) => gapMatches(g, j));
const set = buildCases();
const judged = await judge(set.cases);
console.log(summary(set, judged, isKnown));
const shown = judged.filter((j) => filter === undefined || j.kind === filter || j.id.includes(filter));
console.log('\n=== unexplained disagreements');
console.log(groupDisagreements(shown.filter((j) => !j.agree && !isKnown(j))));
console.log('\n=== known gaps');
console.log(groupDisagreements(shown.filter((j) => !j.agree && isKnown(j))));
console.log('\n=== first issue neither at the mutated element, nor its parent, nor where libxml2 points');
for (const j of shown.filter((j) => j.agree && !j.libxml2.valid && pathClass(j) === 'other')) console.log(describeCase(j));
