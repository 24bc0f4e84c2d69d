import { useCluster } from '../support/processes.ts';
import { describeReleaseAcrossProcesses } from './release-across-processes.suite.ts';

/** release-across-processes.suite.ts on one redis-server. */
describeReleaseAcrossProcesses(useCluster, { payments: 1000 });
