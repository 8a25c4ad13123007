// The plan of one patch of change pieces: a small rotated grid of irregular cells (a field block, a hamlet, a
// hillside) partitioned into pieces — single cells, dominoes, L-shapes, two-part pieces — with some holes
// (filled by an enclave piece, owned as an island by another piece, or left empty), the scenario of every piece
// and how permanent farmland covers the patch. Pure function of (seed, patch index, slot): cheap to recompute,
// so nothing per piece is kept in memory between passes.
import { Rng, Stream } from './random.ts';
import { ENCLAVE_SCENARIOS, THEME_SCENARIOS, type SettlementPlace, type Theme } from './scenarios.ts';

/** Where a patch may lie: a disc inside its layout slot. */
export interface PatchSlot {
  cx: number;
  cy: number;
  /** Radius everything of the patch (pieces and its farmland polygons) must stay within, metres. */
  radius: number;
}

/** How permanent farmland covers a patch. */
export type FarmlandCover = 'none' | 'cover' | 'split' | 'partial';

export interface PatchFrame {
  /** Centre of the grid in the plane. */
  cx: number;
  cy: number;
  /** Rotation of the grid, radians. */
  rotation: number;
  cols: number;
  rows: number;
  /** Mean cell size, metres. */
  cell: number;
  /** Column widths and row heights, metres (they vary ±25 % around `cell`). */
  colWidths: number[];
  rowHeights: number[];
}

export interface PiecePlan {
  /** Grid cells (col + row × cols) that make up the piece; empty for an enclave piece. */
  cells: number[];
  /** Cell of this piece that has a hole, or −1. */
  holeCell: number;
  /** Holes of other pieces' cells that this piece owns as extra parts (a multipolygon). */
  islandCells: number[];
  /** The cell whose hole this piece fills exactly (an enclave piece), or −1. */
  enclaveOf: number;
  /** Index into SCENARIOS. */
  scenario: number;
}

export interface PatchPlan {
  index: number;
  theme: Theme;
  place: SettlementPlace;
  frame: PatchFrame;
  pieces: PiecePlan[];
  farmland: FarmlandCover;
  /** For 'split': the column boundary (1..cols−1) between the two farmland polygons. */
  farmlandSplit: number;
}

/** Cell-size range (metres) and farmland cover weights per theme. */
const THEME_SHAPE: Record<Theme, { cell: [number, number]; farmland: readonly (readonly [FarmlandCover, number])[] }> = {
  farmland: { cell: [40, 220], farmland: [['none', 6], ['cover', 64], ['split', 18], ['partial', 12]] },
  mixed: { cell: [30, 180], farmland: [['none', 15], ['cover', 55], ['partial', 30]] },
  village: { cell: [22, 90], farmland: [['none', 15], ['cover', 50], ['partial', 35]] },
  forest: { cell: [60, 260], farmland: [['none', 40], ['cover', 35], ['partial', 25]] },
  urban: { cell: [25, 120], farmland: [['none', 1]] },
};

/** Smallest mean cell size, metres (cells vary ±25 %, so pieces stay ≥ 20 m across). */
const MIN_CELL = 27;
/** Largest mean cell size of a two- or three-cell piece, and of a two-part piece (pieces stay ≤ 400 m across). */
const MAX_MERGED_CELL = 150;
const MAX_TWO_PART_CELL = 100;
/** Smallest cell dimension (metres) that may hold a hole (a hole is ≥ 20 m across). */
const MIN_HOLE_CELL = 62;
/** Farmland polygons reach this many cells beyond the grid (margin + lobes). */
const FARMLAND_REACH = 1.0;

/**
 * Plans patch `index`. On a hill (under a red line) only a farmland-theme patch gets permanent farmland, and inside
 * an urban development boundary none does (三区三线 keep them apart).
 */
