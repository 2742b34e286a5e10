import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { discover } from '../../scripts/load/discover.ts';
import { REPO_ROOT, RepoCopy } from '../helpers/repo.ts';
import { globToRegExp, parseJsonc } from './jsonc.ts';
import { LspClient } from './lsp-client.ts';

const MODELINE = /^# yaml-language-server: \$schema=(\S+)$/;

interface Settings {
  'yaml.schemas': Record<string, string[]>;
  [key: string]: unknown;
}

const settings = parseJsonc(readFileSync(path.join(REPO_ROOT, '.vscode/settings.json'), 'utf8')) as Settings;

async function dataFiles(): Promise<string[]> {
  return (await discover(REPO_ROOT, 'agreements')).map((f) => f.file).filter((f) => f.endsWith('.yaml'));
}

/** The schemas the settings' globs give a repository-relative file. */
function globSchemas(file: string): string[] {
  return Object.entries(settings['yaml.schemas'])
    .filter(([, globs]) => globs.some((g) => globToRegExp(g).test(file)))
    .map(([schema]) => path.posix.normalize(schema));
}

describe('editor support: every data file is tied to its schema', () => {
  it('recommends the YAML extension that reads the schema lines', () => {
    const extensions = parseJsonc(readFileSync(path.join(REPO_ROOT, '.vscode/extensions.json'), 'utf8')) as { recommendations: string[] };
    expect(extensions.recommendations).toContain('redhat.vscode-yaml');
  });

  it('maps only schemas that exist', () => {
    for (const schema of Object.keys(settings['yaml.schemas'])) expect(existsSync(path.join(REPO_ROOT, schema)), schema).toBe(true);
  });

  it('gives every file under agreements/ a schema line pointing at the schema of its dokumenttype, and the same schema by glob', async () => {
    const files = await dataFiles();
    expect(files.length).toBeGreaterThanOrEqual(36);
    for (const file of files) {
      const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
      const match = MODELINE.exec(text.split('\n', 1)[0]!);
      expect(match, `${file}: first line must be »# yaml-language-server: $schema=…«`).not.toBeNull();
      const schemaFile = path.posix.normalize(path.posix.join(path.posix.dirname(file), match![1]!));
      expect(schemaFile, file).toMatch(/^schemas\/[a-z]+\.schema\.json$/);
      expect(existsSync(path.join(REPO_ROOT, schemaFile)), `${file} → ${schemaFile}`).toBe(true);
      const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, schemaFile), 'utf8')) as { properties: { dokumenttype: { const: string } } };
      const data = parse(text) as { dokumenttype: string };
      expect(schema.properties.dokumenttype.const, file).toBe(data.dokumenttype);
      expect(globSchemas(file), `${file}: .vscode/settings.json yaml.schemas`).toEqual([schemaFile]);
    }
  });
});

/**
 * Records every request that reaches it: the language server is told to use it as its HTTP(S)
 * proxy, so any attempt to fetch a schema over the network shows up here instead of leaving the
 * machine.
 */
function recordingProxy(): Promise<{ server: Server; port: number; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method ?? '?'} ${req.url ?? '?'}`);
    res.writeHead(502).end();
  });
  server.on('connect', (req, socket) => {
    requests.push(`CONNECT ${req.url ?? '?'}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, requests })));
}

interface Diagnostic {
  range: { start: { line: number; character: number } };
  message: string;
  source?: string;
}
interface PublishDiagnostics {
  uri: string;
  diagnostics: Diagnostic[];
}

