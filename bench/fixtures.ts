/** Deterministic benchmark inputs. */

/** A get-tasks-info response with `n` tasks (10 MB for 50,000), one element per line. */
export function tasksResponse(n: number): string {
  const statuses = ['working', 'finished', 'failed', 'stopped'];
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(
      `\n<task>\n <webspace-id>${i}</webspace-id>\n <id>${i + 1000}</id>\n <status>${statuses[i % 4]}</status>\n <started>1224897686</started>\n <prefix>nightly-${i % 97}</prefix>\n <filename>backup_${i}.tar</filename>\n <protocol>local</protocol>\n</task>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.9.0">\n  <backup-manager>\n    <get-tasks-info>\n      <result>\n        <status>ok</status>${parts.join('')}\n      </result>\n    </get-tasks-info>\n  </backup-manager>\n</packet>\n`;
}

/** Inputs for 100,000 backup-webspace requests (some text needs escaping). */
export function webspaceRequests(n: number): { webspaceName: string; prefix: string; description: string; splitSize: bigint }[] {
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push({
      webspaceName: `site${i}.example.com`,
      prefix: `nightly-${i % 97}`,
      description: i % 10 === 0 ? `Backup of site ${i} & its mail <weekly>` : `Backup of site ${i}`,
      splitSize: BigInt(i % 3) * 1024n,
    });
  }
  return out;
}

/** Escaping as the SDK's encoder does it (& < > and CR). */
export function escapeXml(s: string): string {
  return s.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

/** Valid JetBackup 5 Backup Job objects (wire form), as listBackupJobs returns them. */
export function jobObjects(n: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const id = (i + 0x5fcb1df43606).toString(16).padStart(24, '0');
    out.push({
      _id: id,
      name: `Job ${i}`,
      destination: ['5fcb1df43606876d134aab83'],
      destination_details: [{ _id: '5fcb1df43606876d134aab83', name: 'Local', disabled: 0 }],
      type: (i % 2) + 1,
      contains: 511,
      structure: [1, 2, 4][i % 3],
      options: 0,
      state: 0,
      owner: '5fc96deeac61ab0bc3020313',
      owner_name: 'root',
      next_run: '2020-12-09T03:57:09+00:00',
      last_run: '',
      running: 0,
      retry_failed: 0,
      disabled: i % 5 === 0 ? 1 : 0,
      time: 1700,
      monitor: { ranfor: 0, notran: 0 },
      manually_retain: 0,
      exclude_list: ['/tmp/*'],
      encrypted: 0,
      schedules: [{ _id: '5fcb1df43606876d134aab84', name: 'Daily', type: 2, next_run: '2020-12-09T03:57:09+00:00', retain: 7 }],
      hooks: [],
      mysql_exclude_db_by_size: 0,
      postgresql_exclude_db_by_size: 0,
      mongodb_exclude_db_by_size: 0,
    });
  }
  return out;
}
