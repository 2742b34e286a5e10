import { describe, expect, it } from 'vitest';
import { fromFailure, toFailure } from '../../scripts/pipeline/pool.ts';
import { TemplateError } from '../../scripts/render/template-error.ts';
import { SigningError } from '../../scripts/sign/errors.ts';

/**
 * A worker thread's failure crosses to the main thread as plain data (pool.ts); the CLI decides
 * how to report it by its class, so the class must survive: a signing failure in a worker (a TSA
 * that does not answer) is reported as »Build afbrudt: …«, not as an internal error.
 */
describe('a rendering task’s failure across threads', () => {
  it('stays a SigningError with its code', () => {
    const error = fromFailure(
      structuredClone(toFailure(new SigningError('sign/timestamp', 'segl/tidsstempel: tidsstemplet fra http://127.0.0.1:1/tsa kunne ikke hentes'))),
    );
    expect(error).toBeInstanceOf(SigningError);
    expect(error instanceof SigningError && error.code).toBe('sign/timestamp');
    expect(error.message).toBe('segl/tidsstempel: tidsstemplet fra http://127.0.0.1:1/tsa kunne ikke hentes');
  });

  it('keeps a template mistake’s place, and anything else is a plain error with its message', () => {
    const template = fromFailure(structuredClone(toFailure(new TemplateError('template/syntax', 'templates/hsa.md.hbs', 3, 7, 'fejl'))));
    expect(template).toBeInstanceOf(TemplateError);
    expect(template).toMatchObject({ file: 'templates/hsa.md.hbs', line: 3, column: 7, message: 'fejl' });
    const other = fromFailure(structuredClone(toFailure(new RangeError('noget andet'))));
    expect(other).not.toBeInstanceOf(SigningError);
    expect(other.message).toBe('noget andet');
  });
});
