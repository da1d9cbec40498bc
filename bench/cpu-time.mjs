// CPU time of processes, read from /proc (Linux; elsewhere every reading is null): what one side of
// a benchmark cost the machine, apart from what the other processes on it cost at the same time.
import { readdirSync, readFileSync } from 'node:fs';

const tickMs = 10; // USER_HZ is 100 on Linux

/** CPU milliseconds a process has used, its threads and the children it reaped included; null when unknown. */
export function cpuMsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime: fields 14–17 of stat, 12–15 after the name and state.
    return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) * tickMs;
  } catch {
    return null;
  }
}

/** CPU milliseconds of every process whose name is `name` (a database server's workers), or null if none runs. */
export function cpuMsNamed(name) {
  let pids;
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return null;
  }
  let total = null;
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name) total = (total ?? 0) + (cpuMsOf(pid) ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** The database server's CPU milliseconds so far: FerretDB and the PostgreSQL under it. */
export const databaseCpuMs = () => {
  const ferret = cpuMsNamed('ferretdb');
  return ferret === null ? null : ferret + (cpuMsNamed('postgres') ?? 0);
};

/**
 * Starts counting CPU time: of `processes` (a name for each pid), of this process (`bench`, the
 * load it generates) and of the database server. `pause()` and `resume()` leave out what runs
 * between them (the other side's turn); `read()` gives the milliseconds counted, by name (null
 * where unknown).
 */
export function cpuClock(processes = {}) {
  const now = () => {
    const own = process.cpuUsage();
    return {
      ...Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, cpuMsOf(pid)])),
      bench: (own.user + own.system) / 1000,
      database: databaseCpuMs(),
    };
  };
  const counted = {};
  let since = now();
  const add = () => {
    const at = now();
    for (const [name, ms] of Object.entries(at)) {
      counted[name] =
        ms === null || since[name] === null || counted[name] === null ? null : (counted[name] ?? 0) + ms - since[name];
    }
    since = null;
  };
  return {
    pause: () => since && add(),
    resume: () => {
      since ??= now();
    },
    read: () => {
      if (since) {
        add();
        since = now();
      }
      return { ...counted };
    },
  };
}
