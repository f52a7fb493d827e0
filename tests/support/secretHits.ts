/**
 * Where a secret shows up: each named secret value, and any PEM private key, looked for in each named
 * text (state export, event log, printed output, …). An empty list is the passing answer.
 */
export function secretHits(
  secrets: ReadonlyMap<string, string>,
  haystacks: Record<string, string>,
): string[] {
  const hits: string[] = [];
  for (const [where, text] of Object.entries(haystacks)) {
    for (const [what, value] of secrets) if (text.includes(value)) hits.push(`${what} in ${where}`);
    if (/-----BEGIN (EC |RSA |ENCRYPTED )?PRIVATE KEY-----/.test(text))
      hits.push(`a PEM private key in ${where}`);
  }
  return hits;
}
