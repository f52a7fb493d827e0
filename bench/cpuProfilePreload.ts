/**
 * `node --require dist/bench/cpuProfilePreload.js`: a CPU profile of the process, written to
 * $BENCH_CPU_PROF_DIR/CPU.<pid>.cpuprofile when it exits. Node 20 refuses `--cpu-prof` in NODE_OPTIONS,
 * and the engine stops plugins with SIGINT (then SIGKILL a second later), which `--cpu-prof` would not
 * survive; this writes the profile synchronously on exit and on SIGINT/SIGTERM.
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";

const dir = process.env.BENCH_CPU_PROF_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 1000 });
  session.post("Profiler.start");
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    // The same-thread inspector session answers synchronously, so this works in an exit handler.
    session.post("Profiler.stop", (err, result) => {
      if (!err) writeFileSync(join(dir, `CPU.${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.on("exit", write);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      write();
      process.exit(130);
    });
  }
}
