/** The text of packages/pipeline/src/run-document-validators.ts as the script would write it now. */
export function runDocumentValidatorsSource(): string;
