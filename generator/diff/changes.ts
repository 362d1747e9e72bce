/**
 * The vocabulary of schema changes and how each one is classified for SDK users, separately for
 * what a client sends (request side: the server validates it against the new schema) and what it
 * reads (response side: the server sends new documents to code written against the old types).
 */

export type ChangeKind =
  | 'type-added'
  | 'type-removed'
  | 'element-added'
  | 'required-element-added'
  | 'element-removed'
  | 'operation-added'
  | 'operation-removed'
  | 'attribute-added'
  | 'required-attribute-added'
  | 'attribute-removed'
  | 'required-added'
  | 'required-removed'
  | 'cardinality-increased'
  | 'cardinality-decreased'
  | 'became-repeated'
  | 'became-single'
  | 'nillable-added'
  | 'nillable-removed'
  | 'type-changed'
  | 'order-changed'
  | 'compositor-changed'
  | 'enum-added'
  | 'enum-removed'
  | 'facet-tightened'
  | 'facet-loosened'
  | 'facet-changed'
  | 'extra-properties-forbidden'
  | 'extra-properties-allowed';

export type Verdict = 'breaking' | 'non-breaking';
export type Side = 'request' | 'response' | 'both';

export interface Change {
  readonly kind: ChangeKind;
  /** Where: the named type, then element/attribute/property names (`BackupRemoteStorage/use-ftps`). */
  readonly path: string;
  readonly message: string;
  /** Which side uses the changed type (from the roots that reach it). */
  readonly side: Side;
  readonly request: Verdict;
  readonly response: Verdict;
  readonly old?: string;
  readonly new?: string;
}

/** [request, response] verdicts of each kind of change. */
export const CLASSIFICATION: Readonly<Record<ChangeKind, readonly [Verdict, Verdict, string]>> = {
  'type-added': ['non-breaking', 'non-breaking', 'a new type breaks nothing that exists'],
  'type-removed': ['breaking', 'breaking', 'code using the type no longer compiles'],
  'element-added': ['non-breaking', 'non-breaking', 'an optional addition: old senders stay valid; readers get more (JSON decoders keep unknown fields; Plesk servers answer in the version a packet names)'],
  'required-element-added': ['breaking', 'non-breaking', 'senders must now send it; readers get more'],
  'element-removed': ['breaking', 'breaking', 'senders that send it are refused; readers lose it'],
  'operation-added': ['non-breaking', 'non-breaking', 'a new operation breaks nothing that exists'],
  'operation-removed': ['breaking', 'breaking', 'callers of the operation are refused'],
  'attribute-added': ['non-breaking', 'non-breaking', 'an optional addition'],
  'required-attribute-added': ['breaking', 'non-breaking', 'senders must now send it'],
  'attribute-removed': ['breaking', 'breaking', 'senders that send it are refused; readers lose it'],
  'required-added': ['breaking', 'non-breaking', 'senders must now send it; readers always get it'],
  'required-removed': ['non-breaking', 'breaking', 'senders may leave it out; readers can no longer count on it'],
  'cardinality-increased': ['non-breaking', 'non-breaking', 'more occurrences allowed'],
  'cardinality-decreased': ['breaking', 'non-breaking', 'senders of many occurrences are refused'],
  'became-repeated': ['breaking', 'breaking', 'the generated type changes from a value to an array'],
  'became-single': ['breaking', 'breaking', 'the generated type changes from an array to a value'],
  'nillable-added': ['non-breaking', 'breaking', 'readers may now get null'],
  'nillable-removed': ['breaking', 'non-breaking', 'senders of nil are refused'],
  'type-changed': ['breaking', 'breaking', 'values of the old type may not fit'],
  'order-changed': ['breaking', 'breaking', 'senders in the old order are refused (1014 parser error), and readers that check order (this SDK\'s XML decoders) refuse the new one'],
  'compositor-changed': ['breaking', 'breaking', 'the structure of the content changes'],
  'enum-added': ['non-breaking', 'breaking', 'readers may get a value they do not handle'],
  'enum-removed': ['breaking', 'non-breaking', 'senders of the value are refused'],
  'facet-tightened': ['breaking', 'non-breaking', 'values that were valid are refused'],
  'facet-loosened': ['non-breaking', 'breaking', 'readers (and their validators) may get values they did not expect'],
  'facet-changed': ['breaking', 'breaking', 'the set of valid values changes in both directions'],
  'extra-properties-forbidden': ['breaking', 'non-breaking', 'senders of extra properties are refused'],
  'extra-properties-allowed': ['non-breaking', 'non-breaking', 'more input accepted'],
};

/** Does this change break the side(s) that use the changed type? */
export function isBreaking(c: Change): boolean {
  return (c.side !== 'response' && c.request === 'breaking') || (c.side !== 'request' && c.response === 'breaking');
}
