/** Where notices go: a function given each notice's line. */
export type NoticeSink = (line: string) => void;

/**
 * By default a line on stderr, which the engine shows for the dynamic provider (whose stdout starts
 * with the port it serves on). The bcs plugin's stderr is hidden by the engine, so package/ routes
 * notices to the engine's log service instead (package/notices.ts).
 */
const toStderr: NoticeSink = (line) => console.error(line);

let sink: NoticeSink = toStderr;

/** The one way the providers and the lookup tell the user something that is not an error. */
export function notice(message: string): void {
  sink(`pulumi-bcs: ${message}`);
}

/** Sends every later notice to `to` (stderr when undefined). */
export function routeNotices(to: NoticeSink | undefined): void {
  sink = to ?? toStderr;
}
