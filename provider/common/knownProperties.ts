import { distance } from "fastest-levenshtein";
import { serverText } from "../http/serverText";
import type { Failure } from "./validation";

/**
 * Refuses properties that are not in `known` (a typo such as `securitymode` would otherwise be
 * ignored and the resource created without it), suggesting the closest known name. Keys the engine
 * adds itself (`__provider`) and properties left undefined are not the user's and pass.
 */
export function unknownProperties(
  input: Record<string, unknown>,
  known: readonly string[],
  noun: "property" | "argument" = "property",
  prefix = "",
): Failure[] {
  return Object.keys(input)
    .filter((key) => !known.includes(key) && !key.startsWith("__") && input[key] !== undefined)
    .map((key) => {
      const suggestion = closestName(key, known);
      return {
        property: prefix + key,
        reason:
          `unknown ${noun} "${serverText(prefix + key, 64)}"` +
          (suggestion
            ? `: did you mean ${prefix + suggestion}?`
            : `; the known ones are ${known.map((k) => prefix + k).join(", ")}`),
      };
    });
}

/** The known name within a few edits (letter case aside) of `key`, if any. */
function closestName(key: string, known: readonly string[]): string | undefined {
  let best: { name: string; edits: number } | undefined;
  for (const name of known) {
    const edits = distance(key.toLowerCase(), name.toLowerCase());
    if (!best || edits < best.edits) best = { name, edits };
  }
  return best && best.edits <= Math.max(2, Math.floor(best.name.length / 4)) ? best.name : undefined;
}
