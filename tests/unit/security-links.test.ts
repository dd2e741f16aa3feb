/**
 * The two files that decide what a post's links and markup may be: the sanitiser's schema
 * (lib/markdown/sanitize-schema.ts) and the external-link marker (lib/markdown/external-links.ts).
 */
import type { Element, Root } from 'hast';
import { sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { rehypeExternalLinks } from '../../lib/markdown/external-links';
import { renderMarkdown } from '../../lib/markdown/render';
import { postSanitizeSchema } from '../../lib/markdown/sanitize-schema';

const SITE = 'https://decisions.barnet.example';

/** The <a> start tags of the rendered HTML, as attribute maps. */
function anchors(html: string): Array<Record<string, string>> {
  return [...html.matchAll(/<a\b([^>]*)>/g)].map((m) => Object.fromEntries([...m[1]!.matchAll(/\s([\w:-]+)(?:="([^"]*)")?/g)].map((a) => [a[1]!, a[2] ?? ''])));
}

describe('links that leave the site are found the way the browser finds them', () => {
  it.each([
    ['a look-alike host that starts with the site address', 'https://decisions.barnet.example.evil.example/'],
    ['user info that looks like the site', 'https://decisions.barnet.example@evil.example/'],
    ['another port', 'https://decisions.barnet.example:8443/'],
    ['plain http to the site host (another origin)', 'http://decisions.barnet.example/'],
  ])('%s is marked external', (_label, href) => {
    const [a] = anchors(renderMarkdown(`[x](${href})`, { siteOrigin: SITE }));
    expect(a?.rel).toBe('noopener noreferrer');
    expect(a?.class).toBe('external-link');
  });

  it.each([
    ['//evil.example/x', 'https://evil.example/x'],
    ['https:evil.example/x', '/evil.example/x'],
    ['https://evil.example/x', 'https://evil.example/x'],
  ])('writes %j out as %j, so every reader resolves it alike', (href, expected) => {
    const [a] = anchors(renderMarkdown(`[x](${href})`, { siteOrigin: SITE }));
    expect(a?.href).toBe(expected);
  });

  it('marks a scheme-relative link as external', () => {
    const [a] = anchors(renderMarkdown('[x](//evil.example/x)', { siteOrigin: SITE }));
    expect(a).toMatchObject({ href: 'https://evil.example/x', rel: 'noopener noreferrer', class: 'external-link' });
  });

  it('leaves site links, fragments and mailto alone, with or without a site origin', () => {
    for (const options of [{ siteOrigin: SITE }, {}]) {
      const html = renderMarkdown('[a](/committees) [b](#top) [c](mailto:x@barnet.gov.uk) [d](?q=x) [e](https://decisions.barnet.example/projects)', options);
      const links = anchors(html);
      expect(links.map((l) => l.href)).toEqual(['/committees', '#top', 'mailto:x@barnet.gov.uk', '?q=x', 'https://decisions.barnet.example/projects']);
      expect(links.filter((l) => l.rel).length).toBe('siteOrigin' in options ? 0 : 1);
      expect(html).not.toContain('site.invalid');
    }
  });

  it('removes an href the browser would not resolve to http(s) or mailto, even if the sanitiser let it by', () => {
    const tree: Root = {
      type: 'root',
      children: ['javascript:alert(1)', ' jav\tascript:alert(1)', 'data:text/html,x', 'https://[bad', 'vbscript:x', 'https://www.barnet.gov.uk/'].map(
        (href): Element => ({ type: 'element', tagName: 'a', properties: { href }, children: [{ type: 'text', value: 'x' }] }),
      ),
    };
    rehypeExternalLinks({ siteOrigin: SITE })(tree);
    const hrefs = tree.children.map((node) => (node as Element).properties.href);
    expect(hrefs).toEqual([undefined, undefined, undefined, undefined, undefined, 'https://www.barnet.gov.uk/']);
  });
});

describe('the sanitiser schema is the default narrowed', () => {
  const h = (tagName: string, properties: Record<string, unknown> = {}, children: Root['children'] = []): Element => ({
    type: 'element',
    tagName,
    properties: properties as Element['properties'],
    children: children as Element['children'],
  });
  const text = (value: string) => ({ type: 'text' as const, value });
  const clean = (...children: Root['children']) => toHtml(sanitize({ type: 'root', children }, postSanitizeSchema));

  it('checks the protocol of every URL attribute it allows', () => {
    expect(Object.keys(postSanitizeSchema.protocols ?? {}).sort()).toEqual(['cite', 'href', 'longDesc', 'src']);
    expect(postSanitizeSchema.protocols?.href).toEqual(['http', 'https', 'mailto']);
    for (const [tag, attributes] of Object.entries(postSanitizeSchema.attributes ?? {})) {
      for (const attribute of attributes) {
        const name = typeof attribute === 'string' ? attribute : attribute[0];
        if (/^(href|src|cite|longDesc|srcSet|action|formAction|data|poster|background|xLinkHref)$/.test(name)) {
          expect(postSanitizeSchema.protocols, `${tag}.${name}`).toHaveProperty(name);
        }
      }
    }
  });

  it('allows no form, focus or microdata attribute anywhere', () => {
    const everywhere = (postSanitizeSchema.attributes?.['*'] ?? []).map((a) => (typeof a === 'string' ? a : a[0]));
    for (const name of ['action', 'method', 'encType', 'accessKey', 'tabIndex', 'itemProp', 'className', 'style', 'useMap', 'formAction']) {
      expect(everywhere, name).not.toContain(name);
    }
    expect(postSanitizeSchema.attributes?.div ?? []).toEqual([]);
  });

  it('drops a script, style or template with its content, and elements that load things', () => {
    const html = clean(
      h('script', {}, [text('window.__pwned=1')]),
      h('style', {}, [text('body{display:none}')]),
      h('template', {}, [text('hidden')]),
      h('iframe', { src: 'https://evil.example/' }, [text('frame text')]),
      h('svg', {}, [h('a', { href: 'javascript:alert(1)' }, [text('svg link')])]),
      h('img', { src: 'https://evil.example/x.png', onError: 'alert(1)' }),
      h('form', { action: 'https://evil.example/' }, [h('input', { name: 'password' }), h('button', { formAction: 'javascript:alert(1)' }, [text('Go')])]),
      h('p', { onClick: 'alert(1)', style: 'color:red', className: ['govuk-button'], tabIndex: 0, accessKey: 'x', itemProp: 'name' }, [text('kept')]),
      h('div', { itemScope: true, itemType: 'https://schema.org/Person' }, [text('div')]),
      h('a', { href: 'javascript:alert(1)', action: 'https://evil.example/' }, [text('link')]),
    );
    expect(html).not.toMatch(/window.__pwned|display:none|hidden|frame text|svg link/);
    expect(html).not.toMatch(/<(script|style|template|iframe|svg|img|form|input|button)\b/);
    expect(html).not.toMatch(/\s(on\w+|style|class|tabindex|accesskey|itemprop|itemscope|itemtype|action|formaction)=/i);
    expect(html).toContain('<p>kept</p>');
    expect(html).toContain('<a>link</a>');
  });

  it('still renders what Markdown makes: tables, code, footnote references and task lists', () => {
    const html = renderMarkdown('| a |\n| - |\n| b |\n\n```js\nx\n```\n\nNote[^1].\n\n[^1]: Text.\n\n- [x] done\n');
    expect(html).toContain('<table>');
    expect(html).toContain('<code class="language-js">');
    expect(html).toContain('data-footnote-ref');
    expect(html).toContain('class="task-list-item"');
  });
});
