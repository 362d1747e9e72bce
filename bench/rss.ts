/**
 * Peak RSS growth of decoding the 10 MB get-tasks-info response, in a process of its own (maxRSS is
 * a per-process high-water mark, so other benchmark phases must not run first). Prints MiB.
 */
import { readFileSync } from 'node:fs';
import { PacketCodec } from '../generated/plesk/response/index.js';
import { tasksResponse } from './fixtures.js';

// The input was written by the parent (argv[2]): building it here would set the high-water mark.
const xml = readFileSync(process.argv[2]!);
PacketCodec.decode(tasksResponse(50)); // load and compile the codec first
(globalThis as { gc?: () => void }).gc?.();
const before = process.resourceUsage().maxRSS;
const value = PacketCodec.decode(xml);
const after = process.resourceUsage().maxRSS;
if (!value.backupManager) throw new Error('unexpected result');
process.stdout.write(`${((after - before) / 1024).toFixed(1)}\n`);
