import { channelSearchCases } from '../http/channel-search-cases.js';

// The same HTTP cases with channels sent to OpenSearch by the index role.
channelSearchCases();
