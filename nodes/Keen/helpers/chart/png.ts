/*
 * A small PNG encoder: 8-bit RGB, zlib-format deflate (RFC 1950/1951) with LZ77 matching and the
 * fixed Huffman codes, CRC-32 per chunk and Adler-32 over the image data. Written for the package
 * because shipped code may not import node:zlib.
 */

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

/** CRC-32 (ISO-HDLC, as PNG and zip use it) of `bytes`. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
	let crc = 0xffffffff;
	for (let i = start; i < end; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

/** Adler-32 of `bytes`, the checksum that ends a zlib stream. */
export function adler32(bytes: Uint8Array): number {
	let a = 1;
	let b = 0;
	// 5552 is the most bytes that can be summed before b may overflow 2^32 (zlib's NMAX).
	for (let start = 0; start < bytes.length; start += 5552) {
		const end = Math.min(start + 5552, bytes.length);
		for (let i = start; i < end; i++) {
			a += bytes[i];
			b += a;
		}
		a %= 65521;
		b %= 65521;
	}
	return ((b << 16) | a) >>> 0;
}

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289,
	16385, 24577,
];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

function reverseBits(code: number, length: number): number {
	let reversed = 0;
	for (let i = 0; i < length; i++) reversed = (reversed << 1) | ((code >>> i) & 1);
	return reversed;
}

/** The fixed literal/length code (RFC 1951 §3.2.6), bit-reversed for an LSB-first writer. */
const FIXED_LITERAL = (() => {
	const codes = new Uint16Array(288);
	const lengths = new Uint8Array(288);
	for (let symbol = 0; symbol < 288; symbol++) {
		let code: number;
		let length: number;
		if (symbol < 144) [code, length] = [0x30 + symbol, 8];
		else if (symbol < 256) [code, length] = [0x190 + symbol - 144, 9];
		else if (symbol < 280) [code, length] = [symbol - 256, 7];
		else [code, length] = [0xc0 + symbol - 280, 8];
		codes[symbol] = reverseBits(code, length);
		lengths[symbol] = length;
	}
	return { codes, lengths };
})();
const FIXED_DIST = Uint16Array.from({ length: 30 }, (_, symbol) => reverseBits(symbol, 5));

/** Length 3…258 → its code index (0…28). */
const LENGTH_INDEX = (() => {
	const index = new Uint8Array(259);
	for (let code = 0; code < 29; code++) {
		const top = code === 28 ? 258 : LENGTH_BASE[code] + (1 << LENGTH_EXTRA[code]) - 1;
		for (let length = LENGTH_BASE[code]; length <= top && length <= 258; length++) index[length] = code;
	}
	index[258] = 28;
	return index;
})();

function distIndex(distance: number): number {
	let code = 29;
	while (DIST_BASE[code] > distance) code--;
	return code;
}

class BitWriter {
	private buffer: Uint8Array;
	private length = 0;
	private bits = 0;
	private count = 0;

	constructor(capacity: number) {
		this.buffer = new Uint8Array(Math.max(64, capacity));
	}

	/** Writes the low `n` bits of `value`, least significant first. */
	write(value: number, n: number): void {
		this.bits |= value << this.count;
		this.count += n;
		while (this.count >= 8) {
			if (this.length === this.buffer.length) this.grow();
			this.buffer[this.length++] = this.bits & 0xff;
			this.bits >>>= 8;
			this.count -= 8;
		}
	}

	finish(): Uint8Array {
		if (this.count > 0) this.write(0, 8 - this.count);
		return this.buffer.subarray(0, this.length);
	}

	private grow(): void {
		const bigger = new Uint8Array(this.buffer.length * 2);
		bigger.set(this.buffer);
		this.buffer = bigger;
	}
}

const WINDOW = 32768;
const HASH_BITS = 15;
const MAX_CHAIN = 24;

