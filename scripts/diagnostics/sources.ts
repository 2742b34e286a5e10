import { LineCounter } from 'yaml';
import type { Span } from './diagnostic.ts';

export interface Position {
  line: number;
  column: number;
}

export interface PositionedSpan {
  start: Position;
  end: Position;
}

/**
 * The decoded text of every file the pipeline read, so that offsets can be turned into
 * line:col at the very end (the parser's LineCounter is kept, not recomputed).
 */
export class SourceStore {
  readonly #counters = new Map<string, LineCounter>();

  /** Registers a file whose line starts are already known (e.g. filled by the YAML parser). */
  add(file: string, counter: LineCounter): void {
    this.#counters.set(file, counter);
  }

  /** Registers a file from its text, for files not parsed as YAML. */
  addText(file: string, text: string): void {
    const counter = new LineCounter();
    counter.addNewLine(0);
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) counter.addNewLine(i + 1);
    this.#counters.set(file, counter);
  }

  /** The files registered, in the order they were read. */
  files(): string[] {
    return [...this.#counters.keys()];
  }

  position(file: string, offset: number): Position {
    const counter = this.#counters.get(file);
    if (!counter) return { line: 1, column: 1 };
    const { line, col } = counter.linePos(offset);
    return { line, column: col };
  }

  resolve(file: string, span: Span | undefined): PositionedSpan {
    if (!span) return { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
    return { start: this.position(file, span.start), end: this.position(file, span.end) };
  }
}
