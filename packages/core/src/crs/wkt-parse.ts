// A small, bounded parser for WKT1 and WKT2 CRS strings (OGC 01-009 / ISO 19162): enough structure to find
// authority codes, datum, ellipsoid, projection method and parameters. Input comes from uploaded file headers,
// so sizes and nesting are bounded and every failure is a WktSyntaxError.

/** `KEYWORD[child, …]`; a bare word such as `NORTH` is a node without children. */
export interface WktNode {
  keyword: string;
  children: WktValue[];
}
export type WktValue = WktNode | string | number;

/** Longest WKT accepted (real CRS WKT is 0.5–3 KB). */
const MAX_WKT_CHARS = 65_536;
const MAX_DEPTH = 32;

export class WktSyntaxError extends Error {
  override readonly name = 'WktSyntaxError';
  constructor(
    message: string,
    /** Character offset where parsing failed. */
    readonly offset: number,
  ) {
    super(`${message} at character ${offset}`);
  }
}

/** Parses one WKT element (trailing whitespace allowed). */
export function parseWkt(text: string): WktNode {
  if (text.length > MAX_WKT_CHARS) throw new WktSyntaxError(`WKT longer than ${MAX_WKT_CHARS} characters`, 0);
  const parser = new Parser(text);
  const value = parser.value(0);
  parser.skipSpace();
  if (parser.pos !== text.length) throw new WktSyntaxError('unexpected text after the WKT element', parser.pos);
  if (typeof value !== 'object') throw new WktSyntaxError('expected a WKT keyword', 0);
  return value;
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  value(depth: number): WktValue {
    if (depth > MAX_DEPTH) throw new WktSyntaxError(`WKT nested deeper than ${MAX_DEPTH}`, this.pos);
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === undefined) throw new WktSyntaxError('unexpected end of WKT', this.pos);
    if (ch === '"') return this.quoted();
    if (/[-+.0-9]/.test(ch)) return this.number();
    if (/[A-Za-z_]/.test(ch)) return this.node(depth);
    throw new WktSyntaxError(`unexpected character ${JSON.stringify(ch)}`, this.pos);
  }

  private quoted(): string {
    let out = '';
    this.pos++; // opening quote
    for (;;) {
      const end = this.text.indexOf('"', this.pos);
      if (end < 0) throw new WktSyntaxError('unterminated string', this.pos);
      out += this.text.slice(this.pos, end);
      this.pos = end + 1;
      if (this.text[this.pos] !== '"') return out;
      out += '"'; // "" is an escaped quote
      this.pos++;
    }
  }

  private number(): number {
    const match = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 64));
    if (match === null) throw new WktSyntaxError('malformed number', this.pos);
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private node(depth: number): WktNode {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos, this.pos + 64));
    const keyword = match![0];
    this.pos += keyword.length;
    this.skipSpace();
    const open = this.text[this.pos];
    if (open !== '[' && open !== '(') return { keyword, children: [] };
    const close = open === '[' ? ']' : ')';
    this.pos++;
    const children: WktValue[] = [];
    this.skipSpace();
    if (this.text[this.pos] === close) {
      this.pos++;
      return { keyword, children };
    }
    for (;;) {
      children.push(this.value(depth + 1));
      this.skipSpace();
      const sep = this.text[this.pos];
      this.pos++;
      if (sep === close) return { keyword, children };
      if (sep !== ',') throw new WktSyntaxError(`expected ',' or '${close}'`, this.pos - 1);
    }
  }
}

/** Child nodes with one of these keywords (case-insensitive). */
export function childNodes(node: WktNode, ...keywords: string[]): WktNode[] {
  const wanted = keywords.map((k) => k.toUpperCase());
  return node.children.filter(
    (c): c is WktNode => typeof c === 'object' && wanted.includes(c.keyword.toUpperCase()),
  );
}

export function childNode(node: WktNode, ...keywords: string[]): WktNode | undefined {
  return childNodes(node, ...keywords)[0];
}

/** The first quoted string of a node, usually its name. */
export function nodeName(node: WktNode): string | undefined {
  const first = node.children[0];
  return typeof first === 'string' ? first : undefined;
}

/** The i-th numeric child. */
export function nodeNumber(node: WktNode, index: number): number | undefined {
  let seen = 0;
  for (const c of node.children) {
    if (typeof c !== 'number') continue;
    if (seen === index) return c;
    seen++;
  }
  return undefined;
}

/** AUTHORITY["EPSG","4527"] (WKT1) or ID["EPSG",4527] (WKT2) directly under a node. */
/** WKT2 may list several IDs; an EPSG one is preferred. */
export function nodeAuthority(node: WktNode): { org: string; code: number } | undefined {
  let found: { org: string; code: number } | undefined;
  for (const id of childNodes(node, 'AUTHORITY', 'ID')) {
    const [org, code] = id.children;
    if (typeof org !== 'string') continue;
    const numeric = typeof code === 'number' ? code : typeof code === 'string' ? Number(code.trim()) : NaN;
    if (!Number.isInteger(numeric)) continue;
    if (org.trim().toUpperCase() === 'EPSG') return { org: org.trim(), code: numeric };
    found ??= { org: org.trim(), code: numeric };
  }
  return found;
}
