import type { PlaceOrderMutation } from '@headless-payment-gateway/client';
import { expect, it } from 'vitest';
import { type CartId, cartTag } from '../../src/domain/ids.ts';
import { anonymousId, initializeInput, SKU } from '../support/fixtures.ts';
import { type Answer, type GatewayProcess, sleep, timed, useStackOnRedisCluster } from '../support/processes.ts';
import { describeOnRedisCluster } from '../support/redis-cluster.ts';
import type { RedisServer } from '../support/redis-server.ts';

/**
 * The point 4, "failover without a second order": three gateway processes on a Redis
 * Cluster (3 masters with a replica each), ten payments whose keys live on one master, sixty
 * concurrent placeOrder per payment over the three processes with POST /checkout delayed, and that
 * master SIGKILLed while the placements are in flight. Its replica takes over. The durable writes
 * (WAIT behind the compare-and-set that takes a payment and behind the "checkout sent" mark) must
 * keep every write a placement acted on, so no retry ever sends a second checkout.
 */

type PlaceResult = PlaceOrderMutation['placeOrder'];

const PAYMENTS = 10;
const CONCURRENT_PER_PAYMENT = 60;
/**
 * How long POST /checkout takes (uniform): the shorter ones answer while the master is down (their
 * ORDER_PLACED goes to the outbox), the longer ones outlast the failover, so they are still in
 * flight when the retries reach the new master. Below GLUE_TIMEOUT_MS (see the stack).
 */
const CHECKOUT_DELAY_MS = { min: 1000, max: 5000 };
const CHECKOUT_DELAY = `${CHECKOUT_DELAY_MS.min}-${CHECKOUT_DELAY_MS.max} ms`;
/** The bursts start this far apart, so the kill finds payments in every phase of a placement. */
const BURST_SPACING_MS = 150;
/** The master dies once this many checkouts reached the sandbox (mid-way)... */
const KILL_AFTER_CHECKOUTS = PAYMENTS / 2;
/** ...or this long after the first burst, whichever comes first (a stranded replica lets none through). */
const KILL_AT_LATEST_MS = PAYMENTS * BURST_SPACING_MS + 1000;
/** Short, so the replica takes over within a few seconds (its election starts after this). */
const NODE_TIMEOUT_MS = 1000;

interface Payment {
  readonly anon: string;
  readonly cartId: string;
  readonly id: string;
}

