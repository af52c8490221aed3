"""Writes the 30-day job trace of the workload benchmark (docs/performance.md): 100,000 jobs on
a 10,000-accelerator hall (1,250 eight-GPU servers), deterministic (seed 7).

    python3 Benchmarks/make-trace.py Benchmarks/scenarios/trace-100k.csv

Arrivals are Poisson over 30 days (mean 25.9 s apart); servers per job are 2^k with k uniform
in 0..5 (1 to 32 servers, mean 10.5); 80 % are batch jobs with lognormal run times (median 30 min,
σ 0.8), 20 % training jobs whose work takes a lognormal time (median 36 min, σ 0.8) at 40 % MFU on
H100s (989 TFLOPS BF16). Offered load: 100,000 × 10.5 servers × 0.72 h ≈ 83 % of the hall's
900,000 server-hours.
"""
import math
import random
import sys

random.seed(7)
path = sys.argv[1]
jobs, horizon = 100_000, 30 * 86_400
mean_gap = horizon / jobs
with open(path, "w") as f:
    f.write("submit,duration,work,servers,kind,name\n")
    t = 0.0
    for i in range(jobs):
        t += random.expovariate(1 / mean_gap)
        servers = 2 ** random.randint(0, 5)
        hours = math.exp(random.gauss(math.log(0.5), 0.8))
        if random.random() < 0.8:
            f.write(f"{t:.3f},{hours * 3600:.1f},,{servers},batch,b{i}\n")
        else:
            train_hours = math.exp(random.gauss(math.log(0.6), 0.8))
            work = train_hours * 3600 * servers * 8 * 989.4e12 * 0.4
            f.write(f"{t:.3f},,{work:.6e},{servers},training,t{i}\n")
