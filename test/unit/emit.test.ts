/**
 * Emitter edge cases that the golden fixtures do not show: what is printed for content models that
 * match nothing, and documentation that would break a comment.
 */
import { describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.js';
import { reader, SCHEMA_DIR, xsd } from '../support/xsd.js';

function emit(body: string): string {
  const r = generate([{ name: 'e', entries: [`${SCHEMA_DIR}/main.xsd`] }], reader({ 'main.xsd': xsd(body) }));
  return r.files.find((f) => f.path === 'e/main.ts')!.content;
}

describe('emitted code', () => {
  it('a choice without branches: no value fits (never), and an empty descriptor list', () => {
    const text = emit('<xs:complexType name="U"><xs:choice/></xs:complexType>');
    expect(text).toContain('export type U = never;');
    expect(text).toContain("export const U = complex('U', elements(choice([])));");
  });

  it('an optional choice without branches contributes nothing', () => {
    const text = emit('<xs:complexType name="T"><xs:sequence><xs:element name="a" type="xs:int"/><xs:choice minOccurs="0"/></xs:sequence></xs:complexType>');
    expect(text).toContain("export const T = complex('T', elements(el('a', 'a', () => xs.int)));");
    expect(text).toMatch(/export type T = \{\n[^}]*readonly a: number;\n\};/);
  });

  it('documentation containing */ does not end the comment early', () => {
    const text = emit(`
<xs:complexType name="D"><xs:annotation><xs:documentation>Ends */ here</xs:documentation></xs:annotation>
  <xs:sequence><xs:element name="e" type="xs:string"><xs:annotation><xs:documentation>e */ x</xs:documentation></xs:annotation></xs:element></xs:sequence>
</xs:complexType>
<xs:element name="d" type="D"><xs:annotation><xs:documentation>d */ y</xs:documentation></xs:annotation></xs:element>`);
    for (const doc of ['Ends *\\/ here', 'e *\\/ x', 'd *\\/ y']) expect(text).toContain(doc);
    // every comment opened is closed exactly once, at its end
    const comments = text.match(/\/\*\*[\s\S]*?\*\//g) ?? [];
    for (const c of comments) expect(c.slice(3, -2)).not.toContain('*/');
    expect(text.replace(/\/\*\*[\s\S]*?\*\//g, '')).not.toContain('*/');
  });
});