describeOnRedisCluster('a Redis Cluster master failing over under concurrent placements', () => {
  const stack = useStackOnRedisCluster({
    gateways: 3,
    redisCluster: { nodeTimeoutMs: NODE_TIMEOUT_MS },
    // Glue may take longer than the delayed checkout; the lease must exceed that by 5 s (config.ts).
    env: { GLUE_TIMEOUT_MS: '8000', PLACEMENT_LEASE_MS: '13000' },
  });

  const slotOfCart = (cartId: string) => stack.redisCluster.slotOf(`{${cartTag(cartId as CartId)}}`);

  /**
   * Guest carts until PAYMENTS of them have their slot (the hash tag of every key of the cart and
   * its payments, src/adapters/store/keys.ts) on one master with a replica; those and that master.
   */
  async function cartsOnOneMaster(): Promise<{ master: RedisServer; carts: { anon: string; cartId: string }[] }> {
    const byMaster = new Map<RedisServer, { anon: string; cartId: string }[]>();
    const hasReplica = new Map<RedisServer, boolean>();
    for (;;) {
      const anon = anonymousId();
      const cartId = await stack.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
      const master = await stack.redisCluster.masterOf(await slotOfCart(cartId));
      if (!hasReplica.has(master)) hasReplica.set(master, (await stack.redisCluster.replicasOf(master)).length > 0);
      if (!hasReplica.get(master)) continue;
      const carts = [...(byMaster.get(master) ?? []), { anon, cartId }];
      byMaster.set(master, carts);
      if (carts.length === PAYMENTS) return { master, carts };
    }
  }

  function gateway(index: number): GatewayProcess {
    const gateways = stack.gateways;
    return gateways[index % gateways.length] as GatewayProcess;
  }

  function place(payment: Payment, index: number): Promise<Answer<PlaceResult>> {
    const via = gateway(index);
    return timed(
      via.name,
      async () =>
        (await via.guestSdk(payment.anon).PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder,
    );
  }

  function tally(answers: readonly Answer<PlaceResult>[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const { result, failureStatus } of answers) {
      const key = result ? result.__typename : `no typed result (HTTP ${failureStatus})`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  /** Why an answer breaks the rule (the payment's one order, or a typed retryable error); '' when it does not. */
  function violation(answer: Answer<PlaceResult>, orderReference: string | undefined): string {
    const { result } = answer;
    if (!result) return `${answer.gateway}: no typed result: HTTP ${answer.failureStatus} ${answer.failure}`;
    if (result.__typename === 'PlaceOrderSuccess') {
      return result.order.orderReference === orderReference
        ? ''
        : `${answer.gateway}: order ${result.order.orderReference}, the sandbox holds ${orderReference}`;
    }
    return result.retryable ? '' : `${answer.gateway}: not retryable: ${JSON.stringify(result)}`;
  }

  /** A number from an INFO section, e.g. `master_repl_offset`. */
  async function infoField(node: RedisServer, field: string): Promise<number> {
    const text = String(await stack.redisCluster.command(node, 'INFO', 'replication'));
    return Number(new RegExp(`(?:^|\\n)${field}:(-?\\d+)`).exec(text)?.[1] ?? Number.NaN);
  }

  /**
   * The scenario, then everything checked; answers what broke (empty when nothing did).
   * `strandReplica`: before the placements, the replica loses its link to the master and cannot
   * resync, so it takes over without whatever the master wrote since.
   */
  async function failover(label: string, options: { readonly strandReplica: boolean }): Promise<string[]> {
    const { redisCluster, control } = stack;
    await control.clearFaults();
    const { master, carts } = await cartsOnOneMaster();
    const payments: Payment[] = await Promise.all(
      carts.map(async ({ anon, cartId }, index) => {
        const init = (
          await gateway(index)
            .guestSdk(anon)
            .InitializePreOrderPayment({ input: initializeInput(cartId) })
        ).initializePreOrderPayment;
        if (init.__typename !== 'InitializePreOrderPaymentSuccess')
          throw new Error(`initialization failed: ${JSON.stringify(init)}`);
        return { anon, cartId, id: init.preOrderPayment.id };
      }),
    );
    const [replica, ...others] = await redisCluster.replicasOf(master);
    if (!replica || others.length > 0) throw new Error(`expected one replica of :${master.port}`);
    const slots = [...new Set(await Promise.all(carts.map(({ cartId }) => slotOfCart(cartId))))];
    if (options.strandReplica) {
      // The payments are on the replica already: what it lacks at the kill is only what the placements wrote.
      const initialized = await infoField(master, 'master_repl_offset');
      while ((await infoField(replica, 'slave_repl_offset')) < initialized) await sleep(20);
      // The master refuses the commands a replica resyncs with, then drops its link: the replica
      // keeps trying and stays behind (as a partitioned or overloaded one does), yet it is still
      // recent enough to be elected when the master dies.
      await redisCluster.command(master, 'ACL', 'SETUSER', 'default', '-psync', '-sync', '-replconf');
      await redisCluster.command(master, 'CLIENT', 'KILL', 'TYPE', 'replica');
      while (!/master_link_status:down/.test(String(await redisCluster.command(replica, 'INFO', 'replication'))))
        await sleep(20);
    }

    // The stack is shared by this file's tests: count only what this scenario adds.
    const checkoutsBefore = await control.count('POST /checkout');
    const keptInOutbox = () =>
      stack.gateways.flatMap((via) => via.lines).filter((line) => line.includes('kept in the outbox')).length;
    const keptBefore = keptInOutbox();
    await control.fault({
      endpoint: 'POST /checkout',
      mode: 'delay',
      delayMs: CHECKOUT_DELAY_MS.min,
      delayMaxMs: CHECKOUT_DELAY_MS.max,
      count: 1_000_000,
    });
    const started = performance.now();
    let burstsDoneAt = Number.NaN;
    const bursts = Promise.all(
      payments.map((payment, paymentIndex) =>
        sleep(paymentIndex * BURST_SPACING_MS).then(() =>
          Promise.all(Array.from({ length: CONCURRENT_PER_PAYMENT }, (_, call) => place(payment, paymentIndex + call))),
        ),
      ),
    ).then((answers) => {
      burstsDoneAt = performance.now();
      return answers;
    });

    while (
      (await control.count('POST /checkout')) - checkoutsBefore < KILL_AFTER_CHECKOUTS &&
      performance.now() - started < KILL_AT_LATEST_MS
    )
      await sleep(20);
    const checkoutsBeforeKill = (await control.count('POST /checkout')) - checkoutsBefore;
    // The replica first: its offset never passes the master's.
    const replicaOffset = await infoField(replica, 'slave_repl_offset');
    const behindBytes = (await infoField(master, 'master_repl_offset')) - replicaOffset;
    await redisCluster.kill(master);
    const killedAt = performance.now();
    // The replica has taken over once a live node names it master of every slot of the payments.
    let promotedAfterMs = Number.NaN;
    for (;;) {
      const serving = await Promise.all(slots.map((slot) => redisCluster.masterOf(slot))).catch(() => []);
      if (serving.length > 0 && serving.every((node) => node === replica)) {
        promotedAfterMs = Math.round(performance.now() - killedAt);
        break;
      }
      if (performance.now() - killedAt > 20_000) throw new Error(`:${replica.port} did not take over within 20 s`);
      await sleep(50);
    }
    await redisCluster.untilHealthy();
    const healthyAfterMs = Math.round(performance.now() - killedAt);

    // Once healed (checkouts sent before the kill may still be in flight, the bursts' callers still
    // waiting): each payment placed again until it answers its order (or something final), as a
    // storefront retries a retryable answer. Checkouts from now on are not delayed.
    await control.clearFaults();
    const retries: Answer<PlaceResult>[][] = payments.map(() => []);
    const retryDeadline = performance.now() + 30_000;
    await Promise.all(
      payments.map(async (payment, paymentIndex) => {
        for (let attempt = 0; performance.now() < retryDeadline; attempt++) {
          const answer = await place(payment, paymentIndex + attempt);
          retries[paymentIndex]?.push(answer);
          if (answer.result?.__typename === 'PlaceOrderSuccess') return;
          if (answer.result && !answer.result.retryable) return;
          await sleep(250);
        }
      }),
    );
    const allPlacedAfterMs = Math.round(performance.now() - killedAt);
    const first = await bursts;

    const orders = await control.orders();
    const problems: string[] = [];
    for (const [index, payment] of payments.entries()) {
      const name = `${label}, payment ${index + 1}`;
      const checkouts = (await control.checkoutsFor(payment.cartId)).length;
      if (checkouts !== 1) problems.push(`${name}: ${checkouts} POST /checkout calls`);
      const own = orders.filter((order) => order.cartId === payment.cartId).map((order) => order.orderReference);
      if (own.length !== 1) problems.push(`${name}: sandbox orders ${JSON.stringify(own)}`);
      const broken = new Map<string, number>();
      for (const answer of [...(first[index] ?? []), ...(retries[index] ?? [])]) {
        const why = violation(answer, own[0]);
        if (why) broken.set(why, (broken.get(why) ?? 0) + 1);
      }
      for (const [why, count] of broken) problems.push(`${name}: ${count} answers: ${why}`);
      if (retries[index]?.at(-1)?.result?.__typename !== 'PlaceOrderSuccess')
        problems.push(`${name}: no order after recovery: ${JSON.stringify(retries[index]?.at(-1))}`);
      // Every process reads the payment from the new master: none is left behind on the dead one.
      for (const via of stack.gateways) {
        const stored = (await via.guestSdk(payment.anon).PreOrderPayment({ id: payment.id })).preOrderPayment;
        if (stored?.status !== 'ORDER_PLACED' || stored.orderReference !== own[0])
          problems.push(
            `${name} via ${via.name}: ${stored?.status} ${stored?.orderReference}, sandbox order ${own[0]}`,
          );
      }
    }
    for (const via of stack.gateways) {
      if (!via.running()) problems.push(`${label}: ${via.name} exited`);
      else if ((await via.readyz()) !== 200) problems.push(`${label}: ${via.name}: /readyz not 200 after recovery`);
    }
    console.log(
      [
        `${label}: ${PAYMENTS} payments x ${CONCURRENT_PER_PAYMENT} concurrent placeOrder over 3 processes (node timeout ${NODE_TIMEOUT_MS} ms, POST /checkout delayed ${CHECKOUT_DELAY}):`,
        `  master :${master.port} SIGKILLed ${Math.round(killedAt - started)} ms after the first burst, ${checkoutsBeforeKill} of ${PAYMENTS} checkouts sent, its replica ${behindBytes} bytes behind`,
        `  replica :${replica.port} took over ${promotedAfterMs} ms after the kill; cluster healthy after ${healthyAfterMs} ms; bursts answered after ${Math.round(burstsDoneAt - killedAt)} ms; all placed after ${allPlacedAfterMs} ms`,
        `  answers to the bursts: ${JSON.stringify(tally(first.flat()))}`,
        `  answers to the retries after it: ${JSON.stringify(tally(retries.flat()))} (per payment ${retries.map((answers) => answers.length).join(', ')})`,
        `  outcomes kept in the outbox: ${keptInOutbox() - keptBefore}; POST /checkout calls: ${(await control.count('POST /checkout')) - checkoutsBefore}`,
      ].join('\n'),
    );
    return problems;
  }

  it(`sends exactly one POST /checkout per payment when the master holding ${PAYMENTS} payments is SIGKILLed during ${CONCURRENT_PER_PAYMENT} concurrent placeOrder each over 3 processes (POST /checkout delayed ${CHECKOUT_DELAY}); every answer is the order or a typed retryable error, and once its replica took over every payment ends ORDER_PLACED`, async () => {
    stack.printLogsOnFailure();
    expect(await failover('failover', { strandReplica: false })).toEqual([]);
  }, 90_000);

  it(`sends exactly one POST /checkout per payment when the replica that takes over had fallen behind its master (the writes it lacks are the placements'): durable writes that were not replicated never let a checkout out`, async () => {
    stack.printLogsOnFailure();
    expect(await failover('failover to a replica left behind', { strandReplica: true })).toEqual([]);
  }, 90_000);
});
