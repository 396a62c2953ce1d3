// Errors meant for users: a short code and a one-line message, never a stack trace.
export type ErrorCode =
  | 'empty'
  | 'binary'
  | 'encoding'
  | 'too-large'
  | 'malformed-json'
  | 'missing-text'
  | 'bad-field'
  | 'no-body'
  | 'malformed-html'
  | 'malformed-feed'
  | 'not-found'
  | 'io'
  | 'usage'
  | 'pipeline'
  | 'internal'
  | (string & {});

export class EventwireError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'EventwireError';
  }
}

/** A user-facing { code, message } for any thrown value. */
export function describeError(err: unknown): { code: string; message: string } {
  if (err instanceof EventwireError) return { code: err.code, message: err.message };
  if (err instanceof RangeError && /call stack|Invalid string length|Array buffer/i.test(err.message))
    return { code: 'too-large', message: `document too large to process: ${err.message}` };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `internal error: ${message.split('\n')[0]}` };
}
