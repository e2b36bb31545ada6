#!/usr/bin/env python3
"""Grammar-aware random statements for capplan, generated from the command registry.

Reads docs/commands.md (written by `capplan --reference` from the registry): every command,
its positionals and options with their value placeholders. Generates statements with valid and
edge values (0, negatives, 1e19, 1e300, 5e-324, NaN, infinity, wrong units) on a session that has
workloads and histories, runs them through the binary in batches with --keep-going, and reports
every statement that crashes the process (a signal: trap, abort, segfault) or runs past the time
limit. Seeded: the same seed gives the same statements.

    python3 Tests/fuzz/statement_fuzz.py .build/release/capplan [--count 20000 | --seconds 600] [--seed 1]
"""
import argparse, os, random, re, shutil, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

PRELUDE = [
    "add workload chat model=llama-3.1-8b gpu=h100 rps=20 in=1000 out=200 sla.ttft=500ms sla.tpot=50ms",
    "add workload api rps=10 per_instance=2rps sla.e2e=2s service_time=100ms",
    "add workload img rps=5 flops=2TFLOP bytes=10GB gpu=l4",
    'load history chat "data/azure_llm_2023_conv_first2000.csv" format=requests',
    "add workload web rps=100 per_instance=10rps",
    'load history web "data/nyc_taxi_30min_first28d.csv"',
    "let x = 5rps",
]
NUMBERS = ["0", "-1", "1", "2", "1.5", "1e19", "9.3e18", "1e300", "-1e300", "5e-324", "nan", "inf", "-inf", "1e9", "1e6", "100", "0.5", "3", "64", "1e-9"]
UNITS = ["", "s", "ms", "min", "h", "d", "yr", "rps", "rpm", "GB", "GiB", "TB", "%", "x", "$/h", "$", "tok/s", "tpm", "kW", "FLOP", "TFLOP", "B"]
NAMES = {"WORKLOAD": ["chat", "api", "img", "web", "nosuch"], "GPU": ["h100", "l4", "a100", "b200", "mi300x", "nosuch"],
         "MODEL": ["llama-3.1-8b", "llama-3-70b", "mixtral-8x7b", "bert-base", "nosuch"], "SETTING": ["headroom", "mbu", "engine", "nosuch"],
         "COMMAND": ["size", "perf", "nosuch"], "TABLE": ["settings", "workloads", "nosuch"], "NAME": ["x", "y"],
         "PRICING": ["spot", "on-demand", "reserved-1y"], "FILE": ["data/retail_sales_monthly.csv", "nosuch.csv", "/etc/passwd", "out.json"],
         "VALUE": ["x", "\"a b\"", "1"]}


def parse_reference(path):
    commands = []
    text = open(path).read()
    for block in re.split(r"\n### ", text)[1:]:
        name = re.match(r"`([^`]+)`", block)
        if not name: continue
        usage = re.search(r"```\n(.+?)\n```", block, re.S)
        positionals = []
        if usage:
            words = usage.group(1).split()
            path = name.group(1).split()
            for w in words[len(path):]:
                if "=" in w or w.startswith("[key") or w == "...]": continue
                positionals.append(w.strip("[]."))
        options = []
        for row in re.finditer(r"^\| `([a-z_.0-9]+)=` \| `([^`]*)` \|", block, re.M):
            options.append((row.group(1), row.group(2)))
        commands.append((name.group(1), positionals, options))
    return commands


def value(rng, placeholder):
    p = placeholder
    if rng.random() < 0.15:  # anything at all
        return rng.choice(NUMBERS) + rng.choice(UNITS)
    if "|" in p and not p.startswith("N"):
        return rng.choice(p.split("|"))
    base = p.rstrip(".,").split("[")[0]
    if base in NAMES:
        v = rng.choice(NAMES[base])
        return v + ("," + rng.choice(NAMES[base]) if p.endswith(",...") and rng.random() < 0.5 else "")
    if p in ("N,...",):
        return ",".join(rng.choice(["1", "8", "0", "1e19", "-3", "64"]) for _ in range(rng.randint(1, 3)))
    if p == "pNN":
        return rng.choice(["p99", "p50", "p0", "p100", "p99.99999", "150%", "nan"])
    if p == "PCT":
        return rng.choice(["20%", "0%", "-5%", "1e19%", "100%", "nan%", "0.5", "5e-324"])
    unit = re.search(r"\[(.+)\]", p)
    number = rng.choice(NUMBERS)
    if unit and rng.random() < 0.7:
        return number + unit.group(1)
    if p in ("TIME",):
        return number + rng.choice(["s", "ms", "min", "h", "d", "yr"])
    if p in ("RATE",):
        return number + rng.choice(["rps", "rpm", "rph"])
    if p in ("BYTES",):
        return number + rng.choice(["GB", "GiB", "B"])
    return number


def statement(rng, commands):
    name, positionals, options = rng.choice(commands)
    words = [name]
    for pos in positionals:
        if pos.startswith("key"): continue
        words.append(value(rng, pos) if rng.random() < 0.9 else rng.choice(NUMBERS))
    for key, placeholder in rng.sample(options, min(len(options), rng.randint(0, 4))):
        words.append(f"{key}={value(rng, placeholder)}")
    return " ".join(words)


def run(binary, statements, workdir, timeout):
    script = os.path.join(workdir, "fuzz.cap")
    with open(script, "w") as f:
        f.write("\n".join(PRELUDE + statements) + "\n")
    try:
        p = subprocess.run([binary, "--keep-going", "--no-init", "fuzz.cap"], cwd=workdir, capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stderr
    except subprocess.TimeoutExpired:
        return "timeout", ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=250)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--seconds", type=float, help="run for this long instead of --count statements")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    commands = [c for c in parse_reference(os.path.join(ROOT, "docs", "commands.md"))
                if c[0] not in ("quit", "source", "run", "reset", "undo", "history", "help")]
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="capplan-fuzz-")
    shutil.copytree(os.path.join(ROOT, "sessions"), os.path.join(work, "s"))
    workdir = os.path.join(work, "s")
    found = []
    done = 0
    deadline = time.time() + args.seconds if args.seconds else None
    while (done < args.count) if deadline is None else (time.time() < deadline):
        batch = [statement(rng, commands) for _ in range(args.batch if deadline else min(args.batch, args.count - done))]
        done += len(batch)
        code, err = run(binary, batch, workdir, args.timeout)
        if code in (0, 1):
            continue
        # Something crashed or hung: find which statements, one at a time.
        for s in batch:
            c, e = run(binary, [s], workdir, 20)
            if c not in (0, 1):
                found.append((c, s))
                print(f"{'HANG' if c == 'timeout' else 'CRASH ' + str(c)}: {s}", flush=True)
        print(f"  {done} statements, {len(found)} found", file=sys.stderr, flush=True)
    print(f"{done} statements, {len(found)} crashing or hanging", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
