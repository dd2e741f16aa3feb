/**
 * The tests' SMTP server (tests/support/alerts.ts) outlives a sender that dies mid-message, as a
 * real mail server does: the site servers of the browser tests are stopped while their sender may
 * be sending, and the reset connection once failed an unrelated test ("read ECONNRESET").
 */
import { connect, type Socket } from 'node:net';
import nodemailer from 'nodemailer';
import { afterEach, expect, it } from 'vitest';
import { startSink, type Sink } from '../support/alerts';
import { until } from '../support/until';

let sink: Sink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

/** Sends `lines` one by one, each after the server's answer to the one before. */
async function converse(socket: Socket, lines: string[]): Promise<void> {
  let buffered = '';
  const answer = () =>
    new Promise<void>((resolve) => {
      const onData = (data: Buffer) => {
        buffered += data.toString();
        // A complete reply: its last line is "NNN text" (a space after the code).
        if (!/(?:^|\r\n)\d{3} [^\r\n]*\r\n$/.test(buffered)) return;
        socket.off('data', onData);
        buffered = '';
        resolve();
      };
      socket.on('data', onData);
    });
  await answer(); // the greeting
  for (const line of lines) {
    socket.write(`${line}\r\n`);
    await answer();
  }
}

it('a sender reset in the middle of a message is recorded, and the next message still arrives', async () => {
  sink = await startSink(0);
  const socket = connect(sink.port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  await converse(socket, ['EHLO sender.test', 'MAIL FROM:<site@example.test>', 'RCPT TO:<reader@example.test>', 'DATA']);
  socket.write('Subject: half a message\r\n\r\nThe sender stops here');
  await until(() => sink!.dataBytes > 0);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.resetAndDestroy(); // a TCP reset, as a killed process's connection gets
  await closed;
  await until(() => sink!.brokenConnections.length > 0);
  expect(sink.brokenConnections.map((e) => (e as NodeJS.ErrnoException).code)).toEqual(['ECONNRESET']);

  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true });
  await transport.sendMail({ from: 'site@example.test', to: 'reader@example.test', subject: 'A whole message', text: 'Arrived.' });
  const mails = await sink.waitFor(1);
  expect(mails.map((m) => m.subject)).toEqual(['A whole message']);
});
