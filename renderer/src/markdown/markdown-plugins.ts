/**
 * The remark plugins every reply block is parsed with, in one place: the renderer uses them, and
 * the streaming healer tokenizes the tail with exactly the same syntax, so both agree on what is
 * code and what is math.
 */
import remarkCjkFriendly from 'remark-cjk-friendly/parseOnly';
import remarkCjkFriendlyStrikethrough from 'remark-cjk-friendly-gfm-strikethrough/parseOnly';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import type { PluggableList } from 'unified';
import { remarkCjkAutolinks } from './cjk-autolinks';
import { remarkChatMath } from './math-syntax';
import { remarkTableBreaks } from './table-breaks';

/** A module constant: a new array per render would make react-markdown redo its setup. */
export const remarkPlugins: PluggableList = [
  remarkGfm,
  // Emphasis and strikethrough beside CJK punctuation (`**注意：**请`), which CommonMark's
  // flanking rules reject; parse-only entry points, as nothing here serializes markdown.
  remarkCjkFriendly,
  remarkCjkFriendlyStrikethrough,
  remarkCjkAutolinks,
  // remark-math for `$$` blocks and the math nodes; its single-dollar rule is replaced by ours.
  [remarkMath, { singleDollarTextMath: false }],
  remarkChatMath,
  remarkTableBreaks,
];
