/** Whether a string can be written as a bare JavaScript identifier or property name. */

const IDENTIFIER_NAME = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;

/**
 * Whether `name` is an IdentifierName (ECMAScript grammar): usable unquoted as a property name
 * (`obj.name`, `{ name: 1 }`). Keywords are IdentifierNames; whether a name may also be a binding
 * (a type, const or function name) is `isReservedIdentifier`'s question. Emitters quote property
 * names for which this is false (JSON wire names kept verbatim, such as `max-backup-files`).
 *
 * @example
 * isIdentifierName('splitSize')        // true
 * isIdentifierName('class')            // true
 * isIdentifierName('größe')            // true
 * isIdentifierName('max-backup-files') // false
 * isIdentifierName('2fa')              // false
 */
export function isIdentifierName(name: string): boolean {
  return IDENTIFIER_NAME.test(name);
}
