import { useStackOnRedisCluster } from '../support/processes.ts';
import { describeOnRedisCluster, useRedisCluster } from '../support/redis-cluster.ts';
import { describeReleaseAcrossProcesses } from './release-across-processes.suite.ts';

/** release-across-processes.suite.ts on a Redis Cluster of 3 masters with a replica each (REDIS_CLUSTER_NODES). */
describeOnRedisCluster('on a Redis Cluster', () => {
  // One Redis Cluster for both stacks (each under a key prefix of its own): starting one takes seconds.
  const redisCluster = useRedisCluster();
  describeReleaseAcrossProcesses((options) => useStackOnRedisCluster({ ...options, on: redisCluster }), {
    payments: 1000,
  });
});
