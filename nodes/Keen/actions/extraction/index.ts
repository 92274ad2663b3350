import type { KeenOperation } from '../types';
import { extract } from './extract.operation';
import { extractCsv } from './extractCsv.operation';

export const extractionOperations: KeenOperation[] = [extract, extractCsv];
