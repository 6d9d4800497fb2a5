import { counterBurstCases } from './counter-burst-cases.js';

// Embedded: events through the Postgres queue, deltas summed in the worker's own memory.
counterBurstCases();
