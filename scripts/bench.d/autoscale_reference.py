#!/usr/bin/env python3
"""The autoscaling loops of `capplan-bench hpa-year` and `threshold-year`, in pure Python: the
reference for issue 6's benchmark (CapPlan >= 100x faster) and a second implementation of the
same semantics, so the printed figures must agree exactly.

Usage: autoscale_reference.py hpa-year | threshold-year | day [DAYS]

  hpa-year        the Kubernetes HPA (autoscaling/v2, default behavior) on utilisation, target
                  70%, min 2, max 100, sync 15 s, readiness 45 s, over the year trace at 15 s.
  threshold-year  the threshold policy (75%/30%, x1.5/x0.75, cooldowns 5/15 min, min 2, max 100,
                  readiness 120 s) over the same trace held to 1-minute steps (every 4th sample).
  day             the threshold policy and the HPA (ready at once, and after 60 s) on the
                  24-hour pattern of sessions/autoscale-day (the unit tests' figures).

Same semantics, written independently where it matters: the stabilization windows here are the
controller's own rule (records with time > now - W, kept in monotonic deques), where CapPlan
counts syncs in fixed blocks; the rate limits scan the controller's event list; scoring is per
step, where CapPlan scores runs of unchanged replicas. Floating-point operations are the same,
in the same order, so the figures match to the last printed digit.

The year trace (DAYS = 365 unless given): 15 s steps from midnight;
  D(t) = diurnal(t) * week(t) * (0.8 + 0.4 U1) * burst
  diurnal(t) = 20 + (200 - 20) * (1 - cos(2 pi (t - 4 h) / 24 h)) / 2     (trough 04:00, peak 16:00)
  week(t) = 0.7 on days 5 and 6 of each week, else 1
  burst: when U2 < 1/2880 a 40-step (10-minute) burst of x2.5 starts (unless one is running)
U1, U2 are SplitMix64(2024).unit() draws, in that order, every step. Capacity 10 rps per replica,
$3.20 per replica-hour, 1 GPU per replica; scored at target utilisation 0.7, maximum 1.0.

Figures go to stdout (the same lines capplan-bench prints); the loop's compute seconds (not the
trace generation) go to stderr's last line.
"""
import math
import sys
import time
from collections import deque

MASK = (1 << 64) - 1
CEILING = 2147483647.0  # ReplicaCount.ceiling: the API's int32


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def unit(self):
        return (self.next() >> 11) * 2.0 ** -53


def diurnal(t, peak, trough):
    c = math.cos(2 * math.pi * (t - 14400) / 86400)
    return trough + (peak - trough) * (1 - c) / 2


