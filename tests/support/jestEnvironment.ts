import { TestEnvironment } from "jest-environment-node";

/*
 * Jest's node environment, and one thing more for its worker processes: once a worker has nothing
 * left to do (jest-worker removed its IPC listener and the event loop is empty) it leaves through
 * process.exit() instead of the natural exit. The natural exit disposes the V8 heap page by page (about
 * 400 munmap calls for a worker's ~100 MB, strace showed), which on two busy cores takes 0.3 to 1.4 s,
 * past jest's fixed 500 ms grace: jest then printed "A worker process has failed to exit gracefully"
 * although no handle was left open. A real leak (a server, socket or ref'd timer) still keeps the
 * loop busy, so 'beforeExit' never comes and jest still reports it.
 */
if (typeof process.send === "function") {
  process.once("beforeExit", () => process.exit());
}

export default TestEnvironment;
