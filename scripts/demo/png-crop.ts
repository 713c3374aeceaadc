import type { BrowserContext } from 'playwright-core';

export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Crops a PNG by showing it at 1:1 in a scratch tab and screenshotting a clip of it: the project has
 * no image library, and the browser is already running. The tab is closed before returning.
 */
export async function cropPng(context: BrowserContext, png: Buffer, rect: CropRect): Promise<Buffer> {
  const page = await context.newPage();
  try {
    const width = Math.ceil(rect.x + rect.width);
    const height = Math.ceil(rect.y + rect.height);
    await page.setViewportSize({ width: Math.max(width, 1), height: Math.max(height, 1) });
    await page.setContent(
      `<body style="margin:0"><img id="shot" style="display:block;image-rendering:pixelated" src="data:image/png;base64,${png.toString('base64')}"></body>`,
    );
    await page.locator('#shot').evaluate((img: HTMLImageElement) => img.decode());
    return await page.screenshot({ clip: { x: rect.x, y: rect.y, width: rect.width, height: rect.height } });
  } finally {
    await page.close();
  }
}
