"""The hold model of plenum-bench's `engine` in SimPy 4: `entities` processes, each waiting an
exponential delay (mean 1 s) and firing again, until `events` timeouts have fired.

Usage: python3 hold_simpy.py [EVENTS] [ENTITIES]
"""
import random
import sys
import time

import simpy

events = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
entities = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000
random.seed(1)
env = simpy.Environment()
fired = 0


def entity(env):
    global fired
    while True:
        yield env.timeout(random.expovariate(1.0))
        fired += 1


for _ in range(entities):
    env.process(entity(env))
start = time.perf_counter()
# Each timeout is one event (plus the process resumption SimPy schedules for it).
while fired < events:
    env.step()
elapsed = time.perf_counter() - start
print(f"engine  simpy  events={events} entities={entities}  {elapsed:.3f} s  {events / elapsed:.0f} events/s  "
      f"(final time {env.now:.1f} s)")
