import { readFileSync, readdirSync } from "node:fs";

/** The parent of each running process, from /proc (Linux, where the tests run). */
function parents(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // it exited meanwhile
    }
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  return children;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/**
 * SIGKILLs a process and all its descendants, as a dying machine or CI runner takes them all. Killing
 * only the pulumi CLI left its language host and its dynamic-provider plugin (the launcher's sh and
 * the node under it) running, reparented to init, after the test was over. The tree is stopped first,
 * so no process starts another while it is read. Returns the pids killed.
 */
export function killProcessTree(root: number): number[] {
  const stopped = new Set<number>();
  let found = [root];
  while (found.length > 0) {
    for (const pid of found) {
      signal(pid, "SIGSTOP");
      stopped.add(pid);
    }
    const children = parents();
    found = [...stopped].flatMap((pid) => children.get(pid) ?? []).filter((pid) => !stopped.has(pid));
  }
  for (const pid of stopped) signal(pid, "SIGKILL");
  return [...stopped];
}

export interface RunningProcess {
  pid: number;
  command: string;
}

/** The running processes whose environment holds `name=value`, wherever they were reparented. */
export function processesWithEnv(name: string, value: string): RunningProcess[] {
  const marker = `${name}=${value}`;
  const found: RunningProcess[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(marker)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z")) continue; // exited, not yet reaped
      const command = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ").trim();
      found.push({ pid: Number(entry), command });
    } catch {
      // exited meanwhile, or not ours to read
    }
  }
  return found;
}

/**
 * The processes still running with `name=value` once those that are on their way out have gone: a
 * plugin the engine just killed may take a moment to leave (no signal tells this process when a
 * process that is not its child exits, so it looks again every 100 ms, for at most `patienceMs`).
 */
export async function leftoverProcesses(
  name: string,
  value: string,
  patienceMs = 10_000,
): Promise<RunningProcess[]> {
  const until = Date.now() + patienceMs;
  let left = processesWithEnv(name, value);
  while (left.length > 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = processesWithEnv(name, value);
  }
  return left;
}
