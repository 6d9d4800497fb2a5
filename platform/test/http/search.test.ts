import { searchApiCases } from './search-cases.js';

searchApiCases();
