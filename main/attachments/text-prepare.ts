/**
 * A text file (or a PDF's extracted text) as the model reads it: its name, then its text in a
 * Markdown fence longer than any run of backticks inside (so the file cannot close the fence
 * early), cut past a limit with a note saying how much was left out.
 */

/** Most lines of one file a model is sent. */
export const maxTextLines = 2_000;
/** Most characters of one file a model is sent (~50k tokens). */
export const maxTextChars = 200_000;

/** The text as sent, and whether it was cut. */
export interface PreparedText {
  text: string;
  cut: boolean;
}

/**
 * `name`'s text fenced, with `label` after the name when given ("text extracted from the PDF").
 * Past `maxTextLines` lines or `maxTextChars` characters only the first whole lines that fit
 * are sent, followed by `[first N lines of M; K lines left out]` (a first line longer than the
 * limit is cut inside, and the note counts characters instead).
 */
export function fencedText(name: string, text: string, label?: string): PreparedText {
  const normalized = text.replace(/\r\n?/g, '\n').replace(/\n$/, '');
  const lines = normalized.split('\n');
  let kept = lines.slice(0, maxTextLines);
  let chars = 0;
  let fit = 0;
  for (const line of kept) {
    if (chars + line.length + 1 > maxTextChars + 1) break;
    chars += line.length + 1;
    fit += 1;
  }
  if (fit < kept.length) {
    kept = fit > 0 ? kept.slice(0, fit) : [(kept[0] ?? '').slice(0, maxTextChars)];
  }
  const body = kept.join('\n');
  const cut = kept.length < lines.length || body.length < normalized.length;
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  const header = label ? `${name} (${label})` : name;
  let note = '';
  if (kept.length < lines.length) {
    const left = lines.length - kept.length;
    note = `\n[first ${count(kept.length)} lines of ${count(lines.length)}; ${count(left)} lines left out]`;
  } else if (cut) {
    note = `\n[first ${count(body.length)} characters of ${count(normalized.length)}; the rest left out]`;
  }
  return { text: `${header}\n${fence}\n${body}\n${fence}${note}`, cut };
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}
