import { describe, expect, it } from 'vitest';
import { glossaryMatcher, type GlossaryEntry } from '../../lib/markdown/glossary-links';
import { renderMarkdown, renderMarkdownCached } from '../../lib/markdown/render';

/** Every href in the rendered HTML. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]!);
}

describe('renderMarkdown sanitises untrusted posts', () => {
  it('drops <script> elements and keeps the text around them', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\nThe committee met.\n\nInline <script>alert(2)</script> script.');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('alert(1)');
    expect(html).toContain('<p>The committee met.</p>');
  });

  it('keeps no on* event handler', () => {
    const html = renderMarkdown(
      '<a href="https://x.example" onclick="steal()">a</a>\n\n<img src=x onerror=alert(1)>\n\n<div onmouseover="x()">hover</div>\n\n<p onload="y()">p</p>',
    );
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toContain('steal()');
  });

  it.each([
    ['lower case', '[click](javascript:alert(1))'],
    ['mixed case', '[click](JaVaScRiPt:alert(1))'],
    ['hex entity inside', '[click](java&#x73;cript:alert(1))'],
    ['decimal entity first letter', '[click](&#106;avascript:alert(1))'],
    ['fully entity-encoded', `[click](${[...'javascript'].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join('')}:alert(1))`],
    ['&colon; entity', '[click](javascript&colon;alert(1))'],
    ['tab inside', '[click](<java\tscript:alert(1)>)'],
    ['newline inside', '[click](java\nscript:alert(1))'],
    ['leading spaces', '[click](   javascript:alert(1))'],
    ['leading control character', '[click](\u0001javascript:alert(1))'],
    ['reference definition', '[click][r]\n\n[r]: javascript:alert(1)'],
    ['autolink', '<javascript:alert(1)>'],
    ['vbscript', '[click](vbscript:msgbox(1))'],
    ['data URL', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['raw HTML anchor', '<a href="javascript:alert(1)">click</a>'],
  ])('gives no javascript:/vbscript:/data: href (%s)', (_label, markdown) => {
    const html = renderMarkdown(markdown);
    for (const href of hrefs(html)) {
      expect(href).toMatch(/^(https?:|mailto:|\/|#)/i);
    }
    expect(html).not.toMatch(/href="[^"]*(javascript|vbscript|data):/i);
    expect(html).not.toMatch(/<script/i);
  });

  it('drops iframe, object, embed, form, input, style, base, meta, link and img', () => {
    const html = renderMarkdown(
      [
        '<iframe src="https://evil.example"></iframe>',
        '<object data="x.swf"></object>',
        '<embed src="x.swf">',
        '<form action="https://evil.example"><input name="p"></form>',
        '<style>body { display: none }</style>',
        '<base href="https://evil.example/">',
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        '<link rel="stylesheet" href="https://evil.example/x.css">',
        '![tracker](https://evil.example/pixel.png)',
        '',
        'Safe text.',
      ].join('\n\n'),
    );
    for (const tag of ['iframe', 'object', 'embed', 'form', 'input', 'style', 'base', 'meta', 'link', 'img']) {
      expect(html).not.toMatch(new RegExp(`<${tag}[\\s>/]`, 'i'));
    }
    expect(html).not.toContain('evil.example');
    expect(html).toContain('Safe text.');
  });

  it('drops raw HTML tags but keeps inline text; no style or class from authors', () => {
    const html = renderMarkdown('Some <b>bold</b> and <span style="color:red" class="govuk-button">styled</span> words.');
    expect(html).toBe('<p>Some bold and styled words.</p>');
  });

  it('keeps http, https, mailto and site links', () => {
    const html = renderMarkdown(
      '[a](https://www.barnet.gov.uk/) [b](http://barnet.moderngov.co.uk/) [c](mailto:comms@barnet.gov.uk) [d](/glossary/business-case)',
    );
    expect(hrefs(html)).toEqual(['https://www.barnet.gov.uk/', 'http://barnet.moderngov.co.uk/', 'mailto:comms@barnet.gov.uk', '/glossary/business-case']);
  });

  it('marks external links with rel="noopener noreferrer" and hidden "(external website)" text', () => {
    const html = renderMarkdown('Read [the business case](https://www.barnet.gov.uk/bc.pdf).');
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).toContain('<span class="govuk-visually-hidden"> (external website)</span></a>');
    expect(html).toContain('>the business case<');
  });

  it('does not mark links within the site, mailto links or links to the site origin as external', () => {
    const html = renderMarkdown('[a](/committees) [b](mailto:x@barnet.gov.uk) [c](https://decisions.barnet.example/projects)', {
      siteOrigin: 'https://decisions.barnet.example',
    });
    expect(html).not.toContain('noopener');
    expect(html).not.toContain('(external website)');
  });

  it('renders GFM tables', () => {
    const html = renderMarkdown('| Service | Fee |\n| --- | --- |\n| Wedding (Monday) | £40 |\n');
    expect(html).toContain('<table>');
    expect(html).toContain('<th>Service</th>');
    expect(html).toContain('<td>£40</td>');
  });

  it('escapes text that looks like markup', () => {
    const html = renderMarkdown('Use `<script>` tags & "quotes" < 3');
    expect(html).toContain('<code>&#x3C;script></code>');
    expect(html).not.toMatch(/<script/i);
  });

  it('caches by input and options: the same post renders the same, other options differently', () => {
    const glossary: GlossaryEntry[] = [{ slug: 'business-case', phrases: ['business case'] }];
    const once = renderMarkdownCached('The business case was approved.', { glossary });
    expect(renderMarkdownCached('The business case was approved.', { glossary })).toBe(once);
    expect(renderMarkdownCached('The business case was approved.', {})).not.toContain('glossary-link');
  });
});

describe('glossary links', () => {
  const glossary: GlossaryEntry[] = [
    { slug: 'business-case', phrases: ['Business case', 'business cases'] },
    { slug: 'options-appraisal', phrases: ['options appraisal'] },
    { slug: 'in-house', phrases: ['In-house', 'in house'] },
    { slug: 'house', phrases: ['house'] },
    { slug: 'local-authority-trading-company', phrases: ['local authority trading company'] },
    { slug: 'local-authority', phrases: ['local authority'] },
  ];
  const render = (markdown: string) => renderMarkdown(markdown, { glossary });
  const glossaryLinks = (html: string) => [...html.matchAll(/<a href="\/glossary\/([^"]+)" class="glossary-link">([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);

  it('links only the first mention of a term', () => {
    const html = render('A business case was written.\n\nThe business case was approved.');
    expect(glossaryLinks(html)).toEqual([['business-case', 'business case']]);
    expect(html).toContain('The business case was approved.');
  });

  it('lets the longest phrase win ("business cases" over "business case")', () => {
    expect(glossaryLinks(render('Two business cases were approved.'))).toEqual([['business-case', 'business cases']]);
    expect(glossaryLinks(render('It set up a local authority trading company.'))).toEqual([
      ['local-authority-trading-company', 'local authority trading company'],
    ]);
  });

  it('matches case-insensitively and keeps the text as written', () => {
    expect(glossaryLinks(render('The BUSINESS CASE and the Options Appraisal.'))).toEqual([
      ['business-case', 'BUSINESS CASE'],
      ['options-appraisal', 'Options Appraisal'],
    ]);
  });

  it('matches a phrase broken over two lines', () => {
    expect(glossaryLinks(render('The options\nappraisal was accepted.'))).toEqual([['options-appraisal', 'options\nappraisal']]);
  });

  it('never links inside headings, and links the first mention after them', () => {
    const html = render('## Business case\n\nThe business case was approved.');
    expect(html).toContain('<h2>Business case</h2>');
    expect(glossaryLinks(html)).toEqual([['business-case', 'business case']]);
  });

  it('never links inside existing links', () => {
    const html = render('[The business case](https://www.barnet.gov.uk/bc.pdf) is online.');
    expect(glossaryLinks(html)).toEqual([]);
    expect(html).not.toMatch(/<a[^>]*>[^<]*<a/);
  });

  it('never links inside code', () => {
    const html = render('`business case` and\n\n```\noptions appraisal\n```');
    expect(glossaryLinks(html)).toEqual([]);
  });

  it('respects word boundaries: "in-house" is one term and "housing" is not "house"', () => {
    const html = render('One service stays in-house; housing is separate.');
    expect(glossaryLinks(html)).toEqual([['in-house', 'in-house']]);
    expect(glossaryLinks(render('Housing and warehouses.'))).toEqual([]);
    expect(glossaryLinks(render('A casebusiness case or businesscase.'))).toEqual([]);
  });

  it('links a term inside a list or table cell', () => {
    expect(glossaryLinks(render('- the options appraisal\n'))).toEqual([['options-appraisal', 'options appraisal']]);
    expect(glossaryLinks(render('| Step |\n| --- |\n| business case |\n'))).toEqual([['business-case', 'business case']]);
  });

  it('links terms to their glossary page and does not mark glossary links as external', () => {
    const html = renderMarkdown('The business case.', { glossary });
    expect(html).toContain('<a href="/glossary/business-case" class="glossary-link">business case</a>');
    expect(html).not.toContain('external website');
  });

  it('does nothing without glossary entries', () => {
    expect(glossaryMatcher([])).toBeUndefined();
    expect(renderMarkdown('The business case.')).toBe('<p>The business case.</p>');
  });

  it('treats regular-expression characters in terms as text', () => {
    const entries: GlossaryEntry[] = [{ slug: 'c-plus', phrases: ['C++ (language)'] }];
    const html = renderMarkdown('We used C++ (language) and CCC.', { glossary: entries });
    expect(html).toContain('<a href="/glossary/c-plus" class="glossary-link">C++ (language)</a>');
  });
});
