// report.html in a real browser (Debian's Chromium, headless, offline): the map initialises, every case is on it,
// the worst cases are numbered and listed first, a click on the map or a search shows a case's details — at desktop
// and at phone width. Skipped only when /usr/bin/chromium is missing (.ci/run installs it).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAndRun, type CountyRun } from '../support/county-run.ts';
import { leafletModuleText, VENDOR_MODULE } from '../../scripts/vendor-leaflet.mjs';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`report-browser: ${CHROMIUM} is missing, the browser tests are skipped (apt-get install chromium)`);

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOTS = process.env.LANDWATCH_SCREENSHOTS; // a directory: write the README's screenshots there

let run: CountyRun;
let context: BrowserContext;
let profile = '';
let alert: any;
const requested: string[] = [];

beforeAll(async () => {
  run = await generateAndRun('lw-report-', 800);
  alert = JSON.parse(readFileSync(join(run.resultDir, 'alert.json'), 'utf8'));
  if (!hasChromium) return;
  profile = mkdtempSync(join(tmpdir(), 'lw-chromium-'));
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS });
  // offline: anything but the file itself is refused and recorded
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    requested.push(url);
    return route.abort();
  });
});

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  rmSync(run.work, { recursive: true, force: true });
});

async function open(width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.setViewportSize({ width, height });
  await page.goto(pathToFileURL(join(run.resultDir, 'report.html')).href);
  await page.waitForSelector('html[data-map-ready="true"]', { timeout: 30_000 });
  return { page, errors };
}

const detailsField = (page: Page, field: string) => page.locator(`#lw-details tr[data-field="${field}"] td`).innerText();

describe.skipIf(!hasChromium)('report.html in Chromium', () => {
  for (const [name, width, height] of [['desktop', 1280, 860], ['phone', 390, 844]] as const) {
    it(`${name} (${width} px): the map initialises offline with every case, a scale bar, the worst cases numbered and listed first`, async () => {
      const { page, errors } = await open(width, height);
      expect(await page.locator('.leaflet-container').count()).toBe(1);
      expect(await page.locator('.leaflet-control-scale-line').innerText()).toMatch(/^\d+ (m|km)$/);
      expect(await page.locator('.leaflet-control-layers').count()).toBe(1);
      const cases = await page.evaluate(() => (globalThis as any).landwatchReport.cases);
      const summary = JSON.parse(readFileSync(join(run.resultDir, 'summary.json'), 'utf8'));
      expect(cases).toBe(summary.totals.count);
      // every case is a dot on the canvas at the initial zoom
      const dots = await page.evaluate(() => {
        let count = 0;
        (globalThis as any).landwatchReport.map.eachLayer((l: any) => { if (l.lwCase !== undefined && l.getRadius) count++; });
        return count;
      });
      expect(dots).toBe(summary.totals.count);
      expect(await page.locator('.leaflet-marker-pane .lw-num').count()).toBe(20);
      const firstListed = await page.locator('#lw-list li').first().innerText();
      expect(firstListed).toContain(alert.worst[0].alertId);
      expect(await page.locator('#lw-list li').count()).toBe(20);
      // readable at this width: nothing wider than the screen
      expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(errors).toEqual([]);
      await page.close();
    });

    it(`${name}: a click on a case on the map and a search by piece id show its details`, async () => {
      const { page, errors } = await open(width, height);
      // click the numbered marker of the worst case
      await page.locator('.leaflet-marker-pane .lw-num', { hasText: /^1$/ }).click();
      expect(await page.locator('#lw-details').getAttribute('data-alert-id')).toBe(alert.worst[0].alertId);
      expect(await detailsField(page, 'pieceId')).toBe(alert.worst[0].pieceId);
      expect(await detailsField(page, 'severity')).toBe('极严重');
      // the case register's view: a first run's case is waiting to be checked, not overdue, not a repeat
      expect([await detailsField(page, 'status'), await detailsField(page, 'overdue'), await detailsField(page, 'repeat')]).toEqual(['待核查', '否', '否']);
      if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `report-${name}.png`) });
      const w = alert.worst[0];
      expect(await detailsField(page, 'landUse')).toBe(`${w.before.code} ${w.before.name} → ${w.after.code} ${w.after.name}`);
      expect(await detailsField(page, 'rules')).not.toMatch(/DESIGN|DOMAIN|§|未核实|S-LL/);
      // a case that is not numbered: zoom to it and click its shape on the canvas
      const other = alert.worst[5];
      const point = await page.evaluate((id: string) => {
        const r = (globalThis as any).landwatchReport;
        r.search(id);
        const idx = Number((globalThis as any).document.querySelector('#lw-list button[data-case]')!.getAttribute('data-case'));
        return idx;
      }, other.pieceId);
      expect(await page.locator('#lw-list-title').innerText()).toBe('找到 1 个图斑');
      await page.locator('#lw-list button').first().click();
      expect(await page.locator('#lw-details').getAttribute('data-alert-id')).toBe(other.alertId);
      expect(point).toBeGreaterThanOrEqual(0);
      // the search box, as a user types it, by village name
      const title = `找到 ${await page.evaluate((v: string) => (globalThis as any).landwatchReport.search(v).length, w.village)} 个图斑`;
      await page.evaluate(() => (globalThis as any).landwatchReport.search('')); // back to the worst-case list
      await page.fill('#lw-search', w.village);
      await page.waitForFunction((t: string) => (globalThis as any).document.querySelector('#lw-list-title')!.textContent === t, title);
      const listed = await page.locator('#lw-list li').allInnerTexts();
      expect(listed.length).toBeGreaterThan(0);
      for (const text of listed) expect(text).toContain(w.village);
      // a click on the map canvas, on a case's centre at shape zoom
      await page.evaluate(([lat, lon]) => (globalThis as any).landwatchReport.map.setView([lat, lon], 17, { animate: false }), [other.lonLat[1], other.lonLat[0]]);
      await page.locator('#lw-details').evaluate((el) => el.setAttribute('data-alert-id', ''));
      const xy = await page.evaluate(([lat, lon]) => {
        const m = (globalThis as any).landwatchReport.map;
        const p = m.latLngToContainerPoint([lat, lon]);
        const r = m.getContainer().getBoundingClientRect();
        return { x: r.left + p.x, y: r.top + p.y };
      }, [other.lonLat[1], other.lonLat[0]]);
      await page.mouse.click(xy.x, xy.y);
      expect(await page.locator('#lw-details').getAttribute('data-alert-id')).toBe(other.alertId);
      // at this zoom: shapes instead of dots, and the permanent-farmland overlaps (shown by default) as dashed shapes
      const drawn = await page.evaluate(() => {
        const counts = { shapes: 0, dots: 0, overlaps: 0 };
        (globalThis as any).landwatchReport.map.eachLayer((l: any) => {
          if (l.lwCase !== undefined && l.getLatLngs) counts.shapes++;
          else if (l.lwCase !== undefined && l.getRadius) counts.dots++;
          else if (l.getLatLngs && l.options.dashArray) counts.overlaps++;
        });
        return counts;
      });
      expect(drawn.dots).toBe(0);
      expect(drawn.shapes).toBeGreaterThan(0);
      if (other.permanentFarmlandMu > 0) expect(drawn.overlaps).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('asked for nothing over the network', () => {
    expect(requested).toEqual([]);
  });
});

describe('report.html assets', () => {
  it('inlines the installed Leaflet (the vendored module is regenerated from it)', () => {
    expect(readFileSync(VENDOR_MODULE, 'utf8')).toBe(leafletModuleText());
  });
});
