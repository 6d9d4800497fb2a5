import { relatedVideosCases } from './related-videos-cases.js';

relatedVideosCases();
