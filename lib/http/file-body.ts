/**
 * A file on disk as a response body, read a chunk at a time as the client takes it.
 *
 * Not `Readable.toWeb(createReadStream(file))`: when a client went away while Node.js's stream
 * was resuming after backpressure, its adapter still pushed the chunk it had read into the
 * cancelled stream, and that threw outside any request, as an uncaught exception (Node.js issue
 * 64529, open; wrk's connections closing at the end of a load run set it off every time). Here
 * the stream asks for each chunk itself, so nothing arrives that it did not ask for, and a
 * cancelled stream closes the file and asks for nothing more.
 */
import { open, type FileHandle } from 'node:fs/promises';

/** How much is read from disk at a time: what Node.js's own file streams read. */
const CHUNK_BYTES = 64 * 1024;

export function fileBody(file: string): ReadableStream<Uint8Array> {
  let handle: FileHandle | undefined;
  let cancelled = false;
  const close = async () => {
    const opened = handle;
    handle = undefined;
    await opened?.close();
  };
  return new ReadableStream<Uint8Array>(
    {
      async start() {
        handle = await open(file, 'r');
      },
      async pull(controller) {
        if (!handle) return;
        const chunk = new Uint8Array(CHUNK_BYTES);
        let bytesRead: number;
        try {
          ({ bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, null));
        } catch (error) {
          // The stream errors (the response is cut short), and the file is not left open.
          await close();
          throw error;
        }
        // The client may have gone while the disk was read: what was read is dropped.
        if (cancelled) return close();
        if (bytesRead === 0) {
          await close();
          controller.close();
          return;
        }
        controller.enqueue(bytesRead === CHUNK_BYTES ? chunk : chunk.subarray(0, bytesRead));
      },
      async cancel() {
        cancelled = true;
        await close();
      },
    },
    // One chunk read ahead at most: the client's pace sets the disk's.
    { highWaterMark: 1 },
  );
}
