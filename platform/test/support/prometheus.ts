import parsePrometheusTextFormat, { type MetricFamily } from 'parse-prometheus-text-format';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * A scraped exposition. The families (names, types, help) come from a real parser; it folds a
 * labelled histogram's series into one, so the samples themselves are read line by line.
 */
export class Exposition {
  readonly families: MetricFamily[];
  private readonly samples: Sample[];

  constructor(text: string) {
    this.families = parsePrometheusTextFormat(text);
    this.samples = text
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => {
        const match = SAMPLE.exec(line);
        if (!match?.[1] || !match[3]) throw new Error(`not a sample line: ${line}`);
        const labels = Object.fromEntries(
          [...(match[2] ?? '').matchAll(LABEL)].map((m) => [m[1] ?? '', m[2] ?? '']),
        );
        return { name: match[1], labels, value: Number(match[3]) };
      });
  }

  family(name: string) {
    return this.families.find((f) => f.name === name);
  }

  /** Sum over matching series, as PromQL's `sum(name{labels})`; a histogram sums its `_count`. */
  sum(name: string, labels: Record<string, string> = {}): number {
    const series = this.family(name)?.type === 'HISTOGRAM' ? `${name}_count` : name;
    return this.samples
      .filter((s) => s.name === series)
      .filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      .reduce((total, s) => total + s.value, 0);
  }

  /** Every value a label takes in a family. */
  labelValues(name: string, label: string): Set<string> {
    return new Set(
      this.samples
        .filter((s) => s.name === name || s.name.startsWith(`${name}_`))
        .flatMap((s) => (s.labels[label] ? [s.labels[label]] : [])),
    );
  }
}
