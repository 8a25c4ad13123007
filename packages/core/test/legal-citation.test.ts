// Citations shown to people keep the legal sources and drop the working notes kept beside them.
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.ts';
import { legalCitation } from '../src/results/legal-citation.ts';

describe('legalCitation', () => {
  it.each([
    ['a source alone', '自然资发〔2021〕166号 第一条', '自然资发〔2021〕166号 第一条'],
    ['a pointer into our documents', '《中华人民共和国土地管理法》(2019修正) 第四十四条; DESIGN §4', '《中华人民共和国土地管理法》(2019修正) 第四十四条'],
    ['provincial shorthand', '《中华人民共和国土地管理法》(2019修正) 第三十条; S-LL 第五章第二节', '《中华人民共和国土地管理法》(2019修正) 第三十条'],
    ['a remark in brackets', '自然资规〔2021〕2号（临时用地管理，文号见 DOMAIN §6.1，未完全核实）', '自然资规〔2021〕2号'],
    ['a legal remark in brackets stays', '自然资发〔2021〕166号 ("五不得")', '自然资发〔2021〕166号 ("五不得")'],
    ['only notes', 'DESIGN §4; DOMAIN §6.6 (国家规则原文未检索到)', ''],
    ['two sources', '国办发〔2020〕44号; 《土地管理法实施条例》(2021) 第十二条', '国办发〔2020〕44号；《土地管理法实施条例》(2021) 第十二条'],
  ])('%s', (_name, citation, shown) => {
    expect(legalCitation(citation)).toBe(shown);
  });

  it('leaves no internal note in any rule citation', () => {
    for (const r of RULES) expect(legalCitation(r.citation), r.id).not.toMatch(/DESIGN|DOMAIN|§|S-LL|未核实|未检索/);
  });
});
