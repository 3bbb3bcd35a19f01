/** Field limits shared by the schemas, the server and the clients' input fields. */
export const Limits = {
  titleChars: 120,
  descriptionChars: 1000,
  placeChars: 120,
  tableNameChars: 60,
  questionChars: 300,
  urlChars: 500,
  minTables: 1,
  /** A plenary: 10,000 people at tables of eight (table ids run t1 … t9999). */
  maxTables: 1250,
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
  /** A theme's own finding: a sentence or two. */
  themeSynthesisChars: 1000,
  takeawayChars: 500,
  maxTakeaways: 12,
  /** Notes one bulk command may move: a whole question's board at once, within one message. */
  maxBulkNotes: 1000,
  /** Themes one merge may fold into another. */
  maxBulkThemes: 200,
  /** Other spellings of a name a participant may give at join. */
  maxAliases: 3,
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
  /** Cap on an HTTP JSON body: room for a plenary's setup (1,250 tables with their questions, about 250 KB). */
  maxHttpBodyBytes: 512 * 1024,
} as const;
