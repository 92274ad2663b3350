/*
 * The charts' type: DejaVu Sans outlines (fontData.ts, generated at build time from the font) and
 * the measuring the layout needs. Sizes are in pixels per em; widths are proportional, without
 * kerning, so a text's width is the sum of its glyphs' advances.
 */
import { ASCENT, CAP_HEIGHT, DESCENT, FALLBACK, GLYPHS, UNITS_PER_EM, type EncodedGlyph } from './fontData';

/** The family the outlines come from, first in the SVG's font stack. */
export const FONT_STACK = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', Geneva, sans-serif";

/** Heights as fractions of the font size. */
export const CAP = CAP_HEIGHT / UNITS_PER_EM;
export const ASCENDER = ASCENT / UNITS_PER_EM;
export const DESCENDER = DESCENT / UNITS_PER_EM;
/** Baseline-to-baseline distance of wrapped lines, per pixel of font size. */
export const LINE_SPACING = 1.25;

/**
 * One glyph's outline in em units (y up), as flat commands: 0 = move to (x, y), 1 = line to (x, y),
 * 2 = quadratic to (cx, cy, x, y). Contours are closed implicitly.
 */
export interface Glyph {
	advance: number;
	path: Float32Array;
	fallback: boolean;
}

const VLQ = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Base-64 digit values by character code. */
const DIGIT = new Int8Array(128);
for (let i = 0; i < VLQ.length; i++) DIGIT[VLQ.charCodeAt(i)] = i;

function decode([advance, commands, digits]: EncodedGlyph, fallback: boolean): Glyph {
	const numbers: number[] = [];
	let value = 0;
	let shift = 0;
	for (let i = 0; i < digits.length; i++) {
		const digit = DIGIT[digits.charCodeAt(i)];
		value |= (digit & 31) << shift;
		shift += 5;
		if (digit & 32) continue;
		numbers.push(value & 1 ? -(value >>> 1) : value >>> 1);
		value = 0;
		shift = 0;
	}
	const path: number[] = [];
	let [x, y, n] = [0, 0, 0];
	const point = () => {
		x += numbers[n++];
		y += numbers[n++];
		path.push(x / UNITS_PER_EM, y / UNITS_PER_EM);
	};
	for (const command of commands) {
		path.push(command === 'M' ? 0 : command === 'L' ? 1 : 2);
		point();
		if (command === 'Q') point();
	}
	return { advance: advance / UNITS_PER_EM, path: new Float32Array(path), fallback };
}

/**
 * Glyphs are decoded on first use (a chart uses a few dozen of the 333): constant font data, the
 * same for every execution, so keeping it is no state.
 */
const DECODED = new Map<number, Glyph>();
const MISSING = decode(FALLBACK, true);

/** The font's own glyph of `char`; only the font's characters are ever kept. */
function decoded(char: string): Glyph | undefined {
	const code = char.codePointAt(0)!;
	if (char.length > 2 || !GLYPHS[code]) return undefined;
	let glyph = DECODED.get(code);
	if (!glyph) DECODED.set(code, (glyph = decode(GLYPHS[code], false)));
	return glyph;
}

/** Characters the font data lacks, drawn as a close one it has. */
const LOOK_ALIKES: Record<string, string> = { '\u2010': '-', '\u2011': '-', '\u2032': "'", '\u2033': '"', '\u202f': ' ', '\u2009': ' ' };

/** The glyph of one character: its own, a look-alike, its letter without accent, or the fallback box. */
export function glyphOf(char: string): Glyph {
	const direct = decoded(char) ?? (LOOK_ALIKES[char] ? decoded(LOOK_ALIKES[char]) : undefined);
	if (direct) return direct;
	const base = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
	return (base.length === 1 && decoded(base)) || MISSING;
}

/** Width in pixels of `text` at font size `size`. */
export function textWidth(text: string, size: number): number {
	let width = 0;
	for (const char of text) width += glyphOf(char).advance;
	return width * size;
}

/** `text` cut to fit `maxWidth` pixels at `size`, ending in '…' when cut. */
export function fitText(text: string, size: number, maxWidth: number): string {
	if (textWidth(text, size) <= maxWidth) return text;
	const chars = [...text];
	const room = maxWidth - textWidth('\u2026', size);
	let width = 0;
	let kept = 0;
	while (kept < chars.length && width + glyphOf(chars[kept]).advance * size <= room) width += glyphOf(chars[kept++]).advance * size;
	if (room < 0) return '';
	return `${chars.slice(0, kept).join('').trimEnd()}\u2026`;
}

/**
 * `text` broken at spaces into lines of at most `maxWidth` pixels, at most `maxLines` of them; a
 * word longer than a line is cut, and so is the last line when text is left over.
 */
export function wrapText(text: string, size: number, maxWidth: number, maxLines: number): string[] {
	const words = text.split(/\s+/).filter(Boolean);
	const lines: string[] = [];
	let line = '';
	for (let i = 0; i < words.length; i++) {
		const candidate = line ? `${line} ${words[i]}` : words[i];
		if (textWidth(candidate, size) <= maxWidth || !line) {
			line = candidate;
			continue;
		}
		if (lines.length === maxLines - 1) {
			line = `${line} ${words.slice(i).join(' ')}`;
			break;
		}
		lines.push(fitText(line, size, maxWidth));
		line = words[i];
	}
	if (line) lines.push(fitText(line, size, maxWidth));
	return lines;
}
