"""HDF5 appends with h5py, as the baseline for plenum-bench's `hdf5`: the same values, the same
chunked, shuffled, deflate-4 dataset, grown and written one block of CHUNK values at a time.

Usage: python3 append_h5py.py [VALUES] [CHUNK]
"""
import os
import sys
import tempfile
import time

import h5py
import numpy as np

count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
chunk = int(sys.argv[2]) if len(sys.argv) > 2 else 1024
path = os.path.join(tempfile.gettempdir(), f"plenum-bench-h5py-{os.getpid()}.h5")
start = time.perf_counter()
with h5py.File(path, "w") as f:
    dataset = f.create_dataset("values", shape=(0,), maxshape=(None,), chunks=(chunk,), dtype="f8",
                               shuffle=True, compression="gzip", compression_opts=4)
    for begin in range(0, count, chunk):
        i = np.arange(begin, min(begin + chunk, count), dtype=np.int64)
        block = 25.0 + 5.0 * np.sin(i * 0.001) + ((i * 7919) % 1000) * 1e-4
        dataset.resize((begin + len(block),))
        dataset[begin:] = block
elapsed = time.perf_counter() - start
os.unlink(path)
print(f"hdf5    h5py   values={count} chunk={chunk}  {elapsed:.3f} s  {count * 8 / 1e6 / elapsed:.1f} MB/s")
