/** Time as the use cases see it, so tests and several processes agree on one source. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
