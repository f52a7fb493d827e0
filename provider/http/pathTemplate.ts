/**
 * Path templates such as `/v2/{project_id}/blockchains/{blockchain_id}` are the single description of
 * an API route: clients fill them with {@link fillPath}, the emulator matches them with {@link matchPath}.
 */
export type PathParams = Record<string, string>;

/** Fills a template; every value is percent-encoded as one path segment, so `/`, `..` and `%` stay inert. */
export function fillPath(template: string, params: PathParams): string {
  return template.replace(/\{([a-zA-Z_]+)\}/g, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`path parameter ${name} is missing for ${template}`);
    return encodeURIComponent(value);
  });
}

/** Matches a request path against a template; returns the decoded parameters or undefined. */
export function matchPath(template: string, path: string): PathParams | undefined {
  const names: string[] = [];
  const pattern = template
    .replace(/[.*+?^$()|[\]\\]/g, "\\$&")
    .replace(/\\?\{([a-zA-Z_]+)\\?\}/g, (_w, n: string) => {
      names.push(n);
      return "([^/]+)";
    });
  const match = new RegExp(`^${pattern}$`).exec(path);
  if (!match) return undefined;
  const params: PathParams = {};
  try {
    names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1])));
  } catch {
    return undefined;
  }
  return params;
}
