/**
 * GitHub mode's settings, all from the environment (deploy/README.md, "The editor in GitHub
 * mode"). Every one is checked before the editor answers anything: a GitHub-mode editor runs on
 * a server staff can reach, so it refuses to run at all without the sign-in it sits behind.
 */
type Environment = Readonly<Record<string, string | undefined>>;

export interface GitHubEditorConfig {
  appId: string;
  /** The App's private key (PEM). `\n` written as two characters is read as a line break. */
  privateKey: string;
  installationId: number;
  owner: string;
  repo: string;
  /** The branch the site is built from: reads come from it, saves go to it or to a pull request against it. */
  branch: string;
  /** The content folder inside the repository. */
  contentPath: string;
  /** The lower-case name of the header the council's sign-in proxy sets to the signed-in person. */
  userHeader: string;
  /** The address staff use (host[:port]), behind the sign-in proxy. */
  publicHost: string;
  /** https://api.github.com, or a GitHub Enterprise Server's API. */
  apiUrl: string;
}

export type ConfigResult = { ok: true; config: GitHubEditorConfig } | { ok: false; problems: string[] };

const REQUIRED = {
  GITHUB_APP_ID: 'the GitHub App\'s "App ID" (a number, on the App\'s settings page)',
  GITHUB_APP_PRIVATE_KEY: "the App's private key (the .pem file GitHub gives you)",
  GITHUB_APP_INSTALLATION_ID: "the number at the end of the installation's address (…/settings/installations/NUMBER)",
  GITHUB_REPOSITORY: 'the content repository, as owner/name',
  EDITOR_AUTH_USER_HEADER: "the header your sign-in proxy sets to the signed-in person's name or email (for example X-Forwarded-Email)",
  EDITOR_PUBLIC_HOST: 'the host name staff use to reach the editor through the sign-in proxy (for example editor.barnet.gov.uk)',
} as const;

export function githubEditorConfig(env: Environment = process.env): ConfigResult {
  const problems: string[] = [];
  for (const [name, what] of Object.entries(REQUIRED)) if (!env[name]?.trim()) problems.push(`${name} is not set: it is ${what}.`);
  const repository = env.GITHUB_REPOSITORY?.trim() ?? '';
  const [owner, repo, ...rest] = repository.split('/');
  if (repository && (!owner || !repo || rest.length > 0)) problems.push(`GITHUB_REPOSITORY is '${repository.slice(0, 80)}': write it as owner/name.`);
  const installationId = Number(env.GITHUB_APP_INSTALLATION_ID);
  if (env.GITHUB_APP_INSTALLATION_ID && !(Number.isSafeInteger(installationId) && installationId > 0))
    problems.push('GITHUB_APP_INSTALLATION_ID must be a whole number.');
  const userHeader = env.EDITOR_AUTH_USER_HEADER?.trim().toLowerCase() ?? '';
  if (userHeader && !/^[a-z0-9-]+$/.test(userHeader)) problems.push('EDITOR_AUTH_USER_HEADER must be a header name (letters, digits and hyphens).');
  const privateKey = (env.GITHUB_APP_PRIVATE_KEY ?? '').replace(/\\n/g, '\n');
  if (env.GITHUB_APP_PRIVATE_KEY && !privateKey.includes('PRIVATE KEY-----'))
    problems.push('GITHUB_APP_PRIVATE_KEY does not look like a PEM private key (-----BEGIN … PRIVATE KEY-----).');
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    config: {
      appId: env.GITHUB_APP_ID!.trim(),
      privateKey,
      installationId,
      owner: owner!,
      repo: repo!,
      branch: env.GITHUB_BRANCH?.trim() || 'main',
      contentPath: (env.GITHUB_CONTENT_PATH?.trim() || 'content').replace(/^\/+|\/+$/g, ''),
      userHeader,
      publicHost: env.EDITOR_PUBLIC_HOST!.trim().toLowerCase(),
      apiUrl: (env.GITHUB_API_URL?.trim() || 'https://api.github.com').replace(/\/+$/, ''),
    },
  };
}
