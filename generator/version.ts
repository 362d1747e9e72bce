/** Name and version of the generator, printed in every banner (a test keeps them equal to package.json). */
export const GENERATOR_NAME = 'backup-api-codegen';
export const GENERATOR_VERSION = '0.1.0';
