import type { KeenOperation } from '../types';

export const queryOperations: KeenOperation[] = [];
