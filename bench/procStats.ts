/**
 * CPU time and resident memory of another process, read from /proc (Linux only). CPU comes in clock
 * ticks (USER_HZ, 100 a second on Linux), so a window must span many edits for a useful per-edit figure.
 */
import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: the unit of utime/stime in /proc/PID/stat. Fixed at 100 on every mainstream kernel. */
export const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime of the process in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces: split after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Resident set size (VmRSS) in KiB. */
export function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!m) throw new Error(`no VmRSS for process ${pid}`);
  return Number(m[1]);
}
