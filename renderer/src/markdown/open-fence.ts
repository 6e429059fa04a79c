/**
 * The code of a fenced block that is still streaming, read without a markdown parser: while a
 * long fence grows, re-parsing all of it every frame would be the most expensive thing on screen.
 */

const opening = /^( {0,3})(`{3,}|~{3,})([^\n]*)(?:\n|$)/;

/**
 * An open fence's language, code so far and opening marks (```` ``` ````, `~~~~`), or null when
 * `source` does not start a fence.
 */
export function readOpenFence(
  source: string,
): { lang: string; code: string; fence: string } | null {
  const match = opening.exec(source);
  if (!match) return null;
  const [whole, indent = '', fence = '', info = ''] = match;
  // A backtick fence's info string may not contain a backtick (CommonMark); then it is no fence.
  if (fence.startsWith('`') && info.includes('`')) return null;
  const lang = info.trim().split(/\s+/)[0] ?? '';
  const body = source.slice(whole.length);
  // Lines lose up to as many leading spaces as the fence was indented, as the parser does.
  const strip = indent.length;
  const code = strip === 0 ? body : body.replace(new RegExp(`^ {0,${strip}}`, 'gm'), '');
  return { lang, code: code.replace(/\n$/, ''), fence };
}
