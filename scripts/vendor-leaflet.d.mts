/** Path of packages/core/src/results/vendor/leaflet.ts. */
export const VENDOR_MODULE: string;
/** The text that module must have for the installed leaflet package. */
export function leafletModuleText(): string;
