/**
 * The history file the build wrote (scripts/build/history.ts), read once per process. The
 * server never runs git: the history is what the build saw, so a deploy without git (a copy of
 * the standalone folder) serves the same history as the build, or says none is available.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROCESS_STATE, processSingleton } from '../server/process-singleton';
import { HISTORY_FORMAT, unavailableHistory, type HistoryFile, type PostHistory } from './types';

/**
 * Where the build writes the history, relative to the project folder (and so to the standalone
 * server's folder, into which next.config.ts copies it).
 */
export const HISTORY_BUILD_FILE = '.history/content-history.json';

/** Checks a history file's shape just enough to refuse another program's JSON. */
export function parseHistoryFile(text: string, name: string): HistoryFile {
  const data = JSON.parse(text) as Partial<HistoryFile>;
  if (data.format !== HISTORY_FORMAT || typeof data.available !== 'boolean' || !Array.isArray(data.posts))
    throw new Error(`${name} is not a history file of this site (format ${HISTORY_FORMAT}).`);
  return data as HistoryFile;
}

interface HistoryState {
  file?: HistoryFile;
  bySlug?: Map<string, PostHistory>;
}
const state = processSingleton<HistoryState>(PROCESS_STATE.history, () => ({}));

/** The build's history; an unavailable one when the build wrote none. */
export function loadHistory(): HistoryFile {
  if (state.file) return state.file;
  let file: HistoryFile;
  try {
    const name = path.join(/* turbopackIgnore: true */ process.cwd(), HISTORY_BUILD_FILE);
    file = parseHistoryFile(readFileSync(/* turbopackIgnore: true */ name, 'utf8'), HISTORY_BUILD_FILE);
  } catch {
    file = unavailableHistory('No history is available: this build was made without one.');
  }
  state.file = file;
  state.bySlug = new Map(file.posts.map((p) => [p.slug, p]));
  return file;
}

/** One post's history from the build's file. */
export function historyOf(slug: string): PostHistory | undefined {
  loadHistory();
  return state.bySlug!.get(slug);
}
