/** Where a video's objects live in the store (seed 6.6 layout). */
export const mediaKeys = {
  original: (uploadId: string) => `raw-uploads/${uploadId}/original`,
  master: (videoId: string) => `manifests/${videoId}/master.m3u8`,
  renditionPrefix: (videoId: string, renditionId: string) => `transcoded/${videoId}/${renditionId}`,
  mediaPlaylist: (videoId: string, renditionId: string) =>
    `transcoded/${videoId}/${renditionId}/index.m3u8`,
  segment: (videoId: string, renditionId: string, segment: string) =>
    `transcoded/${videoId}/${renditionId}/${segment}`,
  thumbnail: (videoId: string, size: string) => `thumbs/${videoId}/${size}.jpg`,
  /** A frame made on request, named by what was asked (`planFrame`). */
  frame: (videoId: string, name: string) => `thumbs/${videoId}/frames/${name}.jpg`,
  storyboardImage: (videoId: string) => `thumbs/${videoId}/storyboard.jpg`,
  storyboardVtt: (videoId: string) => `thumbs/${videoId}/storyboard.vtt`,
  download: (videoId: string, name: string) => `downloads/${videoId}/${name}.mp4`,
  captionsPrefix: (videoId: string) => `captions/${videoId}`,
  captionPrefix: (videoId: string, captionId: string) => `captions/${videoId}/${captionId}`,
  captionTrack: (videoId: string, captionId: string) =>
    `captions/${videoId}/${captionId}/track.vtt`,
  /** Everything a video owns, for deletion. */
  videoPrefixes: (videoId: string) => [
    `manifests/${videoId}`,
    `transcoded/${videoId}`,
    `thumbs/${videoId}`,
    `captions/${videoId}`,
    `downloads/${videoId}`,
  ],
};
