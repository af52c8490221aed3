"""Writes the job traces of the workload benchmarks (docs/performance.md), deterministic (seed 7).

    python3 Benchmarks/make-trace.py OUT.csv [--jobs 100000] [--days 30] [--stretch 1]

The default is the 30-day trace of 100,000 jobs for a 10,000-accelerator hall (1,250 eight-GPU
servers). Arrivals are Poisson over `--days` (100,000 in 30 days: mean 25.9 s apart); servers per
job are 2^k with k uniform in 0..5 (1 to 32 servers, mean 10.5); 80 % are batch jobs with
lognormal run times (median 30 min, sigma 0.8), 20 % training jobs whose work takes a lognormal
time (median 36 min, sigma 0.8) at 40 % MFU on H100s (989 TFLOPS BF16). Offered load: 100,000 x
10.5 servers x 0.72 h = 83 % of the hall's 900,000 server-hours in 30 days.

`--stretch F` multiplies run times and work by F: the year benchmark stretches the 100,000 jobs
over 365 days with F = 365/30, which keeps the offered load at 83 %. Scaling `--jobs` with the
hall (10,000 for 1,000 accelerators, 1,000,000 for 100,000) keeps it for other sizes.
"""
import argparse
import math
import random

parser = argparse.ArgumentParser()
parser.add_argument("path")
parser.add_argument("--jobs", type=int, default=100_000)
parser.add_argument("--days", type=float, default=30)
parser.add_argument("--stretch", type=float, default=1)
args = parser.parse_args()

random.seed(7)
horizon = args.days * 86_400
mean_gap = horizon / args.jobs
with open(args.path, "w") as f:
    f.write("submit,duration,work,servers,kind,name\n")
    t = 0.0
    for i in range(args.jobs):
        t += random.expovariate(1 / mean_gap)
        servers = 2 ** random.randint(0, 5)
        hours = math.exp(random.gauss(math.log(0.5), 0.8)) * args.stretch
        if random.random() < 0.8:
            f.write(f"{t:.3f},{hours * 3600:.1f},,{servers},batch,b{i}\n")
        else:
            train_hours = math.exp(random.gauss(math.log(0.6), 0.8)) * args.stretch
            work = train_hours * 3600 * servers * 8 * 989.4e12 * 0.4
            f.write(f"{t:.3f},,{work:.6e},{servers},training,t{i}\n")
