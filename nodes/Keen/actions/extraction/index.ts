import type { KeenOperation } from '../types';

export const extractionOperations: KeenOperation[] = [];
