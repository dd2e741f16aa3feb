import { Fragment } from 'react';

/**
 * A web address shown as a link in the body font, with a line-break opportunity after each
 * "/", so a long address wraps between its parts on a phone rather than mid-word, and copies
 * whole (a <wbr> adds no character).
 */
export function WebAddress({ href }: { href: string }) {
  const parts = href.split('/');
  return (
    <a className="govuk-link web-address" href={href}>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && (
            <>
              /<wbr />
            </>
          )}
        </Fragment>
      ))}
    </a>
  );
}
