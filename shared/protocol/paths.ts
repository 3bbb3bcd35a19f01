/** The app's own paths, for links handed out by the server and followed by the clients. */
export const paths = {
  /** A published readout's public page. */
  readout: (readoutId: string) => `/r/${readoutId}`,
  /** A rapporteur's board; the token travels in the fragment, which no server or proxy logs. */
  rapporteur: (sessionId: string, token: string) => `/rapporteur/${sessionId}#${token}`,
  facilitator: (sessionId: string, token: string) => `/facilitate/${sessionId}#${token}`,
  join: (code: string) => `/join/${code}`,
  display: (code: string) => `/display/${code}`,
  participant: (sessionId: string) => `/p/${sessionId}`,
  /** A table's device (a laptop on the table); the token travels in the fragment. */
  device: (sessionId: string, token: string) => `/table/${sessionId}#${token}`,
};
