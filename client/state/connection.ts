import { create } from 'zustand';

/** How this page is connected to the server, for the badge every role shows. */
export type ConnectionStatus =
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  /** The browser says it has no network; nothing is attempted until it has. */
  | 'offline'
  /** The server refused these credentials; retrying would not help. */
  | 'refused'
  /** The session ended for this page (removed, or closed). */
  | 'ended';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Add to Date.now() for the server's time. */
  offsetMs: number;
  refusal: { error: string; message: string } | null;
}

export const useConnection = create<ConnectionState>(() => ({ status: 'connecting', offsetMs: 0, refusal: null }));
