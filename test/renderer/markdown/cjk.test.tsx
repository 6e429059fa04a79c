import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render-markdown';

describe('emphasis beside East-Asian punctuation', () => {
  it.each([
    // Chinese
    ['**注意：**请先保存文件。', 'strong', '注意：', '注意：请先保存文件。'],
    [
      '**这些星号不会被识别为强调标记，而是就这么原样显示出来。**都是因为这个句子。',
      'strong',
      '这些星号不会被识别为强调标记，而是就这么原样显示出来。',
      null,
    ],
    ['请*「务必」*备份。', 'em', '「务必」', '请「务必」备份。'],
    ['~~旧版本：~~新版本', 'del', '旧版本：', '旧版本：新版本'],
    // Japanese
    [
      '**このアスタリスクは強調記号として認識されず、そのまま表示されます。**この文のせいで。',
      'strong',
      'このアスタリスクは強調記号として認識されず、そのまま表示されます。',
      null,
    ],
    ['*「重要」*です。', 'em', '「重要」', '「重要」です。'],
    // Korean
    [
      '이 **괄호(parenthesis)**가 있는 바람에',
      'strong',
      '괄호(parenthesis)',
      '이 괄호(parenthesis)가 있는 바람에',
    ],
    ['**가능（可能）**하다', 'strong', '가능（可能）', '가능（可能）하다'],
    ['*강조*입니다', 'em', '강조', '강조입니다'],
  ])('renders %j with <%s> and no stray markers', (text, tag, inner, whole) => {
    const { body } = renderMarkdown(text);
    expect(body.querySelector(tag)?.textContent).toBe(inner);
    expect(body.textContent).not.toMatch(/\*|~~/);
    if (whole) expect(body.textContent).toBe(whole);
  });

  it.each([
    ['**[文档](https://example.com/zh)**：请阅读。', '文档', 'https://example.com/zh'],
    [
      '**[ドキュメント](https://example.com/ja)**を参照してください。',
      'ドキュメント',
      'https://example.com/ja',
    ],
    ['**[문서](https://example.com/ko)**를 참고하세요.', '문서', 'https://example.com/ko'],
  ])('renders a bold link in %j', (text, name, href) => {
    const { body } = renderMarkdown(text);
    const link = screen.getByRole('link', { name });
    expect(link.getAttribute('href')).toBe(href);
    expect(link.closest('strong')).not.toBeNull();
    expect(body.textContent).not.toContain('*');
  });

  it.each([
    ['详见<https://example.com/docs>。**注意：**请先保存。', 'https://example.com/docs', '。'],
    ['详见 https://example.com/docs。谢谢', 'https://example.com/docs', '。谢谢'],
    [
      '詳しくは https://example.com/ja/guide、または www.example.jp を参照。',
      'https://example.com/ja/guide',
      '、または',
    ],
    ['자세한 내용은 https://example.com/ko 를 참고하세요.', 'https://example.com/ko', ' 를'],
  ])('links only the address in %j', (text, href, after) => {
    const { body } = renderMarkdown(text);
    const link = body.querySelector('a');
    expect(link?.getAttribute('href')).toBe(href);
    expect(link?.textContent).toBe(href);
    expect(body.textContent).toContain(`${href}${after}`);
  });

  it('keeps a CJK path in a bare URL when no punctuation ends it', () => {
    const { body } = renderMarkdown('参见 https://zh.wikipedia.org/wiki/中国 页面');
    expect(body.querySelector('a')?.textContent).toBe('https://zh.wikipedia.org/wiki/中国');
  });

  it('leaves English emphasis rules as they were', () => {
    const { body } = renderMarkdown('snake_case_name and **bold**text and a*b*c');
    expect(body.querySelector('strong')?.textContent).toBe('bold');
    expect(body.querySelector('em')?.textContent).toBe('b');
    expect(body.textContent).toContain('snake_case_name');
  });
});
