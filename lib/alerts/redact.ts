/**
 * What may go into a log line. No log line carries an email address or a token: an SMTP
 * server's answer often quotes the address ("550 5.1.1 <name@example.com>: unknown user"), and a
 * database error can quote the statement's values. Log a message's or subscriber's id instead.
 */

/** Longest text looked at: a log line never needs more, and the scan stays linear and short. */
const MAX_LOGGED = 500;

/**
 * The text with every address-like run (`something@something`) replaced by `[address]`, and
 * every long base64url run (a signed token) by `[token]`; control characters become spaces.
 */
export function redact(text: string): string {
  return (
    text
      .slice(0, MAX_LOGGED)
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
      // The runs are bounded by the 500 characters above, so each scan is short.
      .replace(/[^\s<>()[\]@,;:"']*@[^\s<>()[\]@,;:"']*/g, '[address]')
      // A signature is 43 characters; the payload before its `.` goes with it.
      .replace(/[A-Za-z0-9_-]{32,}/g, '[token]')
      .replace(/[A-Za-z0-9_-]+\.\[token\]/g, '[token]')
  );
}
