import type { KeenOperation } from '../types';

export const accessKeyOperations: KeenOperation[] = [];
