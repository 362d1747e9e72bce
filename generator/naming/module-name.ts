/** Module (output file) names for schema files. */

/**
 * The module name for a schema file: its base name without the last extension, lower-cased, with every run
 * of characters other than letters and digits turned into one `-` and `-` trimmed from both ends
 * (`plesk_domain.xsd` -> `plesk-domain`, `Backup Jobs.json` -> `backup-jobs`). Both `/` and `\` separate
 * directories. A name left without letters or digits becomes `_`. Making the names unique across a schema
 * set is the caller's job (a `NameScope`).
 *
 * @example
 * moduleNameForSchemaFile('schemas/plesk/plesk_domain.xsd') // 'plesk-domain'
 * moduleNameForSchemaFile('agent_input.xsd')                // 'agent-input'
 * moduleNameForSchemaFile('Backup Jobs.json')               // 'backup-jobs'
 * moduleNameForSchemaFile('jetbackup5.schema.json')         // 'jetbackup5'
 */
export function moduleNameForSchemaFile(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? '';
  // `x.schema.json` is the JSON Schema convention for a file describing x: the module is `x`.
  const plain = /\.schema\.json$/i.test(base) ? base.slice(0, -'.schema.json'.length) : base;
  const dot = plain.lastIndexOf('.');
  const stem = plain === base ? (dot > 0 ? base.slice(0, dot) : base) : plain;
  const name = stem
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{Nd}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return name === '' ? '_' : name;
}
