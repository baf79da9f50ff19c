#!/usr/bin/env python3
"""Prints a checksum-valid GitHub classic token (`ghp_` + 30 base62 + their CRC32 in 6 base62
digits) drawn from SEED, so the tests build tokens at run time and none sits in the repo.
Usage: github-token.py SEED"""
import random, sys, zlib

digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
rng = random.Random(int(sys.argv[1]))
body = "".join(rng.choice(digits) for _ in range(30))
crc, check = zlib.crc32(body.encode()), ""
for _ in range(6):
    crc, digit = divmod(crc, 62)
    check = digits[digit] + check
print("gh" + "p_" + body + check)
