export interface Crumb {
  href: string;
  label: string;
}

/** GOV.UK breadcrumbs: where this page sits. The current page is not repeated. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav className="govuk-breadcrumbs" aria-label="Breadcrumb">
      <ol className="govuk-breadcrumbs__list">
        {items.map((item) => (
          <li className="govuk-breadcrumbs__list-item" key={item.href}>
            <a className="govuk-breadcrumbs__link" href={item.href}>
              {item.label}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
