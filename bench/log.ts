/** One line of the bench's progress on stdout, with the time of day. */
export function log(msg: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}
