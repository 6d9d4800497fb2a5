/** `sparkline` ships no types: it turns numbers into a line of block characters. */
declare module 'sparkline' {
  export default function sparkline(
    values: number[],
    options?: { min?: number; max?: number },
  ): string;
}
