/**
 * The text the benchmark streams. Paragraphs carry markers («12») that the receive log (main)
 * and the page probe (renderer) both find, so a delta's arrival and its paint can be matched
 * whatever markup the reply renders to.
 */

const words = (
  'the renderer keeps incoming deltas in a buffer outside react and commits at most once per ' +
  'animation frame so only the streaming message renders again while finished blocks stay put'
).split(' ');

/** Deterministic filler prose of about `length` characters. */
function prose(seed: number, length: number): string {
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < length; i++) {
    const word = words[(seed * 7 + i * 13) % words.length] ?? 'word';
    const styled = i % 17 === 5 ? `**${word}**` : i % 23 === 11 ? `\`${word}\`` : word;
    out.push(styled);
    size += styled.length + 1;
  }
  return out.join(' ');
}

function table(seed: number): string {
  const rows = Array.from(
    { length: 8 },
    (_, i) => `| ${seed}-${i} | ${prose(seed + i, 24)} | ${(i * 37) % 101} ms |`,
  );
  return ['| case | what happens | cost |', '| --- | --- | ---: |', ...rows].join('\n');
}

function codeBlock(seed: number): string {
  const lines = Array.from(
    { length: 24 },
    (_, i) => `  const value${i} = compute(${seed}, ${i}); // ${prose(seed + i, 30)}`,
  );
  return ['```ts', `function block${seed}() {`, ...lines, '}', '```'].join('\n');
}

/**
 * About `targetLength` characters of GitHub-flavoured markdown: headings, marked paragraphs,
 * lists, `tables` tables and `codeBlocks` fenced code blocks, spread evenly.
 */
export function benchReply(targetLength: number, codeBlocks = 5, tables = 3): string {
  const sections: string[] = [];
  let marker = 0;
  let length = 0;
  const extras = codeBlocks + tables;
  // Spread the extras evenly: about 1,400 characters a code block, 600 a table, 450 a paragraph.
  const proseLength = targetLength - codeBlocks * 1_400 - tables * 600;
  const paragraphsPerExtra = Math.max(1, Math.floor(proseLength / 450 / (extras + 1)));
  let sinceExtra = 0;
  let code = 0;
  let tab = 0;
  while (length < targetLength) {
    let section: string;
    if (sinceExtra >= paragraphsPerExtra && (code < codeBlocks || tab < tables)) {
      sinceExtra = 0;
      section = code <= tab && code < codeBlocks ? codeBlock(code++) : table(tab++);
    } else if (marker % 9 === 0) {
      section = `## Part ${marker / 9 + 1}`;
    } else if (marker % 7 === 3) {
      section = [1, 2, 3].map((i) => `- «${marker++}» ${prose(marker + i, 70)}`).join('\n');
    } else {
      sinceExtra++;
      // A marker every ~50 characters, so latency has many samples.
      const parts: string[] = [];
      for (let i = 0; i < 8; i++) parts.push(`«${marker++}» ${prose(marker, 45)}`);
      section = parts.join(' ');
      marker--;
    }
    marker++;
    sections.push(section);
    length += section.length + 2;
  }
  // Whatever is left of the code blocks and tables goes last, so every run has them all.
  while (code < codeBlocks) sections.push(codeBlock(code++));
  while (tab < tables) sections.push(table(tab++));
  return sections.join('\n\n');
}

/** A finished reply in a seeded conversation: about 900 characters with a list and code. */
export function seedReply(index: number): string {
  return [
    `Answer ${index}: ${prose(index, 320)}`,
    `- ${prose(index + 1, 80)}\n- ${prose(index + 2, 80)}`,
    index % 3 === 0 ? codeBlock(index) : prose(index + 3, 300),
  ].join('\n\n');
}

/** The last complete marker number in `text`, or -1. */
export function lastMarker(text: string): number {
  const end = text.lastIndexOf('»');
  if (end < 0) return -1;
  const start = text.lastIndexOf('«', end);
  const value = Number(text.slice(start + 1, end));
  return start < 0 || !Number.isInteger(value) ? -1 : value;
}
