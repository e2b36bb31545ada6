#!/usr/bin/env python3
"""The M/M/c FCFS queue of `capplan-bench simulate-mmc`, in SimPy: the reference for
issue 6's benchmark (capplan >= 30x faster).

M/M/50 at rho = 0.9 (lambda = 45/s, E[S] = 1 s), 1M requests by default (argv[1]), seed 7,
the first 10% dropped as warm-up. Prints mean wait, p99 wait (nearest rank) and P(wait) with
the event count on stdout, and the compute seconds (simulation plus statistics, not the
import) on stderr's last line.
"""
import math
import random
import sys
import time

import simpy

LAMBDA, MEAN_SERVICE, SERVERS = 45.0, 1.0, 50


def main():
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    warm_up = requests // 10
    rng = random.Random(7)
    start = time.perf_counter()

    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=SERVERS)
    waits = []

    def request(index):
        arrived = env.now
        service = rng.expovariate(1 / MEAN_SERVICE)
        with servers.request() as slot:
            yield slot
            if index >= warm_up:
                waits.append(env.now - arrived)
            yield env.timeout(service)

    def arrivals():
        for index in range(requests):
            env.process(request(index))
            if index + 1 < requests:
                yield env.timeout(rng.expovariate(LAMBDA))

    env.process(arrivals())
    env.run()

    n = len(waits)
    mean = sum(waits) / n
    p99 = sorted(waits)[max(1, math.ceil(0.99 * n)) - 1]
    p_wait = sum(1 for w in waits if w > 0) / n
    seconds = time.perf_counter() - start
    print(f"requests {requests} measured {n}")
    print(f"mean_wait_s {mean} wait_p99_s {p99} p_wait {p_wait}")
    print(f"events_per_s (2 per request) {2 * requests / seconds:.0f}")
    print(seconds, file=sys.stderr)


if __name__ == "__main__":
    main()
