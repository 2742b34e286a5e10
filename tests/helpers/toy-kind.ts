/**
 * A toy document kind for tests that need a kind of their own in a temporary repository: a note
 * to one kommune, added through the registry alone (no stage knows it). `id` names the kind, its
 * schema and template (»notat«, »arbejdsnotat«); a draft says »Udkast« in its title block and
 * carries the UDKAST mark. Data SYNTETISK.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DocumentKindModule } from '../../scripts/kinds/kind.ts';
import { kommuneName } from '../../scripts/model/names.ts';
import type { SourceDocument } from '../../scripts/model/source-document.ts';

interface NoteData {
  dokumenttype: string;
  id: string;
  kommune: string;
  dato: string;
  emne: string;
  tekst: string;
}
// The shipped kinds have their data types in model/types.ts; a toy kind made at run time reads its own.
const data = (doc: SourceDocument) => doc.data as unknown as NoteData;

export interface ToyKind {
  module: DocumentKindModule;
  /** Writes its schema and template into a repository copy, and the notes into Holbæk's folder. */
  install(root: string, notes: ReadonlyArray<{ id: string; emne: string; tekst: string }>): void;
}

export function toyNoteKind(id: string, options: { draft: boolean }): ToyKind {
  const noun = id.charAt(0).toUpperCase() + id.slice(1);
  const module: DocumentKindModule = {
    id,
    role: 'document',
    nouns: [id, `${id}er`],
    schema: `schemas/${id}.schema.json`,
    template: id,
    numberedClauses: true,
    scope: { type: 'kommune', kommune: (doc) => data(doc).kommune },
    view: (repo, doc) => {
      const d = data(doc);
      return { kommune: kommuneName(repo, d.kommune), emne: d.emne, tekst: d.tekst };
    },
    meta: (repo, doc) => {
      const d = data(doc);
      return {
        title: `${noun} om ${d.emne}`,
        titleBlock: [{ label: 'Kommune', value: kommuneName(repo, d.kommune) }, ...(options.draft ? [{ label: 'Status', value: 'Udkast' }] : [])],
        runningHeader: `${noun} · ${kommuneName(repo, d.kommune)}`,
        subject: `${noun} om ${d.emne}`,
        keywords: [id],
        draft: options.draft,
        date: d.dato,
        kommuner: [d.kommune],
        opgave: null,
        version: null,
        status: options.draft ? 'udkast' : null,
      };
    },
    name: (_repo, doc) => `${noun} om ${data(doc).emne}`,
    label: () => noun,
    groupName: () => `${id}erne`,
    reads: () => [],
    kommuneMentions: (doc) => [{ path: ['kommune'], value: data(doc).kommune }],
    opgaveMentions: () => [],
    deadlines: () => [],
  };

  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://aftaler.invalid/schemas/${id}.schema.json`,
    title: noun,
    description: 'Et notat til en kommune (testens legetøjsdokumenttype).',
    type: 'object',
    additionalProperties: false,
    required: ['dokumenttype', 'id', 'kommune', 'dato', 'emne', 'tekst'],
    properties: {
      dokumenttype: { const: id },
      id: { $ref: 'common.schema.json#/$defs/id' },
      kommune: { $ref: 'common.schema.json#/$defs/kommunekode' },
      dato: { $ref: 'common.schema.json#/$defs/dato' },
      emne: { type: 'string', minLength: 1 },
      tekst: { $ref: 'common.schema.json#/$defs/markdown' },
    },
  };

  const template = `## Baggrund\n\nDette ${id} til {{t kommune}} handler om {{t emne}}.\n\n## Indhold\n\n{{md tekst}}\n`;

  return {
    module,
    install(root, notes) {
      writeFileSync(path.join(root, 'schemas', `${id}.schema.json`), `${JSON.stringify(schema, null, 2)}\n`);
      writeFileSync(path.join(root, 'templates', `${id}.md.hbs`), template);
      const dir = path.join(root, 'agreements', 'midt-og-vestsjaelland', 'holbaek');
      mkdirSync(dir, { recursive: true });
      for (const n of notes) {
        const tekst = n.tekst.replaceAll('\n', '\n  ');
        writeFileSync(
          path.join(dir, `${n.id}.yaml`),
          `# SYNTETISK testdata\ndokumenttype: ${id}\nid: ${n.id}\nkommune: "316"\ndato: 2026-11-30\nemne: ${n.emne}\ntekst: |\n  ${tekst}\n`,
        );
      }
    },
  };
}
