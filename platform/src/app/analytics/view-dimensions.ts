import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Reader, type Response } from 'mmdb-lib';
import {
  referrerDomain,
  userAgentDimensions,
  type ViewDimensions,
} from '../../domain/analytics-dimensions.js';

type CountryRecord = Response & { country_code?: string };

let countries: Reader<CountryRecord> | undefined;

/**
 * The country database ships in an npm package (ip-location-db, CC0, IPv4 and IPv6): read once,
 * on the first report, into memory (8 MB); a lookup then takes microseconds.
 */
function countryReader() {
  countries ??= new Reader<CountryRecord>(
    readFileSync(
      createRequire(import.meta.url).resolve(
        '@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb',
      ),
    ),
  );
  return countries;
}

/** ISO 3166 alpha-2 country of an address, '' for a private or unknown one. */
export function countryOf(address: string): string {
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  try {
    return countryReader().get(plain)?.country_code ?? '';
  } catch {
    return '';
  }
}

/** Where a report came from, as analytics breaks views down; nothing of it names the viewer. */
export const viewDimensions = (input: {
  ip: string;
  userAgent: string;
  referrer?: string | undefined;
}): ViewDimensions => ({
  country: countryOf(input.ip),
  ...userAgentDimensions(input.userAgent),
  referrer: referrerDomain(input.referrer),
});
