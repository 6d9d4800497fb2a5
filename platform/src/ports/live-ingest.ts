/** A publisher that has asked to send a stream; the ingest keeps it only if `onPublish` says so. */
export interface IncomingPublisher {
  /** The ingest's own id for this connection. */
  connectionId: string;
  /** The stream name it sent: the stream key. */
  streamKey: string;
  /** What it sends, once its metadata and first video header are in (or a short wait ran out). */
  tracks(): Promise<PublishedTracks>;
}

export interface PublishedTracks {
  audio: boolean;
}

export interface LiveIngestHandlers {
  /**
   * Whether a publisher with this key would be kept, asked before it sends: for an ingest that
   * must answer at its own handshake (SRT). `onPublish` still decides when it sends.
   */
  mayPublish(streamKey: string): Promise<boolean>;
  /** Answers whether to keep the publisher; a refused one is disconnected at once. */
  onPublish(publisher: IncomingPublisher): Promise<boolean>;
  /** A kept publisher stopped sending (it left, or was cut off). */
  onUnpublish(publisher: IncomingPublisher): void;
}

/** Takes publishers in (RTMP, and SRT through a gateway to it) and lets a local reader pull what a kept one sends. */
export interface LiveIngest {
  start(handlers: LiveIngestHandlers): Promise<void>;
  /** Where the ladder reads a kept publisher's stream from. */
  pullUrl(streamKey: string): string;
  /** Disconnects a publisher. */
  cut(connectionId: string): void;
  stop(): Promise<void>;
}

/** One part the live ladder finished: a file of one rendition, ready to store. */
export interface FinishedPart {
  rendition: string;
  /** The rendition's init segment, the same file for every part of a run. */
  initPath: string;
  path: string;
  duration: number;
  independent: boolean;
}

export interface LiveLadderRun {
  /** Resolves when ffmpeg has exited (the publisher left, or `stop`). */
  done: Promise<void>;
  stop(): void;
}

/** Transcodes a live input into renditions of fMP4 parts, as they are made. */
export interface LiveLadder {
  start(options: {
    input: string;
    /** Seconds per part, and how far apart key frames are. */
    partSeconds: number;
    keyFrameSeconds: number;
    /** Rendition heights, highest first; none is made above the input. */
    heights: readonly number[];
    /** Whether the input has an audio track, carried as AAC into every rendition. */
    audio: boolean;
    onPart(part: FinishedPart): Promise<void>;
    onError(error: unknown): void;
  }): LiveLadderRun;
}
