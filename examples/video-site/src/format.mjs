// How numbers and times read on the pages.
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '';
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

export const count = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function ago(iso) {
  if (!iso) return '';
  const seconds = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  const steps = [
    [86_400 * 365, 'year'],
    [86_400 * 30, 'month'],
    [86_400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, unit] of steps) {
    if (seconds >= size) return `${count(Math.floor(seconds / size), unit)} ago`;
  }
  return 'just now';
}
