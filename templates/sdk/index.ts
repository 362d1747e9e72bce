/** The SDK: the runtime, and each API as a namespace (subpath imports give the same modules one by one). */
export * from './runtime/index.js';
export * as plesk from './plesk/backup-manager.js';
export * as pleskRequest from './plesk/request/index.js';
export * as pleskResponse from './plesk/response/index.js';
export * as jetbackup from './jetbackup/index.js';
export * as akeeba from './akeeba/index.js';
/** Typed HTTP clients of the three APIs (the emulator, which needs node:http, is only at `./emulator`). */
export * as clients from './clients/index.js';
