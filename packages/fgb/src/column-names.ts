// Column names a FlatGeobuf layer may carry. The format allows any UTF-8 name, and real deliveries use Chinese ones
// (备注, 面积_亩); what cannot be right is an empty name, a control character (a damaged .dbf field table reads as
// bytes such as U+0010), or two columns GDAL cannot tell apart (its names are case-insensitive).

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** What is wrong with a layer's column names, one line per problem (empty: nothing). */
export function columnNameProblems(names: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (name === '') problems.push(`column ${i + 1} has no name`);
    else if (CONTROL.test(name)) problems.push(`column ${i + 1} name ${JSON.stringify(name)} holds control characters (a damaged field table?)`);
    const key = name.toLowerCase();
    if (seen.has(key)) problems.push(`column ${name} is declared twice (names are case-insensitive in GDAL)`);
    seen.add(key);
  });
  return problems;
}
