import { takedownCases } from './takedown-cases.js';

takedownCases();
