import type { KeenOperation } from '../types';
import { render } from './render.operation';

export const chartOperations: KeenOperation[] = [render];
