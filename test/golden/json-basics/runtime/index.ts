/**
 * Stands in for the generated runtime folder next to expected/ (generated modules import
 * `../runtime/index.js`), so that the expected files compile and run in place. Hand-written.
 */
export * from '../../../../templates/runtime/index.js';
