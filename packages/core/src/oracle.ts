// @landwatch/core/oracle — test and benchmark oracles, never loaded by the Lambda bundles or the CLI:
// the GeographicLib geodesic area that the official area is checked against.
export { geodesicAreaM2 } from './area/geodesic-area.ts';
