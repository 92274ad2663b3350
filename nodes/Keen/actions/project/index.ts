import type { KeenOperation } from '../types';

export const projectOperations: KeenOperation[] = [];
