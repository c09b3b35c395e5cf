/** Types of mbox-reader (postalsys; it ships none): the messages of an mbox stream, `>From ` lines unescaped. */
declare module 'mbox-reader' {
  import type { Readable } from 'node:stream';
  export interface MboxMessage {
    /** The sender of the `From ` separator line. */
    returnPath: string;
    /** The separator line's time, or false. */
    time: Date | false;
    /** The message as it was before it went into the mbox. */
    content: Buffer;
    headers: Map<string, string[]>;
    readSize: number;
  }
  export function mboxReader(input: Readable, options?: { gz?: boolean }): AsyncGenerator<MboxMessage>;
}
