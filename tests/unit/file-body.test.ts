/**
 * A file as a response body (lib/http/file-body.ts): the bytes of the file, and a client that goes
 * away mid-download costs the server nothing but the download.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileBody } from '../../lib/http/file-body';

const folder = mkdtempSync(path.join(tmpdir(), 'file-body-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// Several chunks and a short last one.
const bytes = randomBytes(5 * 64 * 1024 + 123);
const file = path.join(folder, 'download.bin');
writeFileSync(file, bytes);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a file as a response body', () => {
  it('is the bytes of the file, whole', async () => {
    expect(Buffer.from(await new Response(fileBody(file)).arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('is empty for an empty file', async () => {
    const empty = path.join(folder, 'empty.bin');
    writeFileSync(empty, '');
    expect((await new Response(fileBody(empty)).arrayBuffer()).byteLength).toBe(0);
  });

  it('throws nothing when the client goes away while the next chunk is on its way', async () => {
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      // What a download cut short does: the client reads, stops long enough for the server to
      // wait on it, asks for more and goes in the same moment. With Node.js's stream adapter this
      // threw "Controller is already closed" outside any request, every time.
      for (let round = 0; round < 20; round++) {
        const reader = fileBody(file).getReader();
        expect((await reader.read()).value?.byteLength).toBeGreaterThan(0);
        await pause(5);
        void reader.read().catch(() => {});
        await reader.cancel();
        await pause(5);
      }
    } finally {
      process.off('uncaughtException', record);
    }
    expect(uncaught).toEqual([]);
  });

  it('errors, rather than ending early or crashing, when the file has gone', async () => {
    await expect(new Response(fileBody(path.join(folder, 'gone.bin'))).arrayBuffer()).rejects.toThrow(/ENOENT/);
  });
});
