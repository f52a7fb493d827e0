import type { Middleware } from "./transport";

/** A counting semaphore: at most `max` holders, the rest wait in arrival order. */
class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

const limits = new Map<string, Semaphore>();

/**
 * At most `max` requests in flight per endpoint (scheme, host and port) in this process, whichever
 * resource sends them, so that a stack with hundreds of certificates does not trip the API's throttling.
 */
export function limitConcurrency(max: number): Middleware {
  return (next) => (request) => {
    const origin = new URL(request.url).origin;
    let semaphore = limits.get(origin);
    if (!semaphore) {
      semaphore = new Semaphore(Math.max(1, max));
      limits.set(origin, semaphore);
    }
    return semaphore.run(() => next(request));
  };
}
