import { problem, type ContentProblem } from './problems';

/** Larger files are refused before parsing: no post is anywhere near this size. */
export const MAX_FILE_BYTES = 512 * 1024;

export type Decoded = { ok: true; text: string } | { ok: false; problem: ContentProblem };

const utf8 = new TextDecoder('utf-8', { fatal: true });

function guessEncoding(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16 (little-endian)';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16 (big-endian)';
  const sample = bytes.subarray(0, 4096);
  let zeros = 0;
  for (const byte of sample) if (byte === 0) zeros++;
  if (zeros > sample.length / 4) return 'UTF-16';
  return 'Windows-1252 (Western European, as older Word and Notepad save it)';
}

/**
 * Turns a file's bytes into text. Accepts UTF-8 with or without a byte-order mark and any
 * line endings; refuses other encodings, binary files and oversized files with a message that
 * says what to do.
 */
export function decodeContentFile(file: string, bytes: Uint8Array, size = bytes.length): Decoded {
  if (size > MAX_FILE_BYTES || bytes.length > MAX_FILE_BYTES) {
    const kb = Math.round(Math.max(size, bytes.length) / 1024);
    return {
      ok: false,
      problem: problem(file, 'file', `The file is ${kb} KB, more than the ${MAX_FILE_BYTES / 1024} KB a post may be. Is it the right file?`),
    };
  }
  let text: string;
  const looksUtf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  try {
    if (looksUtf16) throw new Error('UTF-16');
    text = utf8.decode(bytes);
  } catch {
    return {
      ok: false,
      problem: problem(
        file,
        'file',
        `The file is not saved as UTF-8; it looks like ${guessEncoding(bytes)}. Open it in your editor and save it again with the encoding "UTF-8".`,
      ),
    };
  }
  if (text.includes('\u0000')) {
    return { ok: false, problem: problem(file, 'file', 'The file contains binary data (a NUL byte). Save it again as plain UTF-8 text.') };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') {
    return { ok: false, problem: problem(file, 'file', 'The file is empty. Start it with the frontmatter: a line of three hyphens (---), the fields, and another line of three hyphens.', 1) };
  }
  return { ok: true, text };
}
