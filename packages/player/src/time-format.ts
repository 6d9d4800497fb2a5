/**
 * Clock-style time for the control bar: `m:ss`, or `h:mm:ss` once the reference duration reaches an
 * hour, so "0:05:12 / 1:02:03" keeps both sides in the same shape while the seconds tick.
 */
export function formatTime(seconds: number, referenceDuration: number = seconds): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  const showHours = hours > 0 || (Number.isFinite(referenceDuration) && referenceDuration >= 3600);
  const ss = String(secs).padStart(2, '0');
  if (showHours) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
  return `${minutes}:${ss}`;
}

const unit = (count: number, singular: string) => `${count} ${singular}${count === 1 ? '' : 's'}`;

/** Words for screen readers ("1 minute 5 seconds"): "1:05" is read out as a ratio or a clock time. */
export function formatTimeForSpeech(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  const parts: string[] = [];
  if (hours) parts.push(unit(hours, 'hour'));
  if (minutes) parts.push(unit(minutes, 'minute'));
  if (secs || parts.length === 0) parts.push(unit(secs, 'second'));
  return parts.join(' ');
}
