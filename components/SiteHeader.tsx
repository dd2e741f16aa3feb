import { paths } from '@/lib/urls';

const navigation = [
  { href: paths.home(), label: 'Decisions' },
  { href: paths.meetings(), label: 'Meetings' },
  { href: paths.committees(), label: 'Decision makers' },
  { href: paths.projects(), label: 'Projects' },
  { href: paths.glossary(), label: 'Glossary' },
  { href: paths.feeds(), label: 'Feeds' },
  { href: paths.data(), label: 'Data' },
];

/** The council's header: site name, a search form that works without JavaScript, navigation. */
export function SiteHeader({ siteTitle, councilName }: { siteTitle: string; councilName: string }) {
  return (
    <header className="site-header-wrapper">
      <div className="site-header">
        <div className="govuk-width-container site-header__inner">
          <a href={paths.home()} className="site-header__name">
            <span className="site-header__council">{councilName}</span>
            {siteTitle}
          </a>
          <search>
            <form className="site-search" action={paths.search()} method="get">
              <div className="site-search__field">
                <label className="govuk-label" htmlFor="site-search-q">
                  Search decisions
                </label>
                <input className="govuk-input" id="site-search-q" name="q" type="search" maxLength={200} autoComplete="off" />
              </div>
              <button className="govuk-button govuk-button--secondary" type="submit">
                Search
              </button>
            </form>
          </search>
        </div>
      </div>
      <nav className="site-nav" aria-label="Main">
        <div className="govuk-width-container">
          <ul className="site-nav__list">
            {navigation.map((item) => (
              <li key={item.href}>
                <a className="govuk-link govuk-link--no-visited-state site-nav__link" href={item.href}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </nav>
    </header>
  );
}
