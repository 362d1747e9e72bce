/**
 * Peak RSS growth of decoding the 10 MB get-tasks-info response, in a process of its own (maxRSS is
 * a per-process high-water mark, so other benchmark phases must not run first). Prints MiB.
 */
import { PacketCodec } from '../generated/plesk/response/index.js';
import { tasksResponse } from './fixtures.js';

const xml = Buffer.from(tasksResponse(50_000));
PacketCodec.decode(tasksResponse(50)); // load and compile the codec first
(globalThis as { gc?: () => void }).gc?.();
const before = process.resourceUsage().maxRSS;
const value = PacketCodec.decode(xml);
const after = process.resourceUsage().maxRSS;
if (!value.backupManager) throw new Error('unexpected result');
process.stdout.write(`${((after - before) / 1024).toFixed(1)}\n`);
