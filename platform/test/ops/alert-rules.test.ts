import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parser } from '@prometheus-io/lezer-promql';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PrometheusMetrics } from '../../src/adapters/metrics/prometheus.js';
import { Exposition } from '../support/prometheus.js';

const repo = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: { severity: string };
  annotations: { summary: string; runbook: string };
}
const rules = (
  parse(readFileSync(repo('ops/prometheus/alerts.yml'), 'utf8')) as {
    groups: { name: string; rules: Rule[] }[];
  }
).groups.flatMap((g) => g.rules);

const dashboard = JSON.parse(
  readFileSync(repo('ops/grafana/reel-golden-signals.json'), 'utf8'),
) as {
  panels: { title: string; targets: { expr: string }[] }[];
};
const operations = readFileSync(repo('docs/operations.md'), 'utf8');

/** Every family a Reel process exports, from its own exposition (HELP lines list them all). */
async function exportedFamilies() {
  const metrics = new PrometheusMetrics(() => ({ total: 1, idle: 1, waiting: 0 }));
  const { text } = await metrics.exposition();
  return new Set(new Exposition(text).families.map((f) => f.name));
}

/** The metric names an expression selects, or why it does not parse as PromQL. */
function selectedMetrics(expr: string): { names: string[]; error?: string } {
  const names: string[] = [];
  let error: string | undefined;
  parser.parse(expr).iterate({
    enter(node) {
      if (node.type.isError)
        error ??= `syntax error at ${node.from}: ${expr.slice(node.from, node.from + 30)}`;
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector')
        names.push(expr.slice(node.from, node.to));
    },
  });
  return { names, error };
}

const family = (series: string) => series.replace(/_(bucket|count|sum)$/, '');

describe('the alert rules (ops/prometheus/alerts.yml)', () => {
  it('has rules, each named, labelled with a severity, summarised and with a runbook entry', () => {
    expect(rules.length).toBeGreaterThanOrEqual(10);
    for (const rule of rules) {
      expect(rule.alert).toMatch(/^Reel[A-Za-z]+$/);
      expect(['page', 'ticket']).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length).toBeGreaterThan(10);
      expect(rule.annotations.runbook).toBe(`docs/operations.md#${rule.alert.toLowerCase()}`);
      expect(operations).toContain(`\n#### ${rule.alert}\n`);
      if (rule.for) expect(rule.for).toMatch(/^\d+[smh]$/);
    }
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
  });

  it('parses as PromQL and selects only metrics Reel exports', async () => {
    const exported = await exportedFamilies();
    for (const rule of rules) {
      const { names, error } = selectedMetrics(rule.expr);
      expect(error, rule.alert).toBeUndefined();
      expect(names.length, rule.alert).toBeGreaterThan(0);
      expect(
        names.map(family).filter((n) => !exported.has(n)),
        rule.alert,
      ).toEqual([]);
    }
  });

  it('watches the SLOs at their thresholds: 99.95 %, 250 ms, 120 ms', () => {
    const expr = (name: string) => rules.find((r) => r.alert === name)?.expr ?? '';
    expect(expr('ReelApiErrorBudgetFastBurn')).toContain('0.0005');
    expect(expr('ReelApiLatencyHigh')).toMatch(/> 0\.25\s*$/);
    expect(expr('ReelManifestLatencyHigh')).toMatch(/> 0\.12\s*$/);
  });
});

describe('the Grafana dashboard (ops/grafana/reel-golden-signals.json)', () => {
  it('charts traffic, errors, latency and saturation from metrics Reel exports', async () => {
    const exported = await exportedFamilies();
    const titles = dashboard.panels.map((p) => p.title).join(' | ');
    for (const signal of ['Traffic', 'Errors', 'Latency', 'Saturation'])
      expect(titles).toContain(signal);
    for (const panel of dashboard.panels) {
      for (const target of panel.targets) {
        const { names, error } = selectedMetrics(target.expr);
        expect(error, panel.title).toBeUndefined();
        expect(
          names.map(family).filter((n) => !exported.has(n)),
          panel.title,
        ).toEqual([]);
      }
    }
  });
});
