// What the samples in the guides take as given: values your own code has by then. Declared
// once here so each sample stays short and still type-checks (check-samples.mjs).
import type { Reel } from '@reel/sdk';

declare global {
  const reel: Reel;
  const apiKey: string;
  const keyId: string;
  const privateKey: string;
  const secret: string;
  const viewerToken: string;
  const videoId: string;
  const introId: string;
  const channelId: string;
  const apiUrl: string;
  const uploadId: string;
  const uploadToken: string;
  const file: File;
  const rawBody: string;
  const request: { headers: Record<string, string> };
  const pauseButton: HTMLButtonElement;
  const resumeButton: HTMLButtonElement;
  const progressBar: HTMLProgressElement;
}
