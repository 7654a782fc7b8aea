/** The sandbox's name for this network (ledger, faults, rate limits, accounts). */
export const BLUESKY_NETWORK = 'bluesky';
