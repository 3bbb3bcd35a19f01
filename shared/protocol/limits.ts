/** Field limits shared by the schemas, the server and the clients' input fields. */
export const Limits = {
  titleChars: 120,
  descriptionChars: 1000,
  placeChars: 120,
  tableNameChars: 60,
  questionChars: 300,
  urlChars: 500,
  minTables: 1,
  maxTables: 300,
  maxRounds: 12,
  minRoundSeconds: 60,
  maxRoundSeconds: 4 * 60 * 60,
  maxMovingSeconds: 30 * 60,
  minStakeholderGroups: 1,
  maxStakeholderGroups: 12,
  stakeholderGroupChars: 40,
  minTableCapacity: 2,
  maxTableCapacity: 30,
  displayNameChars: 60,
  noteChars: 1000,
  summaryChars: 2000,
  broadcastChars: 280,
  maxBroadcastMinutes: 60,
  reasonChars: 300,
  organisationChars: 120,
  rapporteurLabelChars: 60,
  themeNameChars: 120,
  synthesisChars: 4000,
  maxVotesPerParticipant: 20,
  /**
   * The k of the readout: the smallest stakeholder group shown on its own, and the fewest
   * distinct writers a (question, round) cell of the appendix may have and keep its round.
   */
  defaultMinGroupSize: 3,
  minMinGroupSize: 2,
  maxMinGroupSize: 50,
  maxExtendMinutes: 60,
  /** The end-of-round warning: from none to ten minutes ahead. */
  maxWarningSeconds: 10 * 60,
  /** Hard cap on one Socket.IO message; anything larger closes the connection. */
  maxMessageBytes: 64 * 1024,
  /** Cap on an HTTP JSON body. */
  maxHttpBodyBytes: 128 * 1024,
} as const;
