import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PROCESS_STATE, processSingleton } from '../../lib/server/process-singleton';

/**
 * Per-process state: one value per key for every copy of a module in production (Next.js
 * bundles a module once per layer, and each copy evaluates it, passing its own `init`), and a
 * fresh value for each new evaluation of the module in development, so that an edit shows.
 */

const used: symbol[] = [];
function testKey(name: string): symbol {
  const key = Symbol(name);
  used.push(key);
  return key;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
  vi.doUnmock('../../lib/markdown/external-links');
  for (const key of used.splice(0)) delete (globalThis as Record<symbol, unknown>)[key];
});

/** What a module does when it is evaluated: ask for its state with a closure of its own. */
function evaluateModule(key: symbol, options?: { keepInDevelopment?: boolean }) {
  const init = vi.fn(() => ({ madeAt: Symbol('this evaluation'), hits: 0 }));
  return { state: processSingleton(key, init, options), init };
}

describe('processSingleton', () => {
  it.each(['production', 'test'])('in %s, every copy of a module gets the first copy’s value, made once', (env) => {
    vi.stubEnv('NODE_ENV', env);
    const key = testKey('shared');
    const pages = evaluateModule(key);
    const routeHandlers = evaluateModule(key);
    const instrumentation = evaluateModule(key);
    expect(routeHandlers.state).toBe(pages.state);
    expect(instrumentation.state).toBe(pages.state);
    expect(pages.init).toHaveBeenCalledTimes(1);
    expect(routeHandlers.init).not.toHaveBeenCalled();
    pages.state.hits++;
    expect(instrumentation.state.hits).toBe(1);
  });

  it('in development, a module evaluated again (after an edit) starts afresh', () => {
    vi.stubEnv('NODE_ENV', 'development');
    const key = testKey('reset');
    const before = evaluateModule(key);
    before.state.hits++;
    const after = evaluateModule(key);
    expect(after.state).not.toBe(before.state);
    expect(after.state.hits).toBe(0);
    expect(after.init).toHaveBeenCalledTimes(1);
  });

  it('in development, one evaluation asking again with its own init keeps its value', () => {
    vi.stubEnv('NODE_ENV', 'development');
    const key = testKey('same-init');
    const init = () => ({ hits: 0 });
    const first = processSingleton(key, init);
    expect(processSingleton(key, init)).toBe(first);
  });

  it('keepInDevelopment keeps one value across evaluations in development (one database connection)', () => {
    vi.stubEnv('NODE_ENV', 'development');
    const key = testKey('kept');
    const before = evaluateModule(key, { keepInDevelopment: true });
    const after = evaluateModule(key, { keepInDevelopment: true });
    expect(after.state).toBe(before.state);
    expect(after.init).not.toHaveBeenCalled();
  });

  it('keeps each key apart, and the project’s keys are distinct', () => {
    const a = testKey('a');
    const b = testKey('b');
    expect(processSingleton(a, () => 'a')).toBe('a');
    expect(processSingleton(b, () => 'b')).toBe('b');
    const keys = Object.values(PROCESS_STATE);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('the Markdown renderer’s cache across module evaluations', () => {
  /** A body no earlier test rendered, so the shared cache has nothing for it yet. */
  const uniqueMarkdown = () => `A paragraph for the renderer test ${Math.random()}.`;

  // Each test is a process of its own: nothing kept from the test before (its processors either).
  beforeEach(() => {
    delete (globalThis as Record<symbol, unknown>)[PROCESS_STATE.markdown];
  });

  /** Evaluates lib/markdown/render.ts again, as Next.js does for another layer, or after an edit when `edited`. */
  async function renderWithFreshModule(markdown: string, edited: boolean): Promise<string> {
    vi.resetModules();
    if (edited) {
      // The edit: external links now also add a rule at the end of every body.
      vi.doMock('../../lib/markdown/external-links', () => ({
        rehypeExternalLinks: () => (tree: { children: unknown[] }) => {
          tree.children.push({ type: 'element', tagName: 'hr', properties: {}, children: [] });
        },
      }));
    }
    const { renderMarkdownCached } = await import('../../lib/markdown/render');
    return renderMarkdownCached(markdown);
  }

  it('in development, an edited renderer serves its own HTML at once, without a restart', async () => {
    vi.stubEnv('NODE_ENV', 'development');
    const markdown = uniqueMarkdown();
    const before = await renderWithFreshModule(markdown, false);
    expect(before).not.toContain('<hr>');
    const after = await renderWithFreshModule(markdown, true);
    expect(after).toContain('<hr>');
  });

  it('in production, another layer’s copy of the renderer reuses what the first copy rendered', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const markdown = uniqueMarkdown();
    const first = await renderWithFreshModule(markdown, false);
    // A copy whose plugin would add a rule: it is served the shared cache's HTML, so the post was not rendered again.
    const second = await renderWithFreshModule(markdown, true);
    expect(second).toBe(first);
    expect(second).not.toContain('<hr>');
  });
});
