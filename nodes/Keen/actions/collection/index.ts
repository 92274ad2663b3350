import type { KeenOperation } from '../types';

export const collectionOperations: KeenOperation[] = [];
