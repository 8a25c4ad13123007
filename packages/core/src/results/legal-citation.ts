// What a citation shows to people: the legal sources only (document numbers and titles, articles). Our rule table
// also keeps working notes beside the sources — pointers into our own documents, provincial shorthand, remarks on
// what is still to be checked — which must never reach a report or an alert that looks official.
// (patterns with Chinese in them are made from strings, which the bundler writes as ASCII escapes: scripts/build.mjs)
const INTERNAL = new RegExp(['docs/', 'DESIGN', 'DOMAIN', '§', 'S-LL', '未核实', '未完全核实', '未检索', '国家层面', '国家规则原文'].join('|'));
const SEPARATORS = new RegExp('[;；]');
const PARENTHESISED = new RegExp('[（(][^（()）]*[）)]', 'g');

/** The legal part of a rule's citation: internal parts and parenthesised internal remarks removed. */
export function legalCitation(citation: string): string {
  return citation
    .split(SEPARATORS)
    .map((part) => part.replace(PARENTHESISED, (paren) => (INTERNAL.test(paren) ? '' : paren)).trim())
    .filter((part) => part !== '' && !INTERNAL.test(part))
    .join('；');
}
