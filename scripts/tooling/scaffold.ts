import path from 'node:path';
import { NO_SUNDHEDSRAAD } from '../emit/layout.ts';
import { registry, type DocumentKindModule } from '../kinds/index.ts';
import type { ScaffoldArgs, ScaffoldContext } from '../kinds/kind.ts';
import type { Repository } from '../model/repository.ts';
import type { Frist, Vilkaar } from '../model/types.ts';
import { formatDate } from '../basics/format.ts';
import { ArgumentError, findKommune, findOpgave, findSundhedsraad } from './lookup.ts';
import { modelKey, modelLabel, operatingModels } from './operating-models.ts';
import { fillRequired, PLACEHOLDER } from './scaffold-fill.ts';
import { commentedYaml } from './scaffold-yaml.ts';
import { allowsNull, type SchemaDocs } from '../validate/schema-docs.ts';

/**
 * What `npm run new` was asked for: the kind and its options as typed on the command line
 * (`--kommune 316` → `kommune: '316'`; see the kind's `scaffold.options`).
 */
export type ScaffoldRequest = { kind: string } & ScaffoldArgs;

export interface Scaffold {
  id: string;
  /** Repository-relative path of the new file. */
  file: string;
  text: string;
  /** Things staff should know about the new file (Danish), e.g. a case that decides otherwise. */
  notes: string[];
}

/** The data cannot give a value the new file needs (a frist missing from the calendar); Danish message. */
export class ScaffoldError extends Error {}

const DATA_DIR = 'agreements';

/** The kinds `npm run new` can make: those whose module declares a scaffold. */
export function scaffoldKinds(): Array<DocumentKindModule & Required<Pick<DocumentKindModule, 'scaffold'>>> {
  return registry.documents().filter((k): k is DocumentKindModule & Required<Pick<DocumentKindModule, 'scaffold'>> => k.scaffold !== undefined);
}

/** The lookups and data a kind's scaffold may use (see ScaffoldContext). */
function scaffoldContext(repo: Repository, schemas: SchemaDocs, kind: DocumentKindModule, today: string): ScaffoldContext {
  const models = operatingModels(repo);
  const schema = schemas.forFile(kind.schema);
  const field = (name: string) => schemas.property(schema, name)?.node;
  return {
    repo,
    today,
    placeholder: PLACEHOLDER,
    kommune: (arg) => findKommune(repo, arg),
    opgave: (arg) => findOpgave(repo, arg),
    sundhedsraad: (arg) => findSundhedsraad(repo, arg),
    frist(id): Frist {
      const f = repo.frist(id);
      if (!f) throw new ScaffoldError(`Fristkalenderen (agreements/reference/frister.yaml) mangler fristen »${id}«`);
      return f;
    },
    vilkaar(id): Vilkaar {
      const v = repo.vilkaar(id);
      if (!v) throw new ScaffoldError(`Fristkalenderen (agreements/reference/frister.yaml) mangler vilkåret »${id}«`);
      return v;
    },
    // Where a kommune's documents live: agreements/<sundhedsråd or uden-sundhedsraad>/<slug>/.
    kommuneDir: (code) => `${DATA_DIR}/${repo.sundhedsraadOf(code)?.id ?? NO_SUNDHEDSRAAD}/${repo.kommune(code)!.slug}`,
    sundhedsraadDir: (id) => `${DATA_DIR}/${id}`,
    decision: (kommune, opgave) => models.get(modelKey(kommune, opgave)),
    decisionsFor: (kommune) => [...models.values()].filter((m) => m.kommune === kommune),
    modelLabel: (model) => modelLabel[model],
    schemaPattern(name) {
      const pattern = field(name)?.pattern;
      return typeof pattern === 'string' ? pattern : undefined;
    },
    schemaAllowsNull(name) {
      const node = field(name);
      return node !== undefined && allowsNull(node);
    },
    refuse(message): never {
      throw new ArgumentError(message);
    },
  };
}

/**
 * A new data file with every required field: ids by the naming convention (schemas/README.md),
 * dates and terms from the frist calendar, null where a value is not known, »Udestår: …« where
 * text must be written, `status: udkast`, and the schema's Danish descriptions as comments.
 */
export function scaffold(repo: Repository, schemas: SchemaDocs, request: ScaffoldRequest, options: { today: string }): Scaffold {
  const kind = scaffoldKinds().find((k) => k.id === request.kind);
  if (!kind) throw new ArgumentError(`»${request.kind}« kan ikke oprettes med npm run new`);
  const plan = kind.scaffold.plan(scaffoldContext(repo, schemas, kind, options.today), request);
  const schema = schemas.forFile(kind.schema);
  const file = `${plan.dir}/${plan.id}.yaml`;
  const schemaPath = path.posix.relative(plan.dir, kind.schema);
  const data = fillRequired(schemas, schema, plan.overrides, plan.optional) as Record<string, unknown>;
  const text = commentedYaml(schemas, {
    schemaLine: `yaml-language-server: $schema=${schemaPath}`,
    header: [
      `${kind.scaffold.headline}, oprettet med »npm run new« ${formatDate(options.today)}.`,
      schema.node.description ?? '',
      '',
      `Udfyld alt, der står »${PLACEHOLDER} …«, og erstat null, når oplysningen kendes. Kommentaren over hvert felt kommer fra ${kind.schema}. Kør »npm run check« bagefter.`,
    ],
    data,
    schema,
    notes: plan.notes,
  });
  return { id: plan.id, file, text, notes: plan.messages };
}
