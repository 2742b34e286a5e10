import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { CONFIG_FILE, ConfigError, configDiagnostics, effectiveSeverity, loadConfig, parseConfig } from '../../scripts/check/config.ts';
import { toJson } from '../../scripts/diagnostics/report-json.ts';
import { SourceStore } from '../../scripts/diagnostics/sources.ts';
import { RepoCopy } from '../helpers/repo.ts';
import { rules } from '../../scripts/check/rules/index.ts';

const rule = (id: string) => rules.find((r) => r.id === id)!;

describe('.aftalerrc.json', () => {
  it('accepts error, warning and off for catalogue rules, and a $comment', () => {
    const config = parseConfig(
      '{"$comment": "why", "rules": {"kapacitet/ukendt": "off", "bilag/foraeldet-version": "warning", "forsinket/hsa-godkendelse": "error"}}',
      rules,
    );
    expect(config.rules).toEqual({ 'kapacitet/ukendt': 'off', 'bilag/foraeldet-version': 'warning', 'forsinket/hsa-godkendelse': 'error' });
  });

  it.each([
    [
      '{"rules": {"frist/hsa-godkendlese": "off"}}',
      '.aftalerrc.json: ukendt regel »frist/hsa-godkendlese« (mente du »frist/hsa-godkendelse«?); se reglerne med »npm run check -- --list-rules«',
    ],
    ['{"rules": {"skema/type": "off"}}', '.aftalerrc.json: ukendt regel »skema/type«; se reglerne med »npm run check -- --list-rules«'],
    ['{"rules": {"kapacitet/ukendt": "info"}}', '.aftalerrc.json: reglen »kapacitet/ukendt« skal sættes til "error", "warning" eller "off", ikke "info"'],
    ['{"rules": {"kapacitet/ukendt": 0}}', '.aftalerrc.json: reglen »kapacitet/ukendt« skal sættes til "error", "warning" eller "off", ikke 0'],
    ['{"regler": {}}', '.aftalerrc.json: ukendt felt »regler«; tilladt er »rules«, »kalender«, »segl« (og »$comment«)'],
    ['{"segl": {"tidsstempel": "https://tsa.example.dk"}}', '.aftalerrc.json:1:26: ukendt felt »segl.tidsstempel«; tilladt er »tidsstempel_url«'],
    ['{"segl": "https://tsa.example.dk"}', '.aftalerrc.json:1:10: »segl« skal være et objekt, fx {"tidsstempel_url": "https://tsa.example.dk/tsa"}'],
    [
      '{\n  "segl": {\n    "tidsstempel_url": "ftp://tsa.example.dk/tsa"\n  }\n}',
      '.aftalerrc.json:3:24: »segl.tidsstempel_url« skal begynde med http:// eller https://, ikke »ftp:«',
    ],
    [
      '{"segl": {"tidsstempel_url": "https://bruger:hemmelig@tsa.example.dk/tsa"}}',
      '.aftalerrc.json:1:30: »segl.tidsstempel_url« må ikke indeholde brugernavn eller adgangskode (filen er en del af repositoriet); brug en tjeneste uden login',
    ],
    [
      '{"segl": {"tidsstempel_url": "tsa.example.dk"}}',
      '.aftalerrc.json:1:30: »segl.tidsstempel_url« er ikke en gyldig URL: "tsa.example.dk"; skriv fx "https://tsa.example.dk/tsa"',
    ],
    [
      '{"segl": {"tidsstempel_url": 3161}}',
      '.aftalerrc.json:1:30: »segl.tidsstempel_url« skal være en URL (tekst) til en tidsstempeltjeneste (RFC 3161), ikke 3161',
    ],
    ['{"kalender": {"paamindelse": 7}}', '.aftalerrc.json: ukendt felt »kalender.paamindelse«; tilladt er »paamindelse_dage«'],
    [
      '{"kalender": {"paamindelse_dage": 120}}',
      '.aftalerrc.json: »kalender.paamindelse_dage« skal være et helt antal dage fra 0 til 90 (0: ingen påmindelser), ikke 120',
    ],
    ['{"kalender": 7}', '.aftalerrc.json: »kalender« skal være et objekt, fx {"paamindelse_dage": 7}'],
    ['{"rules": ["kapacitet/ukendt"]}', '.aftalerrc.json: »rules« skal være et objekt, fx {"kapacitet/ukendt": "off"}'],
    ['[]', '.aftalerrc.json skal være et JSON-objekt med feltet »rules«'],
  ])('refuses %s', (text, message) => {
    expect(() => parseConfig(text, rules)).toThrow(new ConfigError(message));
  });

  it('reads the time-stamping authority from »segl.tidsstempel_url«; without it there is none', () => {
    expect(parseConfig('{"segl": {"tidsstempel_url": "http://127.0.0.1:8080/tsa"}}', rules).timestampUrl).toBe('http://127.0.0.1:8080/tsa');
    expect(parseConfig('{"segl": {}}', rules).timestampUrl).toBeUndefined();
    expect(parseConfig('{"rules": {}}', rules).timestampUrl).toBeUndefined();
  });

  /** The configuration's findings as `line:column severity rule message`. */
  const findingsOf = (text: string) => {
    const sources = new SourceStore();
    sources.addText(CONFIG_FILE, text);
    return toJson(configDiagnostics(parseConfig(text, rules)), sources).map((f) => `${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}`);
  };

  it('applies a rule named by its former id to the renamed rule, with a warning at the key naming the new id', () => {
    const text = '{\n  "rules": {\n    "kapacitet/ukendt": "off",\n    "bilag/stale-version": "warning"\n  }\n}\n';
    expect(parseConfig(text, rules).rules).toEqual({ 'kapacitet/ukendt': 'off', 'bilag/foraeldet-version': 'warning' });
    expect(findingsOf(text)).toEqual([
      '4:5 warning config/foraeldet-id Reglen »bilag/stale-version« hedder nu »bilag/foraeldet-version«; skriv det nye id (det gamle virker kun i denne udgave)',
    ]);
  });

  it('keeps a locked rule locked under its former id', () => {
    const text = '{"rules": {"ref/duplicate-id": "off", "bilag/external-file": "error"}}';
    const config = parseConfig(text, rules);
    expect(config.rules).toEqual({ 'bilag/ekstern-fil': 'error' });
    expect(findingsOf(text)).toEqual([
      '1:12 warning config/foraeldet-id Reglen »ref/duplicate-id« hedder nu »ref/dobbelt-id«; skriv det nye id (det gamle virker kun i denne udgave)',
      '1:12 error config/laast-regel Reglen »ref/dobbelt-id« kan ikke sættes til "off": den sikrer, at de forseglede dokumenter er sande, og er altid en fejl; fjern linjen',
      '1:39 warning config/foraeldet-id Reglen »bilag/external-file« hedder nu »bilag/ekstern-fil«; skriv det nye id (det gamle virker kun i denne udgave)',
    ]);
  });

  it('refuses a rule named under both its former and its new id', () => {
    expect(() => parseConfig('{"rules": {"bilag/unknown-mention": "off", "bilag/ukendt-henvisning": "warning"}}', rules)).toThrow(
      new ConfigError(
        '.aftalerrc.json: reglen »bilag/ukendt-henvisning« står to gange (som »bilag/unknown-mention« og »bilag/ukendt-henvisning«); skriv den én gang, under »bilag/ukendt-henvisning«',
      ),
    );
  });

  it('accepts every former id, for the rule that replaced it', () => {
    const renamed = rules.filter((r) => r.formerId !== undefined);
    expect(renamed).toHaveLength(13);
    for (const r of renamed) expect(parseConfig(JSON.stringify({ rules: { [r.formerId!]: 'error' } }), rules).rules, r.formerId).toEqual({ [r.id]: 'error' });
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
      writeFileSync(
        repo.path('.aftalerrc.json'),
        '{"rules": {"kapacitet/ukendt": "off", "forsinket/hsa-godkendelse": "warning", "ref/unknown-document": "error"}}',
      );
      const configured = await checkRepository(repo.root, { today: '2026-11-23', strict: true });
      // A former id still applies, with a warning in the file naming the new one.
      expect(configured.diagnostics.filter((d) => d.rule === 'config/foraeldet-id').map((d) => [d.file, d.severity, d.message])).toEqual([
        ['.aftalerrc.json', 'warning', 'Reglen »ref/unknown-document« hedder nu »ref/ukendt-dokument«; skriv det nye id (det gamle virker kun i denne udgave)'],
      ]);
      expect(configured.diagnostics.some((d) => d.rule === 'kapacitet/ukendt')).toBe(false);
      const overdue = configured.diagnostics.filter((d) => d.rule.startsWith('forsinket/'));
      expect(overdue.length).toBeGreaterThan(0);
      expect(overdue.every((d) => d.severity === 'error')).toBe(true);
    } finally {
      repo.remove();
    }
  });
});
