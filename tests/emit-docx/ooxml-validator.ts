/**
 * Schema validation of a .docx by Microsoft's Open XML SDK validator (compiled to WebAssembly in
 * @ooxml-tools/validate): every part against the ECMA-376 / ISO 29500 schemas and the SDK's
 * semantic constraints for one Office version, with markup compatibility (mc:Ignorable) handled
 * as Word handles it. This is the check Word's own »repair« prompt corresponds to most closely
 * without Word itself; a plain XSD pass would reject the w14/w15 extensions Word expects.
 */
import validate, { type OfficeVersion } from '@ooxml-tools/validate';

/** Each schema error as `part xpath  id: description`, in the validator's order; [] when valid. */
export async function ooxmlErrors(bytes: Uint8Array, version: OfficeVersion = 'Microsoft365'): Promise<string[]> {
  const results = await validate(bytes, 'docx', version);
  return results.map((r) => `${r.path.partUri} ${r.path.xpath}  ${r.id}: ${r.description}`);
}
