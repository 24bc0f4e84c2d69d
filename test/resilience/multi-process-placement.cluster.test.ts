import { useStackOnRedisCluster } from '../support/processes.ts';
import { describeOnRedisCluster } from '../support/redis-cluster.ts';
import { multiProcessPlacementTests } from './multi-process-placement.suite.ts';

/** multi-process-placement.suite.ts on a Redis Cluster of 3 masters with a replica each (REDIS_CLUSTER_NODES). */
describeOnRedisCluster('placement across three gateway processes on a Redis Cluster', () => {
  multiProcessPlacementTests(useStackOnRedisCluster({ gateways: 3 }));
});
