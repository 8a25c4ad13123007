// A coarse longitude/latitude envelope of China (mainland, Hainan, Taiwan and the South China Sea islands),
// used to catch coordinates in the wrong CRS or with swapped axes. Not a boundary test.

/** Degrees east / north. */
const CHINA_ENVELOPE = { minLon: 73, maxLon: 136, minLat: 3, maxLat: 54 } as const;

/** Whether a CGCS2000/WGS 84 longitude/latitude lies in the envelope 73–136°E, 3–54°N (bounds included). */
export function isInChinaLonLat(lon: number, lat: number): boolean {
  return (
    lon >= CHINA_ENVELOPE.minLon &&
    lon <= CHINA_ENVELOPE.maxLon &&
    lat >= CHINA_ENVELOPE.minLat &&
    lat <= CHINA_ENVELOPE.maxLat
  );
}
