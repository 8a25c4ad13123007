// The `format` checks of the run documents' schemas, called by the generated validators
// (run-document-validators.ts). ajv-formats is not installed: RFC 3339 date-time with a time zone is all we use.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

export const runDocumentFormats: Readonly<Record<string, (value: string) => boolean>> = {
  'date-time': (value) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)),
};
