import { scrub } from "./scrub";

/** The most characters of one server-supplied text (a message, a code, a name) that are shown. */
export const SERVER_TEXT_LIMIT = 500;

/**
 * Characters a terminal or editor acts on rather than shows: C0 controls (ESC starts ANSI/OSC
 * sequences, CR rewrites the line), DEL, C1 controls, bidirectional overrides and isolates, and
 * line/paragraph separators.
 */
const ACTIVE_CHARACTERS = /[\p{Cc}\p{Bidi_Control}\u2028\u2029]/gu;

const escaped = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * The opener of the Pulumi engine's colour and style tags (`<{%fg 1%}>`, `<{%reset%}>`): the engine
 * reads them inside any diagnostic it prints, so a server's text must not carry one whole.
 */
const ENGINE_TAG_OPENER = /<\{%/g;

/**
 * Text a server said, made safe to print: scrubbed of every credential held (before it is cut, so
 * that no part of one survives at the cut), at most `limit` characters (then `…` and the full length),
 * every active character and engine style tag shown escaped (`\u001b`, `\u003c{%`), so that no
 * answer can move the cursor, recolour or rewrite what the engine prints, or flood it.
 */
export function serverText(raw: string, limit = SERVER_TEXT_LIMIT): string {
  // Only the start is shown; the margin is longer than any credential's form, so none is cut unscrubbed.
  const text = scrub(raw.slice(0, limit * 2 + 8192));
  const kept = [...text.slice(0, limit * 2)].slice(0, limit).join("");
  const more = kept.length < text.length ? `… (cut: ${raw.length} characters in all)` : "";
  return kept.replace(ACTIVE_CHARACTERS, escaped).replace(ENGINE_TAG_OPENER, "\\u003c{%") + more;
}