/** Raw deflate of `data` in one fixed-Huffman block, with greedy LZ77 matching over hash chains. */
export function deflateRaw(data: Uint8Array): Uint8Array {
	const out = new BitWriter(data.length >>> 3);
	out.write(1, 1); // BFINAL
	out.write(1, 2); // BTYPE = 01, fixed Huffman codes
	const { codes, lengths } = FIXED_LITERAL;
	const head = new Int32Array(1 << HASH_BITS).fill(-1);
	const prev = new Int32Array(WINDOW);
	const hashAt = (i: number) => ((data[i] << 10) ^ (data[i + 1] << 5) ^ data[i + 2]) & ((1 << HASH_BITS) - 1);
	const insert = (i: number) => {
		const hash = hashAt(i);
		prev[i & (WINDOW - 1)] = head[hash];
		head[hash] = i;
	};
	const end = data.length;
	let i = 0;
	while (i < end) {
		let bestLength = 0;
		let bestDistance = 0;
		if (i + 2 < end) {
			const limit = Math.min(258, end - i);
			let candidate = head[hashAt(i)];
			for (let chain = 0; candidate >= 0 && i - candidate <= WINDOW && chain < MAX_CHAIN; chain++) {
				if (data[candidate + bestLength] === data[i + bestLength]) {
					let length = 0;
					while (length < limit && data[candidate + length] === data[i + length]) length++;
					if (length > bestLength) {
						bestLength = length;
						bestDistance = i - candidate;
						if (length === limit) break;
					}
				}
				candidate = prev[candidate & (WINDOW - 1)];
			}
			insert(i);
		}
		if (bestLength >= 3) {
			const lengthCode = LENGTH_INDEX[bestLength];
			const symbol = 257 + lengthCode;
			out.write(codes[symbol], lengths[symbol]);
			if (LENGTH_EXTRA[lengthCode]) out.write(bestLength - LENGTH_BASE[lengthCode], LENGTH_EXTRA[lengthCode]);
			const distCode = distIndex(bestDistance);
			out.write(FIXED_DIST[distCode], 5);
			if (DIST_EXTRA[distCode]) out.write(bestDistance - DIST_BASE[distCode], DIST_EXTRA[distCode]);
			// Long runs (flat background) are only partly indexed: matches into them are found from their start.
			const stop = Math.min(i + bestLength, end - 2, i + 32);
			for (let j = i + 1; j < stop; j++) insert(j);
			i += bestLength;
		} else {
			out.write(codes[data[i]], lengths[data[i]]);
			i++;
		}
	}
	out.write(codes[256], lengths[256]); // end of block
	return out.finish();
}

/** A zlib stream (RFC 1950): header, raw deflate, Adler-32. */
export function zlibCompress(data: Uint8Array): Uint8Array {
	const deflated = deflateRaw(data);
	const out = new Uint8Array(deflated.length + 6);
	out[0] = 0x78; // deflate, 32 KB window
	out[1] = 0x01; // no dictionary, fastest level; (0x78 << 8 | 0x01) % 31 === 0
	out.set(deflated, 2);
	const adler = adler32(data);
	new DataView(out.buffer).setUint32(deflated.length + 2, adler);
	return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
	const out = new Uint8Array(12 + data.length);
	const view = new DataView(out.buffer);
	view.setUint32(0, data.length);
	for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
	out.set(data, 8);
	view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
	return out;
}

/** Bytes of a filtered row that are not zero: fewer means longer runs for LZ77 to match. */
function nonZero(bytes: Uint8Array, start: number, end: number): number {
	let count = 0;
	for (let i = start; i < end; i++) if (bytes[i] !== 0) count++;
	return count;
}

/**
 * PNG of an 8-bit RGB image (`rgb` holds width × height × 3 bytes, rows top to bottom). Each row
 * is filtered with Sub (difference to the pixel on its left) or Up (to the pixel above), whichever
 * leaves fewer non-zero bytes: flat colour and repeated rows both become zeros.
 */
export function encodePng(width: number, height: number, rgb: Uint8Array): Uint8Array {
	const stride = width * 3;
	const filtered = new Uint8Array((stride + 1) * height);
	const up = new Uint8Array(stride);
	for (let y = 0; y < height; y++) {
		const row = y * stride;
		const at = y * (stride + 1) + 1;
		for (let x = 0; x < stride; x++) filtered[at + x] = (rgb[row + x] - (x >= 3 ? rgb[row + x - 3] : 0)) & 0xff;
		if (y === 0) {
			filtered[at - 1] = 1;
			continue;
		}
		for (let x = 0; x < stride; x++) up[x] = (rgb[row + x] - rgb[row - stride + x]) & 0xff;
		if (nonZero(up, 0, stride) < nonZero(filtered, at, at + stride)) {
			filtered[at - 1] = 2; // Up
			filtered.set(up, at);
		} else {
			filtered[at - 1] = 1; // Sub
		}
	}
	const header = new Uint8Array(13);
	const view = new DataView(header.buffer);
	view.setUint32(0, width);
	view.setUint32(4, height);
	header[8] = 8; // bit depth
	header[9] = 2; // colour type: RGB
	const parts = [
		Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', zlibCompress(filtered)),
		chunk('IEND', new Uint8Array(0)),
	];
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}