def year_trace(days):
    step = 15.0
    n = days * 86400 // 15
    rng = SplitMix64(2024)
    values = [0.0] * n
    burst = 0
    for i in range(n):
        t = 0 + i * step
        base = diurnal(t, 200.0, 20.0)
        week = 0.7 if (i * 15 // 86400) % 7 >= 5 else 1.0
        noise = 0.8 + 0.4 * rng.unit()
        u2 = rng.unit()  # drawn every step, burst or not
        if burst == 0 and u2 < 1 / 2880:
            burst = 40
        factor = 2.5 if burst > 0 else 1.0
        if burst > 0:
            burst -= 1
        values[i] = base * week * noise * factor
    return values


def whole_steps(x):
    """ceil with a relative tolerance of 1e-9 (ReplicaModel.delaySteps, ReplicaCount.needed)."""
    whole = math.floor(x)
    return int(whole) if x - whole <= 1e-9 * max(1.0, whole) else int(whole) + 1


def hpa(values, step, cap, price, gpus, delay, u_target, u_max,
        metric_target, min_r, max_r, sync=15.0,
        up_window=0, up_select="Max", up_policies=(("Percent", 100, 15), ("Pods", 4, 15)), up_tol=0.1,
        down_window=300, down_select="Max", down_policies=(("Percent", 100, 15),), down_tol=0.1):
    """The HPA on the utilisation metric: CapPlan's HPASimulation, line for line (no backlog:
    only the queue-depth metric reads it)."""
    n = len(values)
    sync_steps = round(sync / step)
    delay_steps = whole_steps(delay / step)
    vcap, per_demand = cap * u_max, 1 / (cap * u_target)
    scale, lower, upper = cap * metric_target, 1 - down_tol, 1 + up_tol  # r = D / (R·X·target)
    bounds_count, lower_b, upper_b = -1, 0.0, 0.0
    longest = max([p[2] for p in up_policies] + [p[2] for p in down_policies] + [0])
    allocated = ready = min_r
    starting = deque()  # [first serving step, count], oldest first
    up_q = deque()      # (time, value), values increasing: front = minimum
    down_q = deque()    # (time, value), values decreasing: front = maximum
    events = deque()    # (time, signed change)
    initialized = False
    replica_steps = viol = events_n = churn = 0
    over = unserved = dsum = 0.0
    since = 0

    def record(q, window, keeps_max, value, t):
        if window == 0:
            return
        if keeps_max:
            while q and q[-1][1] <= value:
                q.pop()
        else:
            while q and q[-1][1] >= value:
                q.pop()
        q.append((t, value))

    def net_change(period, now):
        cutoff = now - period
        s = 0
        for k in range(len(events) - 1, -1, -1):
            if events[k][0] > cutoff:
                s += events[k][1]
            else:
                break
        return s

    def up_limit(current, now):
        if up_select == "Disabled":
            return current
        take_min = up_select == "Min"
        result = None
        for kind, value, period in up_policies:
            start = current - net_change(period, now)
            proposed = start + value if kind == "Pods" else math.ceil(min(max(start * (1 + value / 100), 0.0), CEILING))
            result = proposed if result is None else (min(result, proposed) if take_min else max(result, proposed))
        return result

    def down_limit(current, now):
        if down_select == "Disabled":
            return current
        take_max = down_select == "Min"
        result = None
        for kind, value, period in down_policies:
            start = current - net_change(period, now)
            proposed = start - value if kind == "Pods" else int(max(min(start * (1 - value / 100), CEILING), -CEILING))
            result = proposed if result is None else (max(result, proposed) if take_max else min(result, proposed))
        return result

    # What the ready count implies, recomputed when it changes (as CapPlan's AutoscaleMeter does).
    rr = float(ready)
    viol_d, served_d, peak = rr * vcap * (1 + 1e-9), rr * cap, allocated
    start_t = time.perf_counter()
    for i in range(n):
        if starting and starting[0][0] <= i:
            while starting and starting[0][0] <= i:
                ready += starting[0][1]
                starting.popleft()
            rr = float(ready)
            viol_d, served_d = rr * vcap * (1 + 1e-9), rr * cap
        d = values[i]
        # score the step
        replica_steps += allocated
        if d > viol_d:
            viol += 1
        excess = rr - d * per_demand
        if excess > 0:
            over += excess
        if d > served_d:
            unserved += d - served_d
        dsum += d
        since += 1
        if since != sync_steps:
            continue
        mean = dsum if sync_steps == 1 else dsum / sync_steps
        dsum = 0.0
        since = 0
        now = (i + 1) * step
        current = allocated
        # --- one controller sync ---
        if not initialized:
            initialized = True
            record(up_q, up_window, False, current, now)
            record(down_q, down_window, True, current, now)
        cutoff = now - longest
        while events and events[0][0] <= cutoff:
            events.popleft()
        if ready == 0:
            continue  # no metrics: the sync changes nothing
        # q = D/(X·target), the replicas the demand needs (CapPlan's HPAReplicaCalculator):
        # ⌈r·R⌉ = ⌈q⌉, r ≤ 1 ⇔ q ≤ R, r within tolerance ⇔ lower·R ≤ q ≤ upper·R
        q = mean / scale
        needed = math.ceil(min(max(q, 0.0), CEILING))
        if ready == current or not q > ready:
            if bounds_count != ready:
                bounds_count, lower_b, upper_b = ready, lower * ready, upper * ready
            proposal = current if lower_b <= q <= upper_b else needed
        else:
            if bounds_count != current:
                bounds_count, lower_b, upper_b = current, lower * current, upper * current
            if lower_b <= q <= upper_b or q < current:
                proposal = current
            else:
                proposal = max(needed, current)
        cutoff = now - up_window
        while up_q and up_q[0][0] <= cutoff:
            up_q.popleft()
        cutoff = now - down_window
        while down_q and down_q[0][0] <= cutoff:
            down_q.popleft()
        up_rec = min(up_q[0][1], proposal) if up_q else proposal
        down_rec = max(down_q[0][1], proposal) if down_q else proposal
        stabilized = current
        if stabilized < up_rec:
            stabilized = up_rec
        if stabilized > down_rec:
            stabilized = down_rec
        record(up_q, up_window, False, proposal, now)
        record(down_q, down_window, True, proposal, now)
        desired = stabilized
        if desired > current:
            allowed = min(max_r, max(up_limit(current, now), current))
            if desired > allowed:
                desired = allowed
        elif desired < current:
            allowed = max(min_r, min(down_limit(current, now), current))
            if desired < allowed:
                desired = allowed
        if desired == current:
            continue
        events.append((now, desired - current))
        # --- apply from step i + 1 ---
        events_n += 1
        churn += abs(desired - current)
        if desired > current:
            if delay_steps == 0:
                ready += desired - current
            else:
                starting.append([i + 1 + delay_steps, desired - current])
        else:
            remove = current - desired
            while remove > 0 and starting:
                if starting[-1][1] <= remove:
                    remove -= starting[-1][1]
                    starting.pop()
                else:
                    starting[-1][1] -= remove
                    remove = 0
            ready -= remove
        allocated = desired
        rr = float(ready)
        viol_d, served_d, peak = rr * vcap * (1 + 1e-9), rr * cap, max(peak, allocated)
    seconds = time.perf_counter() - start_t
    return figures("hpa", n, step, price, gpus, replica_steps, viol, over, unserved, events_n, churn, peak), seconds


def threshold(values, step, cap, price, gpus, delay, u_target, u_max,
              up=0.75, down=0.30, up_factor=1.5, down_factor=0.75, up_cooldown=300.0, down_cooldown=900.0,
              min_r=2, max_r=100, period=60.0):
    """The threshold policy: CapPlan's ThresholdSimulation, line for line."""
    n = len(values)
    period_steps = round(period / step)
    delay_steps = whole_steps(delay / step)
    vcap, per_demand = cap * u_max, 1 / (cap * u_target)
    allocated = ready = min_r
    starting = deque()
    last_change = -math.inf
    replica_steps = viol = events_n = churn = 0
    over = unserved = dsum = 0.0
    since = 0
    rr = float(ready)
    viol_d, served_d, peak = rr * vcap * (1 + 1e-9), rr * cap, allocated
    start_t = time.perf_counter()
    for i in range(n):
        if starting and starting[0][0] <= i:
            while starting and starting[0][0] <= i:
                ready += starting[0][1]
                starting.popleft()
            rr = float(ready)
            viol_d, served_d = rr * vcap * (1 + 1e-9), rr * cap
        d = values[i]
        replicas = allocated
        replica_steps += replicas
        if d > viol_d:
            viol += 1
        excess = rr - d * per_demand
        if excess > 0:
            over += excess
        if d > served_d:
            unserved += d - served_d
        dsum += d
        since += 1
        if since != period_steps:
            continue
        mean = dsum if period_steps == 1 else dsum / period_steps
        dsum = 0.0
        since = 0
        now = (i + 1) * step
        u = mean / (replicas * cap)
        elapsed = now - last_change
        nxt = replicas
        if u > up:
            if elapsed >= up_cooldown:
                nxt = int(min(replicas * up_factor, CEILING))  # int(), no +1
        elif u < down:
            if elapsed >= down_cooldown:
                nxt = int(min(replicas * down_factor, CEILING))
        nxt = min(max(nxt, min_r), max_r)
        if nxt == replicas:
            continue
        last_change = now
        events_n += 1
        churn += abs(nxt - replicas)
        if nxt > replicas:
            if delay_steps == 0:
                ready += nxt - replicas
            else:
                starting.append([i + 1 + delay_steps, nxt - replicas])
        else:
            remove = replicas - nxt
            while remove > 0 and starting:
                if starting[-1][1] <= remove:
                    remove -= starting[-1][1]
                    starting.pop()
                else:
                    starting[-1][1] -= remove
                    remove = 0
            ready -= remove
        allocated = nxt
        rr = float(ready)
        viol_d, served_d, peak = rr * vcap * (1 + 1e-9), rr * cap, max(peak, allocated)
    seconds = time.perf_counter() - start_t
    return figures("threshold", n, step, price, gpus, replica_steps, viol, over, unserved, events_n, churn, peak), seconds


def figures(policy, n, step, price, gpus, replica_steps, viol, over, unserved, events_n, churn, peak):
    replica_hours = replica_steps * step / 3600
    return "\n".join([
        f"policy {policy} steps {n}",
        f"cost {replica_hours * price:.6f}",
        f"replica_hours {replica_hours:.6f}",
        f"sla_violation_minutes {viol * step / 60:.6f}",
        f"overprovisioned_gpu_hours {over * gpus * step / 3600:.6f}",
        f"unserved_requests {unserved * step:.6f}",
        f"events {events_n} churn {churn} peak {peak}",
    ])


DAY = [20, 15, 12, 10, 8, 12, 25, 40, 70, 95, 120, 140, 160, 180, 200, 185, 170, 150, 120, 100, 80, 60, 40, 25]


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    days = int(sys.argv[2]) if len(sys.argv) > 2 else 365
    if mode == "hpa-year":
        values = year_trace(days)
        text, seconds = hpa(values, 15.0, 10.0, 3.2, 1.0, 45.0, 0.7, 1.0, metric_target=0.7, min_r=2, max_r=100)
    elif mode == "threshold-year":
        values = year_trace(days)[::4]
        text, seconds = threshold(values, 60.0, 10.0, 3.2, 1.0, 120.0, 0.7, 1.0)
    elif mode == "day":
        # The hourly staircase at 1 minute (threshold) and at 15 s (HPA), target 1.0, no delay.
        minute = [float(DAY[i // 60]) for i in range(1440)]
        quarter = [float(DAY[i // 240]) for i in range(5760)]
        text = threshold(minute, 60.0, 10.0, 3.2, 1.0, 0.0, 1.0, 1.0)[0]
        text += "\n" + hpa(quarter, 15.0, 10.0, 3.2, 1.0, 0.0, 1.0, 1.0, metric_target=0.7, min_r=1, max_r=40)[0]
        text += "\n" + hpa(quarter, 15.0, 10.0, 3.2, 1.0, 60.0, 1.0, 1.0, metric_target=0.7, min_r=1, max_r=40)[0]
        seconds = 0.0
    else:
        sys.exit("usage: autoscale_reference.py hpa-year | threshold-year | day [DAYS]")
    print(text)
    print(seconds, file=sys.stderr)


if __name__ == "__main__":
    main()
