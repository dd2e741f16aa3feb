/**
 * `npm run editor:github` runs this first: the GitHub-mode editor does not start without its
 * settings, including the sign-in proxy's header (deploy/README.md, "The editor in GitHub mode").
 */
import { githubEditorConfig } from '../lib/editor/github-config';

const config = githubEditorConfig();
if (!config.ok) {
  console.error(`The editor's GitHub mode is not set up, so it will not start:\n${config.problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`Editor: GitHub mode, ${config.config.owner}/${config.config.repo} on branch ${config.config.branch}, behind https://${config.config.publicHost}.`);
