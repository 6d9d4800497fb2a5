/** Playback waits this long at most for the viewer's resume position, then starts without it. */
const RESUME_WAIT_MS = 2000;

/**
 * Where the viewer stopped last time (`viewer.resume_position_sec` on the video read with their
 * viewer token), or undefined: never played, watched to the end, or the API not answering in time.
 */
export async function fetchResumePosition(
  apiUrl: string,
  videoId: string,
  viewerToken: string,
): Promise<number | undefined> {
  const url = `${apiUrl.replace(/\/+$/, '')}/v1/videos/${encodeURIComponent(videoId)}`;
  try {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${viewerToken}` },
      signal: AbortSignal.timeout(RESUME_WAIT_MS),
    });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { viewer?: { resume_position_sec?: unknown } };
    const at = body.viewer?.resume_position_sec;
    return typeof at === 'number' && Number.isFinite(at) && at > 0 ? at : undefined;
  } catch {
    return undefined;
  }
}
