import { noRequests, type RequestStats } from "./results";

/** Counts the emulator's requests by reading its request log (BCS_EMULATOR_LOG=1) off stderr. */
export class RequestCounter {
  private stats = noRequests();

  install(): void {
    const write = process.stderr.write.bind(process.stderr);
    const pattern = /^(GET|POST|PUT|DELETE|PATCH) (\S+) (\S+) (\d+)ms$/;
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      const lines = text.split("\n").filter(Boolean);
      if (lines.length > 0 && lines.every((l) => pattern.test(l))) {
        for (const line of lines) {
          const [, , path, , ms] = pattern.exec(line)!;
          if (path === "/v3/auth/tokens") this.stats.token++;
          else if (/\/usercert\/[^/]+\/(un)?freeze$/.test(path)) this.stats.freeze++;
          else if (/\/usercert\/[^/]+$/.test(path)) this.stats.create++;
          else this.stats.other++;
          this.stats.serverMs += Number(ms);
        }
        return true;
      }
      return write(chunk, ...rest);
    }) as typeof process.stderr.write;
  }

  take(): RequestStats {
    const s = this.stats;
    this.stats = noRequests();
    return s;
  }
}
