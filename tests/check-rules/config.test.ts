import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { ConfigError, effectiveSeverity, loadConfig, parseConfig } from '../../scripts/check/config.ts';
import { RepoCopy } from '../helpers/repo.ts';
import { rules } from '../../scripts/check/rules/index.ts';

const rule = (id: string) => rules.find((r) => r.id === id)!;

describe('.aftalerrc.json', () => {
  it('accepts error, warning and off for catalogue rules, and a $comment', () => {
    const config = parseConfig('{"$comment": "why", "rules": {"kapacitet/ukendt": "off", "bilag/stale-version": "warning", "forsinket/hsa-godkendelse": "error"}}', rules);
    expect(config.rules).toEqual({ 'kapacitet/ukendt': 'off', 'bilag/stale-version': 'warning', 'forsinket/hsa-godkendelse': 'error' });
  });

  it.each([
    ['{"rules": {"frist/hsa-godkendlese": "off"}}', '.aftalerrc.json: ukendt regel »frist/hsa-godkendlese« (mente du »frist/hsa-godkendelse«?); se reglerne med »npm run check -- --list-rules«'],
    ['{"rules": {"schema/type": "off"}}', '.aftalerrc.json: ukendt regel »schema/type«; se reglerne med »npm run check -- --list-rules«'],
    ['{"rules": {"kapacitet/ukendt": "info"}}', '.aftalerrc.json: reglen »kapacitet/ukendt« skal sættes til "error", "warning" eller "off", ikke "info"'],
    ['{"rules": {"kapacitet/ukendt": 0}}', '.aftalerrc.json: reglen »kapacitet/ukendt« skal sættes til "error", "warning" eller "off", ikke 0'],
    ['{"regler": {}}', '.aftalerrc.json: ukendt felt »regler«; tilladt er »rules« (og »$comment«)'],
    ['{"rules": ["kapacitet/ukendt"]}', '.aftalerrc.json: »rules« skal være et objekt, fx {"kapacitet/ukendt": "off"}'],
    ['[]', '.aftalerrc.json skal være et JSON-objekt med feltet »rules«'],
  ])('refuses %s', (text, message) => {
    expect(() => parseConfig(text, rules)).toThrow(new ConfigError(message));
  });

  it('refuses invalid JSON with a message naming the file', () => {
    expect(() => parseConfig('{"rules": {', rules)).toThrow(/^\.aftalerrc\.json er ikke gyldig JSON \(/);
  });

  it('is optional: no file, no changes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aftaler-config-'));
    try {
      expect(await loadConfig(dir, rules)).toEqual({ rules: {} });
      writeFileSync(path.join(dir, '.aftalerrc.json'), '{"rules": {"kapacitet/ukendt": "off"}}');
      expect(await loadConfig(dir, rules)).toMatchObject({ rules: { 'kapacitet/ukendt': 'off' }, refused: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--strict makes overdue rules errors, over a configured warning but not over off', () => {
    const overdue = rule('forsinket/hsa-godkendelse');
    expect(effectiveSeverity(overdue, { rules: {} }, { strict: false })).toBe('warning');
    expect(effectiveSeverity(overdue, { rules: {} }, { strict: true })).toBe('error');
    expect(effectiveSeverity(overdue, { rules: { 'forsinket/hsa-godkendelse': 'warning' } }, { strict: true })).toBe('error');
    expect(effectiveSeverity(overdue, { rules: { 'forsinket/hsa-godkendelse': 'off' } }, { strict: true })).toBe('off');
    // Other warnings stay warnings.
    expect(effectiveSeverity(rule('kapacitet/ukendt'), { rules: {} }, { strict: true })).toBe('warning');
  });

  it('is applied by checkRepository, so check and build agree: drops off, changes severity, --strict raises overdue', async () => {
    const repo = new RepoCopy();
    try {
      const real = await checkRepository(repo.root, { today: '2026-11-23' });
      expect(real.diagnostics.some((d) => d.rule === 'kapacitet/ukendt' && d.severity === 'warning')).toBe(true);
      expect(real.diagnostics.some((d) => d.rule === 'forsinket/hsa-godkendelse' && d.severity === 'warning')).toBe(true);
      writeFileSync(repo.path('.aftalerrc.json'), '{"rules": {"kapacitet/ukendt": "off", "forsinket/hsa-godkendelse": "warning"}}');
      const configured = await checkRepository(repo.root, { today: '2026-11-23', strict: true });
      expect(configured.diagnostics.some((d) => d.rule === 'kapacitet/ukendt')).toBe(false);
      const overdue = configured.diagnostics.filter((d) => d.rule.startsWith('forsinket/'));
      expect(overdue.length).toBeGreaterThan(0);
      expect(overdue.every((d) => d.severity === 'error')).toBe(true);
    } finally {
      repo.remove();
    }
  });
});
