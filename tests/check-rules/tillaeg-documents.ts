/**
 * Tillæg for the rule tests, from a fixed template like documents.ts, so cases assert literal
 * line:column positions. The base is documents.ts's HSA for Holbæk and akutsygepleje, approved
 * (`approvedHsa`).
 */
import { hsa, type HsaOptions } from './documents.ts';
import type { CaseFile } from './rule-tester.ts';

export const HSA_FILE = 'agreements/hsa-holbaek-akutsygepleje.yaml';

/** The base HSA, approved by both parties in March 2026. */
export const approvedHsa = (o: HsaOptions = {}): CaseFile => hsa({ status: 'godkendt', regionsraad: '2026-03-17', kommunalbestyrelse: '2026-03-20', ...o });

export interface TillaegOptions {
  nummer?: number;
  til?: string;
  tilVersion?: string;
  kommune?: string;
  status?: string;
  ikrafttraeden?: string;
  /** [sti, YAML source of the value]. */
  felter?: Array<[string, string]>;
  afsnit?: Array<{ titel: string; efter?: string }>;
}

/**
 * Lines: 4 til (col 6) · 5 til_version (col 14) · 6 nummer (col 9) · 7 kommune (col 10) ·
 * 10 ikrafttraeden (col 16) · 15 aendringer: · felt k: sti on line 17 + 2k (col 12), vaerdi on
 * 18 + 2k (col 15) · then afsnit: and per afsnit titel, tekst and efter (col 14) if given.
 */
export function tillaeg(o: TillaegOptions = {}): CaseFile {
  const nummer = o.nummer ?? 1;
  const id = `tillaeg-holbaek-akutsygepleje-${nummer}`;
  const felter = o.felter ?? [['finansiering.aarligt_beloeb_kr', '1500000']];
  const afsnit = o.afsnit ?? [];
  const lines = [
    'dokumenttype: tillaeg',
    `id: ${id}`,
    'dokid: null',
    `til: ${o.til ?? 'hsa-holbaek-akutsygepleje'}`,
    `til_version: ${o.tilVersion ?? '2026-02-24'}`,
    `nummer: ${nummer}`,
    `kommune: "${o.kommune ?? '316'}"`,
    'version: 2026-10-01',
    `status: ${o.status ?? 'godkendt'}`,
    `ikrafttraeden: ${o.ikrafttraeden ?? '2027-03-01'}`,
    'formaal: Økonomien tilpasses.',
    'godkendelser:',
    '  regionsraad: 2026-11-10',
    '  kommunalbestyrelse: 2026-11-12',
    'aendringer:',
    felter.length > 0 ? '  felter:' : '  felter: []',
    ...felter.flatMap(([sti, vaerdi]) => [`    - sti: ${sti}`, `      vaerdi: ${vaerdi}`]),
    afsnit.length > 0 ? '  afsnit:' : '  afsnit: []',
    ...afsnit.flatMap((a) => [`    - titel: ${a.titel}`, '      tekst: Et nyt afsnit.', ...(a.efter === undefined ? [] : [`      efter: ${a.efter}`])]),
  ];
  return { file: `agreements/${id}.yaml`, content: lines.join('\n') + '\n' };
}