describe('editor support: the real yaml-language-server', () => {
  const copy = new RepoCopy(['agreements', 'schemas', '.vscode']);
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  let server: LspClient;
  const uriOf = (file: string) => pathToFileURL(copy.path(file)).href;
  let version = 0;

  /** Opens a document with the given text and waits for the server's verdict on it. */
  async function diagnose(file: string, text: string): Promise<Diagnostic[]> {
    const uri = uriOf(file);
    const since = server.notifications.length;
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: ++version, text } });
    const published = (await server.waitForNotification(
      'textDocument/publishDiagnostics',
      (p) => (p as PublishDiagnostics).uri === uri,
      20_000,
      since,
    )) as PublishDiagnostics;
    server.notify('textDocument/didClose', { textDocument: { uri } });
    return published.diagnostics;
  }

  beforeAll(async () => {
    proxy = await recordingProxy();
    const yaml = {
      schemas: settings['yaml.schemas'],
      validate: settings['yaml.validate'],
      hover: settings['yaml.hover'],
      completion: settings['yaml.completion'],
      yamlVersion: settings['yaml.yamlVersion'],
      // The schema store is a download of third-party associations: not wanted in a test.
      schemaStore: { enable: false },
    };
    const http = { proxy: `http://127.0.0.1:${proxy.port}`, proxyStrictSSL: false };
    server = LspClient.yamlLanguageServer(copy.root, (method) => (method === 'workspace/configuration' ? [yaml, http, {}, {}] : null));
    const rootUri = pathToFileURL(copy.root).href;
    await server.request('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: { workspace: { configuration: true } },
      workspaceFolders: [{ uri: rootUri, name: 'aftaler' }],
    });
    server.notify('initialized', {});
    // The server pulls its settings (workspace/configuration) when told they changed.
    server.notify('workspace/didChangeConfiguration', { settings: null });
  }, 30_000);

  afterAll(async () => {
    // Unset when beforeAll failed before getting to them.
    await (server as LspClient | undefined)?.stop();
    (proxy as typeof proxy | undefined)?.server.close();
    copy.remove();
  });

  const lejre = 'agreements/midt-og-vestsjaelland/lejre/hsa-lejre-akutsygepleje.yaml';

  it('reports schema errors in a broken HSA while it is being edited, and resolves the $refs into common.schema.json from disk', async () => {
    copy.replace(lejre, 'status: udkast', 'status: kladde');
    copy.replace(lejre, 'kommune: "350"', 'kommune: "35"\nkommentar: ukendt felt');
    const text = copy.read(lejre);
    const diagnostics = await diagnose('agreements/midt-og-vestsjaelland/lejre/hsa-lejre-redigeret.yaml', text);
    const at = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle));
    const on = (line: number) => diagnostics.filter((d) => d.range.start.line === line);

    expect(
      on(at('status: kladde'))
        .map((d) => d.message)
        .join('\n'),
    ).toMatch(/udkast.*godkendt.*underskrevet.*opsagt/);
    expect(
      on(at('kommentar:'))
        .map((d) => d.message)
        .join('\n'),
    ).toMatch(/kommentar.*not allowed/i);
    // The pattern lives only in common.schema.json#/$defs/kommunekode: a $ref the server resolved.
    expect(
      on(at('kommune: "35"'))
        .map((d) => `${d.source ?? ''} ${d.message}`)
        .join('\n'),
    ).toMatch(/Kommunekode.*\^\[0-9\]\{3\}\$/);
    expect(diagnostics.map((d) => d.message).join('\n')).not.toMatch(/Problems loading|Unable to load|cannot be resolved/i);
  });

  it('shows the Danish description and title as hover text', async () => {
    const text = readFileSync(path.join(REPO_ROOT, lejre), 'utf8');
    const uri = uriOf('agreements/midt-og-vestsjaelland/lejre/hover.yaml');
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: ++version, text } });
    const line = text.split('\n').findIndex((l) => l.startsWith('kommune:'));
    const hover = (await server.request('textDocument/hover', { textDocument: { uri }, position: { line, character: 2 } })) as { contents: { value: string } };
    expect(hover.contents.value).toContain('Kommunekode'); // the title, from common.schema.json
    expect(hover.contents.value).toContain('Kommunekoden for aftalens kommune'); // the description, from hsa.schema.json
    const statusLine = text.split('\n').findIndex((l) => l.startsWith('status:'));
    const completion = (await server.request('textDocument/completion', {
      textDocument: { uri },
      position: { line: statusLine, character: 'status: '.length },
    })) as { items: Array<{ label: string; documentation?: unknown }> };
    expect(completion.items.map((i) => i.label)).toEqual(expect.arrayContaining(['udkast', 'godkendt', 'underskrevet', 'opsagt']));
    server.notify('textDocument/didClose', { textDocument: { uri } });
  });

  it('finds the schema by the settings glob when the schema line is missing', async () => {
    const text = copy.read(lejre).split('\n').slice(1).join('\n');
    expect(text).not.toMatch(/yaml-language-server/);
    const diagnostics = await diagnose('agreements/midt-og-vestsjaelland/lejre/hsa-lejre-uden-linje.yaml', text);
    expect(diagnostics.some((d) => /udkast/.test(d.message))).toBe(true);
  });

  it('accepts every shipped data file without a single diagnostic', async () => {
    const files = await dataFiles();
    // All at once: the server validates each after a short delay, so one by one would be slow.
    const results = await Promise.all(files.map((file) => diagnose(file, readFileSync(path.join(REPO_ROOT, file), 'utf8'))));
    for (const [i, diagnostics] of results.entries()) {
      expect(
        diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`),
        files[i],
      ).toEqual([]);
    }
  });

  it('has fetched nothing over the network: the $id URLs (https://aftaler.invalid/…) were never requested', () => {
    expect(proxy.requests).toEqual([]);
  });

  it('would have gone to the network for a $ref with no file beside the schema (so the check above can fail)', async () => {
    copy.write(
      'schemas/probe.schema.json',
      JSON.stringify({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: 'https://aftaler.invalid/schemas/probe.schema.json',
        type: 'object',
        properties: { x: { $ref: 'absent.schema.json#/$defs/x' } },
      }),
    );
    const diagnostics = await diagnose('agreements/probe.yaml', '# yaml-language-server: $schema=../schemas/probe.schema.json\nx: 1\n');
    expect(proxy.requests.join('\n')).toMatch(/aftaler\.invalid.*absent\.schema\.json|CONNECT aftaler\.invalid:443/);
    expect(diagnostics.map((d) => d.message).join('\n')).toMatch(/absent\.schema\.json/);
  });
});