export function planPatch(seed: number, index: number, slot: PatchSlot, theme: Theme, place: SettlementPlace, onHill = false): PatchPlan {
  const rng = Rng.of(seed, Stream.patchPlan, index);
  const shape = THEME_SHAPE[theme];
  const drawn = rng.weighted(shape.farmland);
  const farmland = (onHill && theme !== 'farmland') || place !== 'rural' ? 'none' : drawn;
  const reach = farmland === 'none' ? 0.15 : FARMLAND_REACH;
  let cols = rng.int(2, 7);
  let rows = rng.int(2, 7);
  const wanted = Math.exp(rng.range(Math.log(shape.cell[0]), Math.log(shape.cell[1])));
  let relW: number[] = [];
  let relH: number[] = [];
  let cell = 0;
  for (;;) {
    relW = Array.from({ length: cols }, () => rng.range(0.75, 1.25));
    relH = Array.from({ length: rows }, () => rng.range(0.75, 1.25));
    const extent = Math.hypot(sum(relW) + 2 * reach, sum(relH) + 2 * reach);
    const fit = (2 * slot.radius) / extent;
    cell = Math.min(wanted, fit);
    if (cell >= MIN_CELL || (cols === 2 && rows === 2)) break;
    if (cols >= rows) cols--;
    else rows--;
  }
  const colWidths = relW.map((w) => w * cell);
  const rowHeights = relH.map((h) => h * cell);
  const contentRadius = 0.5 * Math.hypot(sum(colWidths) + 2 * reach * cell, sum(rowHeights) + 2 * reach * cell);
  const slack = Math.max(0, slot.radius - contentRadius);
  const angle = rng.range(0, 2 * Math.PI);
  const dist = slack * Math.sqrt(rng.next());
  const frame: PatchFrame = {
    cx: slot.cx + dist * Math.cos(angle),
    cy: slot.cy + dist * Math.sin(angle),
    rotation: rng.range(0, Math.PI),
    cols,
    rows,
    cell,
    colWidths,
    rowHeights,
  };
  const pieces = partition(rng, frame, THEME_SCENARIOS[theme]);
  const farmlandSplit = farmland === 'split' ? (cols >= 3 ? rng.int(1, cols - 1) : 1) : 0;
  return { index, theme, place, frame, pieces, farmland: farmland === 'split' && cols < 2 ? 'cover' : farmland, farmlandSplit };
}

function partition(rng: Rng, frame: PatchFrame, scenarios: readonly (readonly [number, number])[]): PiecePlan[] {
  const { cols, rows } = frame;
  const owner = new Int32Array(cols * rows).fill(-1);
  const free = (c: number, r: number) => c < cols && r < rows && owner[c + r * cols] < 0;
  const pieces: PiecePlan[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (!free(c, r)) continue;
      const cells = [c + r * cols];
      const roll = rng.next();
      const merge = frame.cell <= MAX_MERGED_CELL;
      if (roll < 0.22 && merge && free(c + 1, r)) cells.push(c + 1 + r * cols);
      else if (roll < 0.32 && merge && free(c, r + 1)) cells.push(c + (r + 1) * cols);
      else if (roll < 0.37 && merge && free(c + 1, r) && free(c + 1, r + 1)) cells.push(c + 1 + r * cols, c + 1 + (r + 1) * cols);
      else if (roll < 0.41 && frame.cell <= MAX_TWO_PART_CELL && free(c + 2, r)) cells.push(c + 2 + r * cols); // split by a road
      const id = pieces.length;
      for (const cell of cells) owner[cell] = id;
      const piece: PiecePlan = { cells, holeCell: -1, islandCells: [], enclaveOf: -1, scenario: rng.weighted(scenarios) };
      pieces.push(piece);
      const connected = !(cells.length === 2 && cells[1] - cells[0] === 2);
      if (connected && cells.length <= 2 && rng.chance(0.12) && minCellSide(frame, cells[0]) >= MIN_HOLE_CELL) {
        piece.holeCell = cells[0];
        const fate = rng.next();
        if (fate < 0.5) {
          pieces.push({ cells: [], holeCell: -1, islandCells: [], enclaveOf: cells[0], scenario: rng.weighted(ENCLAVE_SCENARIOS) });
        } else if (fate < 0.75 && merge) {
          // The neighbour to the left or below owns the hole's filling as a second part (≤ 60 vertices in all).
          const neighbour = c > 0 ? owner[c - 1 + r * cols] : r > 0 ? owner[c + (r - 1) * cols] : -1;
          const other = neighbour >= 0 ? pieces[neighbour] : undefined;
          if (other && other.cells.length === 1 && other.islandCells.length === 0) other.islandCells.push(cells[0]);
        }
      }
    }
  }
  return pieces;
}

function minCellSide(frame: PatchFrame, cell: number): number {
  return Math.min(frame.colWidths[cell % frame.cols], frame.rowHeights[Math.floor(cell / frame.cols)]);
}

function sum(values: number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/** True for a piece made of one cell with no hole and no island: the kind that may be given invalid geometry. */
export function isSimplePiece(piece: PiecePlan): boolean {
  return piece.cells.length === 1 && piece.holeCell < 0 && piece.islandCells.length === 0;
}
