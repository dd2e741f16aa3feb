/** One side of a block pagination: "Newer decision: <title>", "Earlier year: 2011". */
export interface NeighbourLink {
  href: string;
  /** The visible word, e.g. "Newer". */
  title: string;
  /** Completes the title for screen readers, e.g. "decision". */
  noun: string;
  label: string;
}

function NeighbourAnchor({ link, side }: { link: NeighbourLink; side: 'prev' | 'next' }) {
  return (
    <div className={`govuk-pagination__${side}`}>
      <a className="govuk-link govuk-pagination__link" href={link.href} rel={side}>
        <span className="govuk-pagination__link-title">
          {link.title}
          <span className="govuk-visually-hidden">{` ${link.noun}`}</span>
        </span>
        <span className="govuk-visually-hidden">:</span>
        <span className="govuk-pagination__link-label">{link.label}</span>
      </a>
    </div>
  );
}

/** GOV.UK's pagination for content pages (the block variant): a previous and a next link, either optional. */
export function NeighbourLinks({ label, prev, next }: { label: string; prev?: NeighbourLink; next?: NeighbourLink }) {
  if (!prev && !next) return null;
  return (
    <nav className="govuk-pagination govuk-pagination--block" aria-label={label}>
      {prev && <NeighbourAnchor link={prev} side="prev" />}
      {next && <NeighbourAnchor link={next} side="next" />}
    </nav>
  );
}
