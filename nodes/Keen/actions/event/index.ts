import type { KeenOperation } from '../types';

export const eventOperations: KeenOperation[] = [];
