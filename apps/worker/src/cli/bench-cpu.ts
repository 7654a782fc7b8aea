import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';

/** Clock ticks per second, the unit of /proc/<pid>/stat's times (100 on the usual Linux builds). */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) a process has used, from Linux's /proc; null when it cannot be read. */
function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces: fields are counted after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Whose CPU is counted: the processes of one part of the system. */
export interface CpuParts {
  /** The worker processes. */
  workers: number[];
  /** This process: the sandbox networks, and the benchmark's own (light) waiting. */
  sandbox: number;
  /** Our database and the sandbox's, by name: their backends are found in pg_stat_activity. */
  database: string;
  sandboxDatabase: string;
  /** Redis's process id when it runs on this machine (INFO server), else null. */
  redis: number | null;
}

export type CpuSnapshot = Map<string, Map<number, number>>;

/**
 * CPU seconds used so far by each part, per process (a process that appears later counts from zero, as a new
 * Postgres backend should). Postgres counts only when it runs on this machine: its background processes (WAL
 * writer, checkpointer) are a part of their own, shared by both databases.
 */
export async function cpuSnapshot(dataSource: DataSource, parts: CpuParts): Promise<CpuSnapshot> {
  const backends: Array<{ pid: number; datname: string | null; backend_type: string }> =
    await dataSource.query(
      `SELECT pid, datname, backend_type FROM pg_stat_activity
        WHERE datname = ANY($1) OR (datname IS NULL AND backend_type <> 'client backend')`,
      [[parts.database, parts.sandboxDatabase]],
    );
  const groups: Array<[string, number[]]> = [
    ['worker', parts.workers],
    ['sandbox', [parts.sandbox]],
    ['postgres', backends.filter((b) => b.datname === parts.database).map((b) => b.pid)],
    ['sandboxPostgres', backends.filter((b) => b.datname === parts.sandboxDatabase).map((b) => b.pid)],
    ['postgresBackground', backends.filter((b) => b.datname === null).map((b) => b.pid)],
    ['redis', parts.redis === null ? [] : [parts.redis]],
  ];
  const snapshot: CpuSnapshot = new Map();
  for (const [group, pids] of groups) {
    const seconds = new Map<number, number>();
    for (const pid of pids) {
      const used = cpuSeconds(pid);
      if (used !== null) seconds.set(pid, used);
    }
    snapshot.set(group, seconds);
  }
  return snapshot;
}

/** Milliseconds of CPU per item each part used between two snapshots, and in all. */
export function cpuPerItem(before: CpuSnapshot, after: CpuSnapshot, items: number): Map<string, number> {
  const perItem = new Map<string, number>();
  let total = 0;
  for (const [group, seconds] of after) {
    let used = 0;
    for (const [pid, now] of seconds) used += now - (before.get(group)?.get(pid) ?? 0);
    perItem.set(group, (used * 1000) / items);
    total += used;
  }
  perItem.set('total', (total * 1000) / items);
  return perItem;
}

/** The figure as the table prints it. */
export function describeCpuPerItem(perItem: Map<string, number>, cores: number): string {
  const ms = (group: string) => `${(perItem.get(group) ?? 0).toFixed(1)} ms`;
  const total = perItem.get('total') ?? 0;
  return [
    `worker ${ms('worker')}, our Postgres ${ms('postgres')},`,
    `sandbox ${ms('sandbox')} + its Postgres ${ms('sandboxPostgres')},`,
    `Postgres background ${ms('postgresBackground')}, Redis ${ms('redis')};`,
    `${total.toFixed(1)} ms in all, ${Math.round((cores * 1000) / total)} posts/s at most on ${cores} cores`,
  ].join(' ');
}
