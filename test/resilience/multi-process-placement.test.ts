import { describe } from 'vitest';
import { useCluster } from '../support/processes.ts';
import { multiProcessPlacementTests } from './multi-process-placement.suite.ts';

/** multi-process-placement.suite.ts on one redis-server. */
describe('placement across three gateway processes', () => {
  multiProcessPlacementTests(useCluster({ gateways: 3 }));
});
