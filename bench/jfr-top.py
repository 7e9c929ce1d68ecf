#!/usr/bin/env python3
"""Top hot spots of a JFR recording, from `jfr print` text (streamed, any size).

  bench/jfr-top.py router.jfr [--top 25] [--filter app.router4ai]

Prints, for CPU samples (jdk.ExecutionSample) and allocation samples (jdk.ObjectAllocationSample, weighted
by bytes): the top self frames, the top frames inclusive (a frame counted once per sample wherever it is in
the stack), and the top "first frame of interest" (the first frame matching --filter, default our code and
Camel/Spring/Tomcat entry points), which says which of our steps a cost belongs to.
"""
import argparse, collections, os, re, subprocess, sys

ap = argparse.ArgumentParser()
ap.add_argument('jfr'); ap.add_argument('--top', type=int, default=25)
ap.add_argument('--filter', default='app.router4ai.')
ap.add_argument('--depth', type=int, default=96)
a = ap.parse_args()
jfr = os.path.join(os.environ.get('JAVA_HOME', '/usr/lib/jvm/temurin-25-jdk-amd64'), 'bin', 'jfr')
frame_re = re.compile(r'^\s+([\w.$<>/\[\]]+\([^)]*\))')

def samples(event):
    p = subprocess.Popen([jfr, 'print', '--stack-depth', str(a.depth), '--events', event, a.jfr],
                         stdout=subprocess.PIPE, text=True, bufsize=1 << 20)
    stack, weight, in_stack = [], 1, False
    for line in p.stdout:
        if line.startswith(event) or line.startswith('jdk.'):
            stack, weight, in_stack = [], 1, False
        elif 'weight = ' in line:
            m = re.search(r'weight = ([\d.]+)\s*(\w*)', line)
            if m:
                v = float(m.group(1)); unit = m.group(2)
                weight = v * {'bytes': 1, 'kB': 1e3, 'MB': 1e6, 'GB': 1e9}.get(unit, 1)
        elif 'stackTrace = [' in line:
            in_stack = True
        elif in_stack and line.strip() == ']':
            in_stack = False
            yield stack, weight
        elif in_stack:
            m = frame_re.match(line)
            if m:
                stack.append(m.group(1))
    p.wait()

def report(event, title, unit, weighted=True):
    self_c, incl, first = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for stack, w in samples(event):
        if not stack:
            continue
        w = w if weighted else 1
        total += w
        self_c[stack[0]] += w
        for f in set(stack):
            incl[f] += w
        mine = next((f for f in stack if f.startswith(a.filter)), '(none of ' + a.filter + ')')
        first[mine] += w
    print(f'\n== {title}: {total:,.0f} {unit}')
    for name, c in (('self', self_c), ('inclusive', incl), (f'first {a.filter} frame', first)):
        print(f'-- top {a.top} {name}')
        for f, w in c.most_common(a.top):
            print(f'{100 * w / max(total, 1):6.2f}%  {f}')

report('jdk.ExecutionSample', 'CPU samples', 'samples')
# Weighted by bytes (what GC pressure is made of; a few samples can carry huge weights), then by count.
report('jdk.ObjectAllocationSample', 'allocation samples, weighted by bytes', 'bytes')
report('jdk.ObjectAllocationSample', 'allocation samples, by count', 'samples', weighted=False)
