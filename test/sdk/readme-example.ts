/**
 * The README's main example, verbatim between the markers (test/sdk/readme.test.ts checks that the
 * README shows exactly this code, type-checks it through the strict tsc test, and runs it).
 */
export function readmeExample(responseXml: string, log: (...args: unknown[]) => void): string {
  const console = { log, error: log };
  // README:begin
  // Key order does not matter: the packet is written in schema order.
  const operations = [
    backupWebspace({ description: 'Standard weekly backup', local: true, webspaceName: 'example.com', splitSize: 0n }),
    getTasksInfo({ taskId: '7' }),
  ] as const;

  const xml = encodeBackupManagerRequest(operations);

  // POST xml to https://<host>:8443/enterprise/control/agent.php (Content-Type: text/xml), then:
  try {
    const [created, tasks] = decodeBackupManagerResponse(responseXml, operations); // typed per operation
    if (created.result.status === 'ok') console.log('task', created.result.taskId);
    for (const task of tasks.result[0]?.task ?? []) console.log(task.id, task.status); // 'working' | 'stopped' | 'failed' | 'finished'
  } catch (e) {
    if (e instanceof PacketSystemError) console.error(`packet refused: ${e.errcode} ${e.errtext}`); // e.g. 1001, 11003
    else throw e; // XmlParseError / DecodeError: every issue in e.issues, with paths
  }
  // README:end
  return xml;
}

import { backupWebspace, decodeBackupManagerResponse, encodeBackupManagerRequest, getTasksInfo } from '../../generated/plesk/backup-manager.js';
import { PacketSystemError } from '../../generated/runtime/index.js';
