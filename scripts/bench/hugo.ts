/**
 * The same corpus as a minimal Hugo site: a paginated home page, one page per post, tag and
 * committee pages and Hugo's own feeds (50 items, as the site's), with a simple layout. The
 * static anchor of the benchmark (Debian's hugo, served by Debian's nginx).
 * The layout avoids Hugo's quadratic traps at 10,000 pages (.PrevInSection on every post,
 * `where site.RegularPages` on every page of the home paginator), which tripled its time.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SyntheticPost } from './corpus';
import { writeHugoPosts } from './corpus-files';

const CONFIG = `baseURL = "https://decisions.barnet.example/"
languageCode = "en-gb"
title = "One Barnet decisions"
paginate = 10
rssLimit = 50
enableRobotsTXT = true
[taxonomies]
  tag = "tags"
  committee = "committees"
[markup.goldmark.renderer]
  unsafe = false
`;

const BASEOF = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} – {{ end }}{{ site.Title }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Title }}{{ end }}">
<link rel="stylesheet" href="/style.css">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<header><a href="/">{{ site.Title }}</a> · <a href="/committees/">Committees</a> · <a href="/tags/">Topics</a></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>London Borough of Barnet · Open Government Licence v3.0</footer>
</body>
</html>
`;

const SINGLE = `{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p>Published {{ .Date.Format "2 January 2006" }}{{ with .Params.author }}, by {{ . }}{{ end }}</p>
<p>{{ .Description }}</p>
<h2>Decisions</h2>
<dl>
{{ range .Params.decisions }}<dt>{{ .subject }}</dt><dd>{{ .outcome }} ({{ .stage }}){{ with .project }} · project {{ . }}{{ end }}{{ range .documents }} · <a href="{{ .url }}">{{ .title }}</a>{{ end }}</dd>
{{ end }}
</dl>
{{ with .Params.meeting }}<p>Meeting: {{ . }}</p>{{ end }}
{{ .Content }}
<p>{{ range .Params.committees }}<a href="/committees/{{ . | urlize }}/">{{ . }}</a> {{ end }}</p>
<ul>{{ range .Params.tags }}<li><a href="/tags/{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul>
</article>
{{ end }}
`;

const LIST = `{{ define "main" }}
<h1>{{ if .IsHome }}Latest decisions{{ else }}{{ .Title }}{{ end }}</h1>
{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = (site.GetPage "/decisions").Pages }}{{ end }}
{{ $paginator := .Paginate $pages }}
<ol>
{{ range $paginator.Pages }}<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Date.Format "2 January 2006" }}</p>
<ul>{{ range .Params.decisions }}<li>{{ .outcome }}: {{ .subject }}</li>{{ end }}</ul><p>{{ .Description }}</p></li>
{{ end }}
</ol>
{{ template "_internal/pagination.html" . }}
{{ end }}
`;

const TERMS = `{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
`;

export async function writeHugoSite(dir: string, posts: SyntheticPost[]): Promise<void> {
  await mkdir(path.join(dir, 'layouts', '_default'), { recursive: true });
  await mkdir(path.join(dir, 'static'), { recursive: true });
  await writeFile(path.join(dir, 'config.toml'), CONFIG);
  await writeFile(path.join(dir, 'layouts', '_default', 'baseof.html'), BASEOF);
  await writeFile(path.join(dir, 'layouts', '_default', 'single.html'), SINGLE);
  await writeFile(path.join(dir, 'layouts', '_default', 'list.html'), LIST);
  await writeFile(path.join(dir, 'layouts', '_default', 'terms.html'), TERMS);
  await writeFile(path.join(dir, 'static', 'style.css'), 'body{font-family:Arial,sans-serif;max-width:60em;margin:auto;padding:1em}\n');
  await writeHugoPosts(path.join(dir, 'content'), posts);
}

/** The path Hugo gives a post. */
export function hugoPostPath(post: SyntheticPost): string {
  return `/decisions/${post.slug}/`;
}
