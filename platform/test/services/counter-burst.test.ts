import { counterBurstCases } from '../http/counter-burst-cases.js';

// The same burst with events on Kafka and deltas summed in Redis.
counterBurstCases();
