/**
 * The one way the providers and the lookup tell the user something that is not an error: a line on
 * stderr, which the engine shows beside the resource (the provider process's stdout starts with the
 * port it serves on).
 */
export function notice(message: string): void {
  console.error(`pulumi-bcs: ${message}`);
}
