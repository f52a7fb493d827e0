/**
 * The error `create` throws when the resource exists but a later step of creating it failed. Pulumi's
 * dynamic-provider host (`grpcResponseFromError` in @pulumi/pulumi/cmd/dynamic-provider) reads `id`,
 * `properties` and `reasons` off a thrown error and answers ErrorResourceInitFailed, so the engine
 * records the resource with these outputs instead of losing track of it, and the next `pulumi up`
 * finishes the job.
 */
export function initFailed<T extends object>(
  id: string,
  properties: T,
  reason: string,
  message: string,
): Error {
  return Object.assign(new Error(message), { id, properties, reasons: [reason] });
}
