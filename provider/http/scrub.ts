/**
 * Every credential this process holds, configured or obtained at run time (IAM tokens, Fabric CA
 * enrollment secrets), so that any text can be scrubbed of them before it is shown.
 */
const held = new Set<string>();

/** Shorter credentials are not held: they would blank out ordinary words. */
const MIN_SECRET_LENGTH = 4;

/** Remembers a credential for the life of the process: every later scrub removes it. */
export function holdSecret(value: string | undefined): void {
  if (value && value.length >= MIN_SECRET_LENGTH) held.add(value);
}

/**
 * Replaces every occurrence of the given secrets, and of every secret held, with `[secret]`, in each
 * form a server might echo it: raw, JSON-escaped (also as Go and ASCII-only encoders write it),
 * URL-encoded, and base64 (standard and URL-safe, also inside a longer base64 text such as a Basic
 * `Authorization` header).
 */
export function scrub(message: string, secrets: readonly string[] = []): string {
  const forms = new Set<string>();
  for (const secret of [...secrets, ...held])
    if (secret) for (const form of secretForms(secret)) forms.add(form);
  // Longest first, so a form that contains another is replaced whole.
  return [...forms]
    .sort((a, b) => b.length - a.length)
    .reduce((text, form) => (text.includes(form) ? text.split(form).join("[secret]") : text), message);
}

const unicodeEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** The forms in which a server may write a secret back. */
/** `err` as an Error whose message and stack (printed by the engine's host) hold none of the secrets. */
export function scrubbedError(err: unknown, secrets: readonly string[] = []): Error {
  const e = err instanceof Error ? err : new Error(String(err));
  e.message = scrub(e.message, secrets);
  if (e.stack) e.stack = scrub(e.stack, secrets);
  return e;
}

export function secretForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const ascii = json.replace(/[\u0080-\uffff]/g, unicodeEscape);
  const encoded = [
    json,
    json.replace(/\//g, "\\/"),
    json.replace(/[<>&\u2028\u2029]/g, unicodeEscape),
    ascii,
    ascii.replace(/\\u[0-9a-f]{4}/g, (escape) => escape.toUpperCase().replace("\\U", "\\u")),
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    ...base64Forms(secret),
  ];
  // An encoded form shorter than this would blank out ordinary text.
  return [secret, ...encoded.filter((form) => form.length >= MIN_SECRET_LENGTH)];
}

/**
 * The base64 characters that depend only on the secret, for each of the three byte alignments it can
 * have inside a longer text: whatever surrounds it, its encoding contains one of these.
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const forms: string[] = [];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes])
      .toString("base64")
      .replace(/=+$/, "");
    const first = Math.ceil((offset * 8) / 6);
    const end = Math.floor(((offset + bytes.length) * 8) / 6);
    const fragment = encoded.slice(first, end);
    forms.push(fragment, fragment.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return forms;
}
