/**
 * The documentation's links hold (issue 22): every relative link in the repository's Markdown files
 * names a file or folder that exists, and every `#anchor` a heading of the Markdown file it points at;
 * and every `docs/….md` path that the code, scripts, tests or examples mention exists. So moving a
 * file or renaming a heading fails `npm run lint` until its links follow. Run by `npm run lint` and
 * scripts/test.sh.
 */
const { execFileSync } = require("node:child_process");
const { existsSync, readFileSync, statSync } = require("node:fs");
const { dirname, join, normalize } = require("node:path");

const tracked = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
  encoding: "utf8",
})
  .split("\n")
  .filter((f) => f && existsSync(f));
const markdown = tracked.filter((f) => f.endsWith(".md"));

/** The text outside fenced code blocks (and, with `inline`, outside inline code too). */
function prose(text, inline = true) {
  const blocks = text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");
  return inline ? blocks.replace(/`[^`\n]*`/g, "``") : blocks;
}

/** GitHub's anchor of a heading (github-slugger): lower case, punctuation dropped, spaces to `-`. */
function slug(heading) {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

const anchorCache = new Map();
function anchors(file) {
  if (!anchorCache.has(file)) {
    const seen = new Map();
    const found = new Set();
    for (const line of prose(readFileSync(file, "utf8"), false).split("\n")) {
      const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
      if (!m) continue;
      const base = slug(m[1].replace(/`/g, ""));
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      found.add(n === 0 ? base : `${base}-${n}`);
    }
    anchorCache.set(file, found);
  }
  return anchorCache.get(file);
}

const problems = [];
for (const file of markdown) {
  const text = prose(readFileSync(file, "utf8"));
  const links = [
    ...[...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
    ...[...text.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1]),
  ];
  for (const link of links) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto:, …
    const [path, anchor] = link.split("#", 2);
    const target = path === "" ? file : normalize(join(dirname(file), decodeURI(path)));
    if (!existsSync(target)) {
      problems.push(`${file}: link to ${link}: ${target} does not exist`);
      continue;
    }
    if (anchor !== undefined && target.endsWith(".md") && statSync(target).isFile()) {
      if (!anchors(target).has(anchor.toLowerCase()))
        problems.push(`${file}: link to ${link}: ${target} has no heading #${anchor}`);
    }
  }
}

// Paths to the documentation named in code and comments: a file moved or renumbered leaves them behind.
for (const file of tracked.filter((f) => /\.(ts|js|cjs|mjs|sh|go|py|yaml|txt|json)$|\/bin\//.test(f))) {
  if (file === "package-lock.json" || file.startsWith("tests/fixtures/")) continue;
  for (const m of readFileSync(file, "utf8").matchAll(/\bdocs\/[\w./-]*?\.md\b/g))
    if (!existsSync(m[0])) problems.push(`${file}: names ${m[0]}, which does not exist`);
}

for (const problem of problems) console.error(problem);
process.exit(problems.length > 0 ? 1 : 0);
