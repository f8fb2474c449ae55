#!/usr/bin/env python3
"""Draws an iso20k audit sample again, independently of the program (docs/metrics.md, "Audit
samples"): the seed is the first 8 bytes (big-endian) of SHA-256 of
"<organisation>|<period>|<population>" (or "<N>|<population>" with --sample-seed N); SplitMix64
gives the numbers; a Fisher-Yates shuffle over the ids sorted by byte order, stopped after k
steps, gives the sample in draw order.

  redraw.py SEED_TEXT K ID...    print the sample of K drawn from the ids, one a line
  redraw.py --size N             print the sample size for a population of N
"""
import hashlib
import sys

MASK = (1 << 64) - 1


def seed_of(text):
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def below(state, m):
    limit = MASK - MASK % m  # as in C: UINT64_MAX - UINT64_MAX % m
    while True:
        state, x = splitmix64(state)
        if x < limit:
            return state, x % m


def draw(seed, n, k):
    perm = list(range(n))
    state = seed
    out = []
    for i in range(min(k, n)):
        state, r = below(state, n - i)
        j = i + r
        perm[i], perm[j] = perm[j], perm[i]
        out.append(perm[i])
    return out


def size(n):
    return n if n <= 10 else min(25, 10 + (n - 10 + 9) // 10)


def sample(seed_text, ids, k=None):
    ids = sorted(set(ids), key=lambda s: s.encode("utf-8"))
    k = size(len(ids)) if k is None else k
    return [ids[i] for i in draw(seed_of(seed_text), len(ids), k)]


if __name__ == "__main__":
    if sys.argv[1] == "--size":
        print(size(int(sys.argv[2])))
    else:
        for i in sample(sys.argv[1], sys.argv[3:], int(sys.argv[2])):
            print(i)
