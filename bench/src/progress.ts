/** One line per step on stderr, so stdout stays free for the table or the JSON line. */
export function progress(message: string): void {
  const at = new Date().toISOString().slice(11, 19);
  process.stderr.write(`[bench ${at}] ${message}\n`);
}
