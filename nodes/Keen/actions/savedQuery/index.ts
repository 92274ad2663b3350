import type { KeenOperation } from '../types';

export const savedQueryOperations: KeenOperation[] = [];
