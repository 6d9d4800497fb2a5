import { masterVariants, playlistUris } from '../../src/domain/hls-playlists.js';
import { contractFetch } from './contract-fetch.js';

export interface ReadVariant {
  uri: string;
  bandwidth: number;
  width: number;
  height: number;
  codecs: string;
  durationSec: number;
  segmentSeconds: number[];
  initBox: string;
  firstSegmentBoxes: string[];
}

/** Top-level MP4 box types of a buffer, in order. */
export function boxTypes(bytes: Uint8Array): string[] {
  const types: string[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at + 8 <= bytes.length; ) {
    const size = view.getUint32(at);
    types.push(new TextDecoder().decode(bytes.subarray(at + 4, at + 8)));
    if (size < 8) break;
    at += size;
  }
  return types;
}

async function get(url: string) {
  const response = await contractFetch(url);
  if (!response.ok) throw new Error(`GET ${url} → ${response.status}`);
  return response;
}

/** Reads a published video the way a player does: master, media playlists, init and segments. */
export async function readHls(manifestUrl: string) {
  const masterResponse = await get(manifestUrl);
  const master = await masterResponse.text();
  const audioUri = /TYPE=AUDIO[^\n]*URI="([^"]+)"/.exec(master)?.[1];
  const variants: ReadVariant[] = [];
  const all = masterVariants(master);
  // The audio-only variant (listen-only clients) is read apart from those with a picture.
  const audioOnly = all.filter((v) => v.resolution === undefined);
  for (const v of all.filter((x) => x.resolution !== undefined)) {
    const playlistUrl = new URL(v.uri, manifestUrl).href;
    const playlist = await (await get(playlistUrl)).text();
    const [init, first] = playlistUris(playlist);
    const segmentSeconds = [...playlist.matchAll(/#EXTINF:([\d.]+)/g)].map((m) => Number(m[1]));
    const initBytes = new Uint8Array(
      await (await get(new URL(init ?? '', playlistUrl).href)).arrayBuffer(),
    );
    const segBytes = new Uint8Array(
      await (await get(new URL(first ?? '', playlistUrl).href)).arrayBuffer(),
    );
    const [width, height] = (v.resolution ?? '0x0').split('x').map(Number);
    variants.push({
      uri: playlistUrl,
      bandwidth: v.bandwidth,
      width: width ?? 0,
      height: height ?? 0,
      codecs: v.codecs ?? '',
      durationSec: segmentSeconds.reduce((a, b) => a + b, 0),
      segmentSeconds,
      initBox: boxTypes(initBytes)[0] ?? '',
      firstSegmentBoxes: boxTypes(segBytes),
    });
  }
  return {
    master,
    contentType: masterResponse.headers.get('content-type'),
    audioUrl: audioUri ? new URL(audioUri, manifestUrl).href : undefined,
    audioOnlyVariants: audioOnly.map((v) => ({ ...v, uri: new URL(v.uri, manifestUrl).href })),
    variants,
  };
}
