import type { ServerResponse } from "node:http";
import type { FaultKind } from "./config";

/** The request counters behind `GET /_emulator/stats`; they run whether faults are on or off. */

export interface RouteStats {
  /** Requests matched to the route (counted once the request body has been read). */
  received: number;
  /** Requests whose answer was written completely. */
  answered: number;
  /** Faults applied, by kind (`latency` when a delay was added). Drawn faults that did not apply (a zip fault on an error answer, say) are not counted. */
  faulted: Partial<Record<FaultKind | "latency", number>>;
}

export interface EmulatorStats {
  /** By route name; `(unmatched)` counts requests that matched no route. Inspection routes are not counted. */
  requests: Record<string, RouteStats>;
}

/** Requests that matched no route are counted under this name. */
export const UNMATCHED = "(unmatched)";

export class RequestCounters {
  private counters: Record<string, RouteStats> = {};

  snapshot(): EmulatorStats {
    return { requests: structuredClone(this.counters) };
  }

  reset(): void {
    this.counters = {};
  }

  /** Counts a request as received now, and as answered once its answer has been written completely. */
  track(route: string, res: ServerResponse): void {
    this.of(route).received += 1;
    res.once("finish", () => (this.of(route).answered += 1));
  }

  countFault(route: string, kind: FaultKind | "latency"): void {
    const faulted = this.of(route).faulted;
    faulted[kind] = (faulted[kind] ?? 0) + 1;
  }

  private of(route: string): RouteStats {
    return (this.counters[route] ??= { received: 0, answered: 0, faulted: {} });
  }
}
