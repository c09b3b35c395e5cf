/** The little of a WebSocket that rooms and connections use, so they can be tested without `ws`. */
export interface SocketLike {
  /** Sends one binary frame; may throw when the socket is gone. */
  send(data: Uint8Array): void;
  /** Closes with a code and a reason (at most 123 bytes). */
  close(code: number, reason: string): void;
  /** True while frames can be sent. */
  isOpen(): boolean;
  /** Bytes queued for sending and not yet handed to the network. */
  bufferedAmount(): number;
}
