import { describe, expect, it } from 'vitest';
import { rules } from '../../scripts/check/rules/index.ts';
import type { JsonDiagnostic } from '../../scripts/diagnostics/report-json.ts';
import { Fixture, runCheckCli } from './helpers.ts';

/** The few things only the command line shows; everything else is tested in-process. */
describe('npm run check: catalogue, --strict and configuration', () => {
  it('--list-rules --format json lists every rule with id, severity, description and citation', () => {
    const r = runCheckCli(['--list-rules', '--format', 'json']);
    expect(r.code).toBe(0);
    const listed = JSON.parse(r.stdout) as Array<{
      id: string;
      severity: string;
      defaultSeverity: string;
      overdue: boolean;
      description: string;
      citation: string;
    }>;
    expect(listed.map((l) => l.id)).toEqual(rules.map((x) => x.id));
    for (const l of listed) {
      expect(['error', 'warning'], l.id).toContain(l.severity);
      expect(l.description.length, l.id).toBeGreaterThan(0);
      expect(l.citation.length, l.id).toBeGreaterThan(0);
    }
    const hsa = listed.find((l) => l.id === 'frist/hsa-godkendelse')!;
    expect(hsa.citation).toContain('Q&A: Flytning af opgaver fra kommunerne til regionen (opdateret 23. januar 2026), Vigtige milepæle i 2026 (1. april 2026)');
    expect(listed.find((l) => l.id === 'forsinket/hsa-godkendelse')).toMatchObject({ severity: 'warning', overdue: true });
  });

  it('--strict turns exactly the overdue warnings into errors (exit 1)', () => {
    const r = runCheckCli(['--strict', '--today', '2026-11-23', '--format', 'json']);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout) as JsonDiagnostic[];
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors).toHaveLength(40);
    expect(errors.every((f) => f.rule.startsWith('forsinket/'))).toBe(true);
    expect(findings.filter((f) => f.severity === 'warning').map((f) => f.rule)).toEqual(['kapacitet/ukendt']);
  });

  it('reads .aftalerrc.json from the root, and stops with exit 2 on a mistake in it', () => {
    const fx = new Fixture(['agreements', 'schemas']);
    try {
      fx.write('.aftalerrc.json', '{"rules": {"kapacitet/ukendt": "off", "forsinket/hsa-godkendelse": "error"}}');
      const ok = runCheckCli(['--root', fx.root, '--today', '2026-11-23', '--format', 'json']);
      expect(ok.code).toBe(1);
      const findings = JSON.parse(ok.stdout) as JsonDiagnostic[];
      expect(findings.filter((f) => f.severity === 'error').every((f) => f.rule === 'forsinket/hsa-godkendelse')).toBe(true);
      expect(findings.some((f) => f.rule === 'kapacitet/ukendt')).toBe(false);

      fx.write('.aftalerrc.json', '{"rules": {"kapacitet/ukent": "off"}}');
      const bad = runCheckCli(['--root', fx.root, '--today', '2026-11-23']);
      expect(bad.code).toBe(2);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toBe(
        'check: .aftalerrc.json: ukendt regel »kapacitet/ukent« (mente du »kapacitet/ukendt«?); se reglerne med »npm run check -- --list-rules«\nSe »npm run check -- --help«.\n',
      );
    } finally {
      fx.cleanup();
    }
  });
});
