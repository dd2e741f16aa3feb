import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { activeStore, editorEnabled } from '@/lib/editor/store';
import './editor.scss';

export const dynamic = 'force-dynamic';

// Never indexed, never cached: it is a tool on the writer's own computer.
export const metadata: Metadata = { robots: { index: false, follow: false } };

/**
 * The editor's pages, only in `npm run editor` (lib/editor/store.ts, editorEnabled): anywhere
 * else, and always under `npm start`, every one of them is the site's 404. Its stylesheet (the
 * few GOV.UK components only it uses) loads on its pages alone.
 */
export default function EditorLayout({ children }: { children: ReactNode }) {
  if (!editorEnabled()) notFound();
  return (
    <>
      <div className="govuk-phase-banner editor-banner">
        <p className="govuk-phase-banner__content">
          <strong className="govuk-tag govuk-phase-banner__content__tag">Editor</strong>
          <span className="govuk-phase-banner__text">{activeStore().describe()}</span>
        </p>
      </div>
      {children}
    </>
  );
}
