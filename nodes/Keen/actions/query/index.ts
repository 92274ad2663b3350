import type { KeenOperation } from '../types';
import { funnel } from './funnel.operation';
import { listResources } from './listResources.operation';
import { multiAnalysis } from './multiAnalysis.operation';
import { simpleAnalysisOperations } from './simpleAnalyses';

export const queryOperations: KeenOperation[] = [...simpleAnalysisOperations, funnel, multiAnalysis, listResources];
