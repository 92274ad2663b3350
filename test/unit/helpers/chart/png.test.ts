import { inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';

import { adler32, crc32, encodePng, zlibCompress } from '../../../../nodes/Keen/helpers/chart/png';

const bytes = (text: string) => new TextEncoder().encode(text);

/** A deterministic mix of runs and noise, as chart pixels are. */
function sample(length: number): Uint8Array {
	const data = new Uint8Array(length);
	let seed = 7;
	for (let i = 0; i < length; i++) {
		seed = (seed * 1103515245 + 12345) & 0x7fffffff;
		data[i] = i % 5000 < 3000 ? 255 : seed & 0xff;
	}
	return data;
}

describe('PNG encoder', () => {
	it('computes CRC-32 and Adler-32 check values', () => {
		expect(crc32(bytes('123456789'))).toBe(0xcbf43926);
		expect(crc32(bytes('IEND'))).toBe(0xae426082);
		expect(adler32(bytes('Wikipedia'))).toBe(0x11e60398);
		expect(adler32(new Uint8Array(100_000).fill(255))).toBe(adler32(new Uint8Array(100_000).fill(255)));
	});

	it.each([
		['empty', new Uint8Array(0)],
		['one byte', Uint8Array.of(42)],
		['a long flat run', new Uint8Array(300_000).fill(9)],
		['runs and noise', sample(200_000)],
	])('writes a zlib stream node:zlib inflates back to the input: %s', (_, data) => {
		const compressed = zlibCompress(data);
		expect(Buffer.compare(inflateSync(Buffer.from(compressed)), Buffer.from(data))).toBe(0);
	});

	it('compresses flat colour (real deflate, not stored blocks)', () => {
		expect(zlibCompress(new Uint8Array(960_000).fill(255)).length).toBeLessThan(10_000);
		expect(zlibCompress(sample(200_000)).length).toBeLessThan(120_000);
	});

	it('encodes RGB pixels that pngjs decodes to the same colours and size', () => {
		const [width, height] = [37, 23];
		const rgb = new Uint8Array(width * height * 3);
		for (let i = 0; i < rgb.length; i++) rgb[i] = (i * 31 + Math.floor(i / 97)) & 0xff;
		const image = PNG.sync.read(Buffer.from(encodePng(width, height, rgb)));
		expect([image.width, image.height]).toEqual([width, height]);
		for (let p = 0; p < width * height; p++) {
			expect([image.data[p * 4], image.data[p * 4 + 1], image.data[p * 4 + 2], image.data[p * 4 + 3]]).toEqual([rgb[p * 3], rgb[p * 3 + 1], rgb[p * 3 + 2], 255]);
		}
	});
});
