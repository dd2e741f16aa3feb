/** Opening /data/decisions.db in Datasette: the /data page's link and example, and the docs'. */

/** Datasette Lite (Datasette in the browser, via WebAssembly) opens a database by its address; it needs CORS, which the file has. */
export function datasetteLiteUrl(databaseUrl: string): string {
  return `https://lite.datasette.io/?url=${encodeURIComponent(databaseUrl)}`;
}

/** A first query: every business case approved, with the body that approved it, newest first. */
export const DATASETTE_EXAMPLE_SQL = `SELECT published, body_name, subject, project_name, post_url
FROM decisions
WHERE stage = 'business-case' AND outcome = 'approved'
ORDER BY published DESC;`;
