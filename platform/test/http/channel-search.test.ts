import { channelSearchCases } from './channel-search-cases.js';

channelSearchCases();
