#!/usr/bin/env python3
"""Summary of an async-profiler collapsed-stacks file (bench/asprof.sh): where the samples (or bytes) go.

  bench/collapsed-top.py OUT.collapsed [--top 30] [--frames 'UsageLedger.write,SendDynamicProcessor']

By library: each sample goes to the library of its deepest non-JDK frame (so JDK code called by Camel counts as
Camel), '/kernel' when the leaf is a kernel frame. Then the top self frames, and inclusive shares of --frames.
"""
import argparse, collections

LIBS = [('app/router4ai', 'ours'), ('org/apache/camel', 'camel'), ('org/eclipse/jetty', 'jetty'),
        ('org/apache/hc', 'httpclient5'), ('org/h2', 'h2'), ('com/fasterxml', 'jackson'),
        ('io/micrometer', 'micrometer'), ('org/springframework', 'spring'), ('ch/qos', 'logback'),
        ('com/zaxxer', 'hikari'), ('com/github/benmanes', 'caffeine'), ('io/lettuce', 'lettuce'),
        ('io/netty', 'netty'), ('org/postgresql', 'pgjdbc')]
ap = argparse.ArgumentParser()
ap.add_argument('file'); ap.add_argument('--top', type=int, default=30); ap.add_argument('--frames', default='')
a = ap.parse_args()

def library(frames):
    kernel = '/kernel' if frames[-1].endswith('_[k]') else ''
    for frame in reversed(frames):
        for prefix, name in LIBS:
            if frame.startswith(prefix):
                return name + kernel
    if any('CompileBroker' in f or 'C2Compiler' in f for f in frames):
        return 'jit'
    if any('::' in f and ('G1' in f or 'GC' in f) for f in frames):
        return 'gc'
    return 'jdk/other' + kernel

total = 0
by_lib, by_self, inclusive = collections.Counter(), collections.Counter(), collections.Counter()
wanted = [f for f in a.frames.split(',') if f]
for line in open(a.file):
    stack, n = line.rstrip('\n').rsplit(' ', 1)
    n = int(n); total += n
    frames = stack.split(';')
    by_lib[library(frames)] += n
    by_self[frames[-1]] += n
    for f in wanted:
        if f in stack:
            inclusive[f] += n
print(f'total {total:,}')
print('-- by library (deepest non-JDK frame)')
for k, v in by_lib.most_common(): print(f'{100 * v / total:6.2f}%  {k}')
print(f'-- top {a.top} self')
for k, v in by_self.most_common(a.top): print(f'{100 * v / total:6.2f}%  {k}')
if wanted:
    print('-- inclusive')
    for f in wanted: print(f'{100 * inclusive[f] / total:6.2f}%  {f}')
